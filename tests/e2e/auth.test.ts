import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { uniqueName } from '#tests/support/databases.ts'
import { hasChromium, skipOrFailWithoutChromium } from './browser.ts'
import { useE2eSession } from './session.ts'

skipOrFailWithoutChromium('the sign-in and invitation browser tests')

const kalbarAdmin = 'bappeda.kalbar@demo.winner.id'
const kalbarApplicant = 'applicant.kalbar@demo.winner.id'
const verifySubject = 'Konfirmasi alamat email Anda untuk WiNNER'
const inviteSubject = 'Undangan bergabung dengan WiNNER Provinsi Kalimantan Barat'

const patience = { timeout: 10_000 }

type Mode = { name: string; js: boolean }
const modes: Mode[] = [
  { name: 'with JavaScript', js: true },
  { name: 'without JavaScript', js: false },
]

describe.skipIf(!hasChromium)('sign-up, sign-in and invitations in a real browser', () => {
  const e2e = useE2eSession()
  const { problems, newPage, open, settle } = e2e

  /** The newest mail to `to` whose subject starts with `subject`, as seen in the dev mailbox. */
  async function openMail(page: Page, to: string, subject: string) {
    await open(page, '/dev/mailbox')
    const mail = page
      .locator('article.mail')
      .filter({ has: page.locator('h2', { hasText: subject }) })
      .filter({ hasText: `<${to}>` })
      .first()
    await mail.waitFor()
    return mail
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('Email', { exact: true }).fill(email)
    await page.getByLabel('Kata sandi', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  }

  // Client-side navigation updates the address before React has rendered the new page.
  async function expectHeading(page: Page, text: string): Promise<void> {
    await expect.poll(() => page.locator('h1').textContent(), patience).toBe(text)
  }

  function header(page: Page) {
    return page.locator('header.site-header')
  }

  async function expectSignedIn(page: Page, workspace: string): Promise<void> {
    await expect.poll(() => header(page).getByRole('button', { name: 'Keluar' }).count(), patience).toBe(1)
    expect(await header(page).getByRole('link', { name: 'Ruang kerja' }).getAttribute('href')).toBe(workspace)
    expect(await header(page).getByRole('link', { name: 'Akun saya' }).getAttribute('href')).toBe('/account')
    expect(await header(page).getByRole('link', { name: 'Masuk' }).count()).toBe(0)
  }

  async function expectSignedOut(page: Page): Promise<void> {
    await expect.poll(() => header(page).getByRole('link', { name: 'Masuk', exact: true }).count(), patience).toBe(1)
    expect(await header(page).getByRole('link', { name: 'Daftar', exact: true }).count()).toBe(1)
    expect(await header(page).getByRole('button', { name: 'Keluar' }).count()).toBe(0)
    const cookies = await page.context().cookies(e2e.app.url)
    expect(cookies.find((c) => c.name === 'winner_session')).toBeUndefined()
  }

  for (const mode of modes) {
    it(`${mode.name}: an applicant registers, confirms the address from the mail, signs in and out`, async () => {
      const page = await newPage(mode.js)
      const email = `${uniqueName('applicant')}@e2e.example.id`
      const password = 'kopi-sanggau-2023'

      await open(page, '/register')
      await expectHeading(page, 'Daftar sebagai wirausaha sosial')
      await page.getByLabel('Nama lengkap').fill('Dayang Sumbi')
      await page.getByLabel('Email', { exact: true }).fill(email)
      await page.getByLabel('Nomor telepon / WhatsApp (opsional)').fill('+62 812 3456 7890')
      await page.getByLabel('Kata sandi', { exact: true }).fill(password)
      await page.getByLabel('Provinsi').selectOption('kalbar')
      await page.getByRole('button', { name: 'Buat akun' }).click()
      await page.locator('h1', { hasText: 'Periksa email Anda' }).waitFor()
      expect(await page.getByRole('status').textContent()).toContain(email)

      // Signing in before the address is confirmed is refused (and sends a fresh link).
      problems.allow(403, '/login')
      await open(page, '/login')
      await signIn(page, email, password)
      await page.getByText('Email Anda belum dikonfirmasi.', { exact: false }).waitFor()
      expect(page.url()).toBe(`${e2e.app.url}/login`)

      const mail = await openMail(page, email, verifySubject)
      const link = mail.locator('pre a', { hasText: '/verify-email?token=' })
      expect(await link.getAttribute('href')).toMatch(
        new RegExp(`^${escapeRegExp(e2e.app.url)}/verify-email\\?token=[A-Za-z0-9_-]+$`),
      )
      await Promise.all([page.waitForURL(/\/verify-email\?token=/), link.click()])
      await settle(page)
      await Promise.all([
        page.waitForURL(`${e2e.app.url}/login?notice=verified`),
        page.getByRole('button', { name: 'Konfirmasi email saya' }).click(),
      ])
      await settle(page)
      await page.getByText('Email Anda sudah dikonfirmasi. Silakan masuk.').waitFor()

      // Applicants land on their applications page for their province.
      await Promise.all([page.waitForURL(`${e2e.app.url}/p/kalbar/apply`), signIn(page, email, password)])
      await expectHeading(page, 'Proposal saya — Kalimantan Barat')
      await expectSignedIn(page, '/p/kalbar/apply')
      const session = (await page.context().cookies(e2e.app.url)).find((c) => c.name === 'winner_session')
      expect(session).toMatchObject({ httpOnly: true, secure: false, sameSite: 'Lax' })

      await Promise.all([
        page.waitForURL(`${e2e.app.url}/`),
        header(page).getByRole('button', { name: 'Keluar' }).click(),
      ])
      await expectSignedOut(page)
      await page.goto(`${e2e.app.url}/account`)
      expect(page.url()).toBe(`${e2e.app.url}/login?redirectTo=%2Faccount`)
      await expectSignedOut(page)
    })
  }

  for (const mode of modes) {
    it(`${mode.name}: empty fields get the server's errors in a summary, and the first press with details signs in`, async () => {
      const page = await newPage(mode.js)
      problems.allow(400, '/login')
      await open(page, '/login')
      await page.getByRole('button', { name: 'Masuk', exact: true }).click()
      const summary = page.locator('.error-summary')
      await summary.waitFor()
      expect(await summary.getByRole('link').allTextContents()).toEqual([
        expect.stringMatching(/^Email: /),
        expect.stringMatching(/^Kata sandi: /),
      ])
      // The summary has focus, so a screen reader reads it first.
      expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true)
      await Promise.all([
        page.waitForURL(`${e2e.app.url}/p/kalbar/apply`),
        signIn(page, kalbarApplicant, DEMO_PASSWORD),
      ])
    })
  }

  for (const mode of modes) {
    it(`${mode.name}: a wrong password is refused and the email stays typed`, async () => {
      const page = await newPage(mode.js)
      problems.allow(401, '/login')
      await open(page, '/login')
      await signIn(page, kalbarApplicant, 'not-the-password')
      await page.getByText('Email atau kata sandi salah.').waitFor()
      expect(page.url()).toBe(`${e2e.app.url}/login`)
      expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(kalbarApplicant)
      // The server never sends a password back into the page.
      if (!mode.js) expect(await page.getByLabel('Kata sandi', { exact: true }).inputValue()).toBe('')
      await expectSignedOut(page)
    })
  }

  for (const mode of modes) {
    it(`${mode.name}: a Bappeda admin invites an OPD reviewer, who accepts once and lands on the reviewer desk`, async () => {
      const admin = await newPage(mode.js)
      await open(admin, '/login')
      await Promise.all([admin.waitForURL(`${e2e.app.url}/p/kalbar/manage`), signIn(admin, kalbarAdmin, DEMO_PASSWORD)])
      // Signing in lands on the workspace as a document: the invitation form must reach React.
      await settle(admin)
      await expectHeading(admin, 'Kelola WiNNER Provinsi Kalimantan Barat')
      await expectSignedIn(admin, '/p/kalbar/manage')

      const name = 'Rara Anggraini'
      const email = `${uniqueName('reviewer')}@e2e.example.id`
      const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'Undang penilai OPD' }) })
      await form.getByLabel('Nama', { exact: true }).fill(name)
      await form.getByLabel('Email', { exact: true }).fill(email)
      await form.getByLabel('OPD', { exact: true }).selectOption({
        label: 'Dinkes — Dinas Kesehatan Provinsi Kalimantan Barat',
      })
      await form.getByRole('button', { name: 'Kirim undangan' }).click()
      await admin
        .getByRole('status')
        .filter({ hasText: `Undangan dikirim ke ${email}.` })
        .waitFor()
      const pending = admin.locator('li', { hasText: `${name} <${email}>` })
      expect(await pending.textContent()).toContain('Penilai OPD (Dinkes)')

      const invitee = await newPage(mode.js)
      const mail = await openMail(invitee, email, inviteSubject)
      const link = mail.locator('pre a', { hasText: '/p/kalbar/invite/' })
      const href = await link.getAttribute('href')
      expect(href).toMatch(new RegExp(`^${escapeRegExp(e2e.app.url)}/p/kalbar/invite/[A-Za-z0-9_-]+$`))
      await Promise.all([invitee.waitForURL(href as string), link.click()])
      await settle(invitee)
      await expectHeading(invitee, 'Terima undangan')
      expect(await invitee.getByLabel('Nama lengkap').inputValue()).toBe(name)
      await invitee.getByLabel('Kata sandi', { exact: true }).fill('penilai-dinkes-2023')
      await Promise.all([
        invitee.waitForURL(`${e2e.app.url}/p/kalbar/review`),
        invitee.getByRole('button', { name: 'Terima undangan' }).click(),
      ])
      await expectHeading(invitee, 'Ruang penilai — Provinsi Kalimantan Barat')
      await invitee.getByText('Anda menilai atas nama Dinas Kesehatan Provinsi Kalimantan Barat (Dinkes).').waitFor()
      await expectSignedIn(invitee, '/p/kalbar/review')

      // A fresh GET: reloading the page the invitation POST left would post the form again.
      await open(admin, '/p/kalbar/manage')
      const member = admin.locator('ul.rows > li', { hasText: email })
      expect(await member.locator('span').first().textContent()).toBe(`${name} — Penilai OPD (Dinkes) ${email}`)
      expect(await admin.locator('li', { hasText: `${name} <${email}>` }).count()).toBe(0)

      // The link is single use: a second visit, by anyone, is turned away.
      const late = await newPage(mode.js)
      const invitePath = new URL(href as string).pathname
      problems.allow(400, invitePath)
      const again = await late.goto(href as string)
      expect(again?.status()).toBe(400)
      await late.getByText('Tautan ini tidak berlaku').waitFor()
      expect(await late.getByRole('button', { name: 'Terima undangan' }).count()).toBe(0)
    })
  }
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
