import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { instantToLocal, localToInstant } from '#app/modules/calls/zoned-time.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { hasChromium, skipOrFailWithoutChromium } from './browser.ts'
import { useE2eSession } from './session.ts'

skipOrFailWithoutChromium('the catalogue and call browser test')

// Jawa Timur starts the demo with only the demo reviewer's fallback OPD: no issue, no FGD, no call.
const jatimAdmin = 'bappeda.jatim@demo.winner.id'
const zone = 'Asia/Jakarta'

const opd = { name: 'Dinas Kesehatan Provinsi Jawa Timur', short: 'Dinkes' }
const opdLabel = `${opd.short} — ${opd.name}`
const demoOpdLabel = 'Bappeda — Bappeda Provinsi Jawa Timur (demo)'
const issue = {
  titleId: 'Akses layanan kesehatan di desa terpencil',
  titleEn: 'Access to health services in remote villages',
}
const fgdPlace = 'Kantor Bappeda Jawa Timur, Surabaya'

const DAY = 24 * 60 * 60 * 1000
const today = instantToLocal(new Date(), zone).slice(0, 10)
const dayFrom = (isoDay: string, days: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)
const heldOn = dayFrom(today, -7)
// Opening at midnight today makes the call open as soon as it is published.
const opensAt = `${today}T00:00`
const closesAt = `${dayFrom(today, 14)}T23:59`
const closes = localToInstant(closesAt, zone)

const patience = { timeout: 10_000 }

describe.skipIf(!hasChromium)('a Bappeda admin opens registration in a real browser', () => {
  const e2e = useE2eSession()
  const { newPage, open, settle } = e2e
  let fileDir: string
  let minutesPath: string

  beforeAll(async () => {
    fileDir = await mkdtemp(path.join(os.tmpdir(), 'winner-e2e-files-'))
    minutesPath = path.join(fileDir, 'notulen-fgd-jatim.pdf')
    await writeFile(minutesPath, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
  })

  afterAll(async () => {
    if (fileDir) await rm(fileDir, { recursive: true, force: true })
  })

  async function signInAsAdmin(page: Page): Promise<void> {
    await open(page, '/login')
    await page.getByLabel('Email', { exact: true }).fill(jatimAdmin)
    await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
    await Promise.all([
      page.waitForURL(`${e2e.app.url}/p/jatim/manage`),
      page.getByRole('button', { name: 'Masuk', exact: true }).click(),
    ])
    await settle(page)
    await expectHeading(page, 'Kelola WiNNER Provinsi Jawa Timur')
  }

  // Client-side navigation updates the address before React has rendered the new page.
  async function expectHeading(page: Page, text: string): Promise<void> {
    await expect.poll(() => page.locator('h1').textContent(), patience).toBe(text)
  }

  /** Follows one of the manage page's links, as a client-side navigation. */
  async function goTo(page: Page, link: string, pathname: string, heading: string): Promise<void> {
    await Promise.all([
      page.waitForURL(`${e2e.app.url}${pathname}`),
      page.locator('main').getByRole('link', { name: link, exact: true }).click(),
    ])
    await expectHeading(page, heading)
  }

  async function expectStatus(page: Page, text: string): Promise<void> {
    await page.getByRole('status').filter({ hasText: text }).waitFor()
  }

  function checklistItem(page: Page, item: string) {
    return page.locator(`ul.checklist > li[data-item="${item}"]`)
  }

  function provinceCard(page: Page) {
    return page.locator('.card', { has: page.getByRole('link', { name: 'Jawa Timur', exact: true }) })
  }

  it('before: the portal shows no issue and no registration dates for Jawa Timur', async () => {
    const visitor = await newPage(false)
    await open(visitor, '/p/jatim')
    expect(await visitor.locator('h1').textContent()).toBe('Provinsi Jawa Timur')
    expect(await visitor.locator('.status-line').textContent()).toBe('Jadwal pendaftaran belum diumumkan')
    expect(await visitor.getByText('Provinsi ini belum menerbitkan isu strategis.').count()).toBe(1)
    expect(await visitor.getByRole('link', { name: 'Daftar sekarang' }).count()).toBe(0)
    await open(visitor, '/')
    expect(await provinceCard(visitor).locator('.call').textContent()).toBe('Jadwal pendaftaran belum diumumkan')
    expect(await provinceCard(visitor).textContent()).toContain('0 isu terbit')
  })

  it('without JavaScript: the admin adds an OPD', async () => {
    const admin = await newPage(false)
    await signInAsAdmin(admin)
    await open(admin, '/p/jatim/manage/opds')
    await expectHeading(admin, 'OPD Provinsi Jawa Timur')
    const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'Tambah OPD' }) })
    await form.getByLabel('Nama lengkap', { exact: true }).fill(opd.name)
    await form.getByLabel('Singkatan', { exact: true }).fill(opd.short)
    await form.getByLabel('Kepala OPD (opsional)').fill('dr. Erwin Astha Triyono')
    await form.getByLabel('Email kontak (opsional)').fill('dinkes@jatimprov.go.id')
    await form.getByRole('button', { name: 'Tambah OPD' }).click()
    await expectStatus(admin, 'OPD ditambahkan.')
    const row = admin.locator('tbody tr', { hasText: opd.name })
    expect(await row.locator('td').first().textContent()).toBe(opd.short)
    expect(await row.textContent()).toContain('Aktif')
    // The form is emptied for the next OPD.
    expect(await form.getByLabel('Nama lengkap', { exact: true }).inputValue()).toBe('')
  })

  it('with JavaScript: the admin records the FGD, validates and publishes an issue, then opens a call', async () => {
    const admin = await newPage(true)
    await signInAsAdmin(admin)

    // The demo reviewer and OPD are there already; the issue and the call dates are not.
    await goTo(admin, 'Daftar periksa', '/p/jatim/manage/checklist', 'Daftar periksa pembukaan — Provinsi Jawa Timur')
    for (const item of ['opd', 'reviewer']) expect(await checklistItem(admin, item).getAttribute('class')).toBe('done')
    for (const item of ['publishedIssue', 'callDates']) {
      expect(await checklistItem(admin, item).getAttribute('class')).toBe('missing')
    }
    await expectStatus(admin, 'Masih kurang 2 butir: pendaftaran belum dapat dibuka.')

    await open(admin, '/p/jatim/manage')
    await goTo(admin, 'FGD validasi', '/p/jatim/manage/fgd', 'FGD validasi isu Provinsi Jawa Timur')
    const fgdForm = admin.locator('form', { has: admin.getByRole('heading', { name: 'Catat FGD validasi' }) })
    await fgdForm.getByLabel('Tanggal', { exact: true }).fill(heldOn)
    await fgdForm.getByLabel('Tempat', { exact: true }).fill(fgdPlace)
    await fgdForm.getByLabel('Fasilitator (opsional)').fill('Tim Bappeda Jawa Timur')
    const participants = fgdForm.getByRole('group', { name: 'OPD peserta' })
    await participants.getByLabel(opdLabel, { exact: true }).check()
    await participants.getByLabel(demoOpdLabel, { exact: true }).check()
    await fgdForm
      .getByLabel('Ringkasan hasil (opsional)')
      .fill('Akses layanan kesehatan di desa disepakati sebagai isu.')
    await fgdForm.getByLabel('Notulen (PDF)').setInputFiles(minutesPath)
    await fgdForm.getByRole('button', { name: 'Simpan catatan FGD' }).click()
    await expectStatus(admin, 'Catatan FGD disimpan.')
    const record = admin.locator('ul.rows > li', { hasText: fgdPlace })
    expect(await record.locator('strong').textContent()).toBe(`${formatDate(heldOn, 'id')}, ${fgdPlace}`)
    expect(await record.textContent()).toContain(`Peserta: ${[opd.short, 'Bappeda'].sort().join(', ')}`)
    const minutesLink = record.getByRole('link', { name: 'Unduh notulen (notulen-fgd-jatim.pdf)' })
    const minutes = await admin.request.get(`${e2e.app.url}${await minutesLink.getAttribute('href')}`)
    expect(minutes.status()).toBe(200)
    expect(minutes.headers()['content-type']).toBe('application/pdf')
    expect((await minutes.body()).subarray(0, 8).toString()).toBe('%PDF-1.4')

    await open(admin, '/p/jatim/manage')
    await goTo(admin, 'Isu strategis', '/p/jatim/manage/issues', 'Isu strategis Provinsi Jawa Timur')
    const issueForm = admin.locator('form', {
      has: admin.getByRole('heading', { name: 'Tambah isu dari daftar isu nasional' }),
    })
    await issueForm.getByLabel('Isu nasional', { exact: true }).selectOption({ label: 'Kesehatan' })
    await issueForm.getByLabel('Judul (Bahasa Indonesia)').fill(issue.titleId)
    await issueForm.getByLabel('Judul (Bahasa Inggris)').fill(issue.titleEn)
    await issueForm.getByLabel('OPD pengampu', { exact: true }).selectOption({ label: opdLabel })
    await Promise.all([
      admin.waitForURL(new RegExp(`^${escapeRegExp(e2e.app.url)}/p/jatim/manage/issues/[0-9a-f-]{36}$`)),
      issueForm.getByRole('button', { name: 'Buat draf isu' }).click(),
    ])
    await expectHeading(admin, issue.titleId)
    expect(await admin.getByRole('heading', { name: 'Status: Draf' }).count()).toBe(1)
    await admin.getByLabel('Catatan FGD validasi').selectOption({ label: `${formatDate(heldOn, 'id')} — ${fgdPlace}` })
    await admin.getByRole('button', { name: 'Tandai tervalidasi' }).click()
    await expectStatus(admin, 'Isu ditandai tervalidasi.')
    await admin.getByRole('heading', { name: 'Status: Tervalidasi' }).waitFor()
    expect(await admin.locator('section.box').textContent()).toContain(
      `Divalidasi pada ${formatDate(heldOn, 'id')} di ${fgdPlace}`,
    )
    await admin.getByRole('button', { name: 'Terbitkan', exact: true }).click()
    await expectStatus(admin, 'Isu diterbitkan dan tampil di portal.')
    await admin.getByRole('heading', { name: 'Status: Terbit' }).waitFor()

    await open(admin, '/p/jatim/manage')
    await goTo(admin, 'Pendaftaran', '/p/jatim/manage/calls', 'Periode pendaftaran — Provinsi Jawa Timur')
    const callForm = admin.locator('form', { has: admin.getByRole('heading', { name: 'Periode pendaftaran baru' }) })
    await callForm.getByLabel('Dibuka (WIB)').fill(opensAt)
    await callForm.getByLabel('Ditutup (WIB)').fill(closesAt)
    await callForm.getByLabel('Kriteria peserta (Bahasa Indonesia)').fill('Wirausaha sosial berdomisili di Jawa Timur.')
    await callForm.getByLabel('Kriteria peserta (Bahasa Inggris)').fill('Social entrepreneurs based in East Java.')
    await Promise.all([
      admin.waitForURL(new RegExp(`^${escapeRegExp(e2e.app.url)}/p/jatim/manage/calls/[0-9a-f-]{36}\\?created=1$`)),
      callForm.getByRole('button', { name: 'Simpan sebagai draf' }).click(),
    ])
    await expectStatus(admin, 'Periode pendaftaran disimpan sebagai draf.')
    expect(await admin.getByText('Status: Draf (belum terbit)').count()).toBe(1)
    await admin
      .getByText('Daftar periksa lengkap. Setelah terbit, pendaftaran dibuka otomatis pada tanggal pembukaan.')
      .waitFor()
    await Promise.all([
      admin.waitForURL(/\?published=1$/),
      admin.getByRole('button', { name: 'Terbitkan periode pendaftaran' }).click(),
    ])
    await expectStatus(admin, 'Periode pendaftaran diterbitkan dan tampil di portal.')
    await admin.getByText('Status: Terbit — sedang dibuka').waitFor()
    expect(await admin.getByRole('button', { name: 'Terbitkan periode pendaftaran' }).count()).toBe(0)

    await open(admin, '/p/jatim/manage/checklist')
    for (const item of ['publishedIssue', 'opd', 'reviewer', 'callDates']) {
      expect(await checklistItem(admin, item).getAttribute('class'), item).toBe('done')
    }
    const opens = formatDateTime(localToInstant(opensAt, zone), 'id', zone)
    await expectStatus(admin, `Pendaftaran terbit: ${opens} – ${formatDateTime(closes, 'id', zone)}.`)
  })

  it('after: a visitor sees the open call and the issue in Indonesian, then in English', async () => {
    const visitor = await newPage(false)
    await open(visitor, '/p/jatim')
    expect(await visitor.locator('html').getAttribute('lang')).toBe('id')
    expect(await visitor.locator('h1').textContent()).toBe('Provinsi Jawa Timur')
    expect(await visitor.locator('.status-line').textContent()).toBe(
      `Pendaftaran dibuka — ditutup ${formatDateTime(closes, 'id', zone)}`,
    )
    expect(await visitor.getByRole('link', { name: 'Daftar sekarang' }).getAttribute('href')).toBe('/p/jatim/register')
    const card = visitor.locator('ol.issue-cards > li')
    expect(await card.count()).toBe(1)
    expect(await card.locator('h3').textContent()).toBe(issue.titleId)
    expect(await card.locator('.facts li').allTextContents()).toEqual([
      `OPD penanggung jawab: ${opd.name} (${opd.short})`,
      'Isu nasional: Kesehatan',
      `Divalidasi ${formatDate(heldOn, 'id')} di ${fgdPlace}`,
    ])

    await open(visitor, '/')
    expect(await provinceCard(visitor).locator('.call').textContent()).toBe(
      `Pendaftaran dibuka — ditutup ${formatDateTime(closes, 'id', zone)}`,
    )
    expect(await provinceCard(visitor).textContent()).toContain('1 isu terbit')

    await open(visitor, '/p/jatim')
    await Promise.all([
      visitor.waitForURL(`${e2e.app.url}/p/jatim?lng=en`),
      visitor.getByRole('link', { name: 'English', exact: true }).click(),
    ])
    expect(await visitor.locator('html').getAttribute('lang')).toBe('en')
    expect(await visitor.locator('h1').textContent()).toBe('Jawa Timur Province')
    expect(await visitor.locator('.status-line').textContent()).toBe(
      `Open — closes ${formatDateTime(closes, 'en', zone)}`,
    )
    expect(await visitor.getByRole('link', { name: 'Apply now' }).getAttribute('href')).toBe('/p/jatim/register')
    expect(await card.locator('h3').textContent()).toBe(issue.titleEn)
    expect(await card.locator('.facts li').allTextContents()).toEqual([
      `Lead agency: ${opd.name} (${opd.short})`,
      'National issue: Health',
      `Validated ${formatDate(heldOn, 'en')} in ${fgdPlace}`,
    ])

    // The language cookie carries English to the home page.
    await open(visitor, '/')
    expect(await visitor.locator('html').getAttribute('lang')).toBe('en')
    expect(await provinceCard(visitor).locator('.call').textContent()).toBe(
      `Open — closes ${formatDateTime(closes, 'en', zone)}`,
    )
    expect(await provinceCard(visitor).textContent()).toContain('1 published issue')
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
