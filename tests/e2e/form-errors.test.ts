import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { axeFindings } from './axe.ts'
import { hasChromium, skipOrFailWithoutChromium } from './browser.ts'
import { useE2eSession } from './session.ts'

skipOrFailWithoutChromium('the error states of the signed-in forms')

// The crawl (crawl.test.ts) sees each page as it loads; a form's error state only exists
// after a failed submission. With JavaScript on, conform answers in the page before the
// server does (or the route's action answers the fetch); without it the server's page is
// all there is. Both must show the error summary (GOV.UK pattern: each problem a link to
// its field, the field marked invalid and described by its error) and pass axe.
process.env.TZ = 'UTC'
const browserZone = { timezoneId: 'Asia/Makassar' }

interface EmptyForm {
  who: string
  email: string
  path: string
  /** The form's submit button. */
  button: string
  /** A <details> summary to open first, when the form sits in one. */
  open?: string
}

const kalbar = 'bappeda.kalbar@demo.winner.id'
const sulsel = 'bappeda.sulsel@demo.winner.id'
const ministry = 'ministry@demo.winner.id'
const forms: EmptyForm[] = [
  { who: 'Bappeda', email: kalbar, path: '/p/kalbar/manage', button: 'Kirim undangan' },
  { who: 'Bappeda', email: kalbar, path: '/p/kalbar/manage/issues', button: 'Buat draf isu' },
  { who: 'Bappeda', email: kalbar, path: '/p/kalbar/manage/calls', button: 'Simpan sebagai draf' },
  { who: 'Bappeda', email: sulsel, path: '/p/sulsel/manage/mous', button: 'Buat draf MoU' },
  { who: 'Bappeda', email: sulsel, path: '/p/sulsel/manage/cocreation/new', button: 'Simpan acara' },
  {
    who: 'ministry',
    email: ministry,
    path: '/national',
    button: 'Kirim undangan',
    open: 'Undang admin Bappeda sebuah provinsi',
  },
  { who: 'ministry', email: ministry, path: '/national/editions', button: 'Buat edisi' },
  { who: 'ministry', email: ministry, path: '/national/issues', button: 'Tambah isu' },
]

const cases = forms.flatMap((form) => [
  { ...form, js: true, mode: 'with JavaScript' },
  { ...form, js: false, mode: 'without JavaScript' },
])

describe.skipIf(!hasChromium)('signed-in forms sent empty show their errors accessibly', () => {
  const e2e = useE2eSession()
  const { newPage, open, settle } = e2e

  async function signIn(page: Page, email: string): Promise<void> {
    await open(page, '/login')
    await page.getByLabel('Email', { exact: true }).fill(email)
    await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
    await Promise.all([
      page.waitForURL((url) => url.pathname !== '/login'),
      page.getByRole('button', { name: 'Masuk', exact: true }).click(),
    ])
    await settle(page)
  }

  /**
   * axe on a page without JavaScript. axe waits on timers, which such a page never runs, so
   * it checks the same HTML (scripts left out) served at the same address to a page with it.
   */
  async function axeFindingsWithoutScripts(page: Page): Promise<string[]> {
    const body = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '')
    const url = page.url()
    const copy = await newPage(true, browserZone)
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }))
    await copy.goto(url)
    return axeFindings(copy)
  }

  it.each(cases)('$who: $path ($button) $mode', { timeout: 60_000 }, async (form) => {
    const page = await newPage(form.js, browserZone)
    await signIn(page, form.email)
    await open(page, form.path)
    if (form.open) await page.getByText(form.open, { exact: true }).click()
    e2e.problems.allow(400, form.path)
    const button = page.getByRole('button', { name: form.button, exact: true })
    // The browser's own checks off, as an old phone may not have them: the app's must answer.
    await button.evaluate((b) => {
      ;((b as HTMLButtonElement).form as HTMLFormElement).noValidate = true
    })
    if (form.js) {
      await button.click()
    } else {
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 400),
        button.click(),
      ])
    }
    const summary = page.locator('.error-summary')
    await summary.waitFor()
    const problems = await summary.evaluate((box) =>
      [...box.querySelectorAll('a[href^="#"]')].map((a) => {
        const field = document.getElementById((a.getAttribute('href') ?? '').slice(1))
        const control = field?.matches('input, select, textarea') ? field : null
        const described = (control?.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
        return {
          link: a.textContent ?? '',
          found: field !== null,
          // A control is marked invalid and described by an error text that is on the page.
          invalid: control === null || control.getAttribute('aria-invalid') === 'true',
          described:
            control === null ||
            described.some((id) => document.getElementById(id)?.classList.contains('field-error') ?? false),
        }
      }),
    )
    expect(problems.length, 'each problem links to its field').toBeGreaterThan(0)
    for (const p of problems)
      expect(p, `the field of "${p.link}"`).toMatchObject({ found: true, invalid: true, described: true })
    expect(await (form.js ? axeFindings(page) : axeFindingsWithoutScripts(page))).toEqual([])
  })
})
