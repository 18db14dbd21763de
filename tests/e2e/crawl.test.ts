import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { axeFindings } from './axe.ts'
import { hasChromium, skipOrFailWithoutChromium } from './browser.ts'
import { routeOf } from './route-patterns.ts'
import { useE2eSession } from './session.ts'

skipOrFailWithoutChromium('the crawl for page errors')

// The server runs in UTC; a browser elsewhere makes any text that depends on the
// runtime's own zone or locale differ between server and client render (a hydration error).
process.env.TZ = 'UTC' // inherited by the app process the session starts
const browserZone = { timezoneId: 'Asia/Makassar' }
// One page per route: pages of one kind share their markup and formatting, and the
// crawl stays short (each page is a full document load and a hydration).
const pagesPerRole = Number(process.env.CRAWL_PAGES ?? 20)

const roles = [
  { role: 'ministry', email: 'ministry@demo.winner.id', landing: '/national' },
  { role: 'ERAT', email: 'erat@demo.winner.id', landing: '/national' },
  { role: 'Bappeda Kalbar', email: 'bappeda.kalbar@demo.winner.id', landing: '/p/kalbar/manage' },
  { role: 'reviewer Banten', email: 'reviewer.banten@demo.winner.id', landing: '/p/banten/review' },
  { role: 'applicant Kalbar', email: 'applicant.kalbar@demo.winner.id', landing: '/p/kalbar/apply' },
  // Banten is in review; Sumut's cohort is mentored; the juror holds no role,
  // only a seat at the (past, published) Final Night.
  { role: 'Bappeda Banten', email: 'bappeda.banten@demo.winner.id', landing: '/p/banten/manage' },
  // Sulsel screens its closed call and holds the co-creation event and the MoU of 2023.
  { role: 'Bappeda Sulsel', email: 'bappeda.sulsel@demo.winner.id', landing: '/p/sulsel/manage' },
  { role: 'mentor Sumut', email: 'mentor1.sumut@demo.winner.id', landing: '/p/sumut/mentoring' },
  { role: 'juror', email: 'juror@demo.winner.id', landing: '/final-night/' },
]

// Forms sent empty (the browser's own checks switched off, as an old phone may not have
// them): the page comes back from the server with its error summary, which axe checks too.
// These are the pages without hydration, where the server's answer is all there is.
const emptyForms = [
  { path: '/login', button: 'Masuk' },
  { path: '/register', button: 'Buat akun' },
  { path: '/forgot-password', button: 'Kirim tautan' },
]

/** Links a crawl must not follow: signing out, downloads, and the language switch (it would change the crawl's language). */
function isFollowable(url: URL, origin: string): boolean {
  if (url.origin !== origin) return false
  if (url.searchParams.has('lng')) return false
  const path = url.pathname
  if (path === '/logout' || path.startsWith('/dev/')) return false
  return !/\.(csv|xlsx|pdf|json)$|\/files\/|\/minutes$|\/logo$|\/document$/.test(path)
}

/**
 * The primary-styled actions the page shows: a plain <button> is the primary style
 * (app/styles/app.css), `.secondary`, `.link` and `.danger` are not; one in a closed <details> is not
 * shown. A page has at most one (docs/ARCHITECTURE.md#page-parts).
 */
function primaryActions(page: Page): Promise<string[]> {
  return page
    .locator('main button:not(.secondary):not(.link):not(.danger)')
    .evaluateAll((buttons) => buttons.filter((b) => b.checkVisibility()).map((b) => (b.textContent ?? '').trim()))
}

describe.skipIf(!hasChromium)(
  'every page a demo role reaches loads with a title, without a page or console error, and passes axe (id and en)',
  () => {
    const e2e = useE2eSession()
    const { newPage, open, problems } = e2e

    /** Signs in and answers the path the sign-in landed on, which starts with `landing`. */
    async function signIn(page: Page, email: string, landing: string): Promise<string> {
      await open(page, '/login')
      await page.getByLabel('Email', { exact: true }).fill(email)
      await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
      await Promise.all([
        page.waitForURL((url) => url.pathname !== '/login' && url.pathname.startsWith(landing)),
        page.getByRole('button', { name: 'Masuk', exact: true }).click(),
      ])
      return new URL(page.url()).pathname
    }

    /**
     * Loads each page as a document (so the client hydrates the server's HTML) and follows
     * its links breadth first, the role's own workspace (under `start`) before the rest.
     */
    async function crawl(page: Page, start: string): Promise<{ visited: string[]; found: string[] }> {
      const origin = e2e.app.url
      const queue = [start]
      const seen = new Set(queue)
      const routes = new Set<string>()
      const visited: string[] = []
      const found: string[] = []
      while (queue.length > 0 && visited.length < pagesPerRole) {
        const own = queue.findIndex((p) => p === start || p.startsWith(`${start}/`) || p.startsWith(`${start}?`))
        const [path] = queue.splice(Math.max(own, 0), 1) as [string]
        const route = routeOf(new URL(path, origin).pathname)
        if (routes.has(route)) continue
        routes.add(route)
        visited.push(path)
        await open(page, path)
        for (const problem of problems.take()) found.push(`${path}: ${problem}`)
        // A localised title, also after hydration: "<page> — <area> — WiNNER" (issue 13).
        const title = await page.title()
        if (!/^[^—]+ — (.+ — )?WiNNER$/.test(title)) found.push(`${path}: title "${title}"`)
        for (const finding of await axeFindings(page)) found.push(`${path} [id]: ${finding}`)
        const primaries = await primaryActions(page)
        if (primaries.length > 1) found.push(`${path}: ${primaries.length} primary actions (${primaries.join(' | ')})`)
        const hrefs = await page
          .locator('a[href]:not([download])')
          .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))
        for (const href of hrefs) {
          const url = new URL(href)
          const next = url.pathname + url.search
          if (!isFollowable(url, origin) || seen.has(next)) continue
          seen.add(next)
          queue.push(next)
        }
      }
      return { visited, found }
    }

    it.each(roles)('as $role, from $landing', { timeout: pagesPerRole * 9_000 }, async ({ email, landing }) => {
      const page = await newPage(true, browserZone)
      const { visited, found } = await crawl(page, await signIn(page, email, landing))
      // The same pages in English (the remembered language choice), checked by axe again.
      await page.context().addCookies([{ name: 'lng', value: 'en', url: e2e.app.url }])
      for (const path of visited) {
        await open(page, path)
        for (const problem of problems.take()) found.push(`${path} [en]: ${problem}`)
        for (const finding of await axeFindings(page)) found.push(`${path} [en]: ${finding}`)
      }
      expect(visited.length, `pages crawled: ${visited.join(' ')}`).toBeGreaterThan(3)
      expect(found, 'page errors, console errors (hydration included) or error statuses').toEqual([])
    })

    it('signed out, from the portal', { timeout: 120_000 }, async () => {
      const page = await newPage(true, browserZone)
      const { visited, found } = await crawl(page, '/')
      expect(visited, 'the portal, a province, sign-in and registration').toEqual(
        expect.arrayContaining(['/', '/login', '/register']),
      )
      expect(found, 'page errors, console errors or error statuses').toEqual([])
    })

    it.each(emptyForms)('$path sent empty shows its errors accessibly', { timeout: 60_000 }, async (form) => {
      const page = await newPage(true, browserZone)
      await open(page, form.path)
      e2e.problems.allow(400, form.path)
      const button = page.getByRole('button', { name: form.button, exact: true })
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 400),
        button.evaluate((b) => {
          const owner = (b as HTMLButtonElement).form as HTMLFormElement
          owner.noValidate = true
          owner.requestSubmit(b as HTMLButtonElement)
        }),
      ])
      const summary = page.locator('.error-summary')
      await summary.waitFor()
      expect(await summary.locator('a[href^="#"]').count(), 'each problem links to its field').toBeGreaterThan(0)
      const found = [...problems.take(), ...(await axeFindings(page))]
      expect(found).toEqual([])
    })
  },
)
