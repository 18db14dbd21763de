import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_RUBRIC } from '#app/modules/review/default-rubric.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { provinceFixture } from '#tests/factories/demo.ts'
import { createApplicationInReview, FIXTURE_PASSWORD } from '#tests/factories/selection.ts'
import { type AppDatabase, prepareAppDatabase } from '#tests/support/app-database.ts'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { BrowserProblems, hasChromium, launchChromium, skipOrFailWithoutChromium } from './browser.ts'

skipOrFailWithoutChromium('the selection flow browser test')

// Issue 7 end to end in Chromium, without JavaScript (every step is a plain form):
// Bappeda screens four submitted applications and assigns reviewers; the reviewer
// declares no conflict and scores each with "save and next"; Bappeda shortlists and
// picks three justified finalists and sends them; the ministry confirms and publishes;
// the applicant sees the result and the portal lists the finalists. The applications
// are written through SQL before the server starts, on PostgreSQL and on the embedded
// database alike.

const text = async (l: Locator) => (await l.textContent()) ?? ''
const VENTURES = [
  'Koperasi Air Bersih Kapuas',
  'Bank Sampah Khatulistiwa',
  'Tenun Ikat Sintang',
  'Kopi Liberika Kayong',
]
const JUSTIFICATION = 'Dampak sosial terukur dan model usaha yang berkelanjutan.'

describe.skipIf(!hasChromium)('issue 7: screen, assign, score, select, confirm, publish', () => {
  let app: AppProcess
  let browser: Browser
  let database: AppDatabase
  const problems = new BrowserProblems()
  const ids: string[] = []
  let applicantEmail = ''

  beforeAll(async () => {
    database = await prepareAppDatabase(async (owner) => {
      const fx = await provinceFixture(owner, 'kalbar')
      // Three reviewers per application: the demo's three Kalbar reviewers each get all four; review open for three weeks.
      await owner
        .updateTable('calls')
        .set({ reviewers_per_application: 3, review_closes_at: new Date(Date.now() + 21 * 86_400_000) })
        .where('id', '=', fx.callId)
        .execute()
      await withTenant(owner, { provinceId: fx.province.id }, async (trx) => {
        await trx
          .insertInto('rubric_criteria')
          .values(
            DEFAULT_RUBRIC.map((c, i) => ({
              province_id: fx.province.id,
              call_id: fx.callId,
              key: c.key,
              position: i + 1,
              weight: c.weight,
              title_id: c.title.id,
              title_en: c.title.en,
              levels: JSON.stringify(c.levels),
            })),
          )
          .execute()
      })
      for (const [i, venture] of VENTURES.entries()) {
        const made = await createApplicationInReview(
          owner,
          { provinceId: fx.province.id, editionId: fx.editionId, callId: fx.callId },
          {
            venture,
            applicant: `Pendaftar ${i + 1}`,
            issueId: fx.issues[0]?.id ?? '',
            receipt: `WNR-E2E-KALBAR-${i + 1}`,
            status: 'submitted',
          },
        )
        ids.push(made.id)
        if (i === 0) applicantEmail = made.applicant.email
      }
    })
    ;[app, browser] = await Promise.all([
      startAppProcess({ env: { DEV_MAILBOX: '1', ...database.env } }),
      launchChromium(),
    ])
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
    await database?.cleanup()
  })

  afterEach(() => {
    expect(problems.take(), 'console errors, page errors, failed requests or error statuses').toEqual([])
  })

  async function signedIn(email: string, password: string): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'id-ID' })
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    problems.watch(page, false)
    await page.goto(`${app.url}/login`)
    await page.getByLabel('Email', { exact: true }).fill(email)
    await page.getByLabel('Kata sandi', { exact: true }).fill(password)
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.getByRole('button', { name: 'Masuk', exact: true }).click(),
    ])
    return page
  }

  const go = async (page: Page, path: string) => {
    const res = await page.goto(`${app.url}${path}`)
    expect(res?.status(), path).toBe(200)
  }
  const submit = async (page: Page, button: ReturnType<Page['getByRole']>) => {
    await Promise.all([page.waitForEvent('load'), button.click()])
  }

  // Some forty page loads on a shared two-core machine: more than the default 30 s.
  it('runs the 2023 flow end to end', { timeout: 180_000 }, async () => {
    // Bappeda screens every application eligible, then assigns the reviewers.
    const admin = await signedIn('bappeda.kalbar@demo.winner.id', DEMO_PASSWORD)
    for (const id of ids) {
      await go(admin, `/p/kalbar/manage/screening/${id}`)
      await admin.getByLabel('Lolos', { exact: true }).check()
      await submit(admin, admin.getByRole('button', { name: 'Simpan keputusan' }))
      expect(await text(admin.locator('main'))).toContain('Lolos seleksi administrasi')
    }
    await go(admin, '/p/kalbar/manage/review/assignments')
    await submit(admin, admin.getByRole('button', { name: 'Tugaskan semua' }))
    expect(await text(admin.locator('main'))).toContain('Semua proposal mendapat cukup penilai.')

    // The reviewer declares no conflict, then scores each with "save and next".
    const reviewer = await signedIn('reviewer.kalbar@demo.winner.id', DEMO_PASSWORD)
    await go(reviewer, `/p/kalbar/review/${ids[0]}`)
    for (const [n] of ids.entries()) {
      await submit(reviewer, reviewer.getByRole('button', { name: 'Saya tidak memiliki konflik kepentingan' }))
      const groups = reviewer.locator('form fieldset fieldset')
      const count = await groups.count()
      expect(count).toBe(DEFAULT_RUBRIC.length)
      // Application n gets 5 − n on every criterion: a clear order 1 > 2 > 3 > 4.
      for (let c = 0; c < count; c++)
        await groups
          .nth(c)
          .locator(`input[type=radio][value="${5 - n}"]`)
          .check()
      await submit(reviewer, reviewer.getByRole('button', { name: 'Simpan dan berikutnya' }))
    }
    expect(new URL(reviewer.url()).pathname).toBe('/p/kalbar/review')

    // Bappeda ranks, shortlists the top three, justifies them as finalists and sends them.
    await go(admin, '/p/kalbar/manage/ranking')
    expect(await admin.locator('#leaderboard tbody tr').count()).toBe(4)
    expect(await text(admin.locator('#leaderboard tbody tr').first())).toContain(VENTURES[0] as string)
    for (const id of ids.slice(0, 3)) {
      await go(admin, '/p/kalbar/manage/selection')
      await submit(
        admin,
        admin.locator(`tr[data-application="${id}"]`).getByRole('button', { name: 'Masukkan daftar pendek' }),
      )
    }
    for (const id of ids.slice(0, 3)) {
      await admin.locator(`#j-${id}`).fill(JUSTIFICATION)
      await submit(
        admin,
        admin
          .locator('form', { has: admin.locator(`#j-${id}`) })
          .getByRole('button', { name: 'Simpan sebagai finalis' }),
      )
    }
    expect(await admin.locator('#finalists li').count()).toBe(3)
    await submit(admin, admin.getByRole('button', { name: 'Kirim ke Kementerian' }))
    expect(await text(admin.locator('#selection-status'))).toContain('Menunggu konfirmasi Kementerian')

    // The applicant sees nothing of it yet.
    const applicant = await signedIn(applicantEmail, FIXTURE_PASSWORD)
    await go(applicant, `/p/kalbar/apply/${ids[0]}`)
    expect(await applicant.locator('#outcome').count()).toBe(0)

    // The ministry confirms and publishes.
    const ministry = await signedIn('ministry@demo.winner.id', DEMO_PASSWORD)
    await go(ministry, '/national/selections/kalbar')
    expect(await text(ministry.locator('#finalists'))).toContain(JUSTIFICATION)
    await submit(ministry, ministry.getByRole('button', { name: 'Konfirmasi seleksi' }))
    await submit(ministry, ministry.getByRole('button', { name: 'Umumkan hasil' }))
    expect(await text(ministry.locator('#selection-status'))).toContain('Diumumkan')

    // The applicant sees the result; the portal lists the finalists.
    await go(applicant, `/p/kalbar/apply/${ids[0]}`)
    expect(await text(applicant.locator('#outcome'))).toContain('terpilih sebagai salah satu finalis')
    await go(applicant, '/p/kalbar')
    for (const v of VENTURES.slice(0, 3)) expect(await text(applicant.locator('main'))).toContain(v)
    expect(await text(applicant.locator('main'))).not.toContain(VENTURES[3] as string)
  })
})
