import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
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
const pagesPerRole = 20

const roles = [
  { role: 'ministry', email: 'ministry@demo.winner.id', landing: '/national' },
  { role: 'ERAT', email: 'erat@demo.winner.id', landing: '/national' },
  { role: 'Bappeda Kalbar', email: 'bappeda.kalbar@demo.winner.id', landing: '/p/kalbar/manage' },
  { role: 'reviewer Banten', email: 'reviewer.banten@demo.winner.id', landing: '/p/banten/review' },
  { role: 'applicant Kalbar', email: 'applicant.kalbar@demo.winner.id', landing: '/p/kalbar/apply' },
]

// axe-core checks each page for accessibility (WCAG) violations; the pages' nonce CSP
// refuses an injected inline script, so its source is evaluated through the DevTools protocol.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact?: string | null
  nodes: { target: unknown[] }[]
}

/** The serious and critical axe violations on the page as it is now: "rule (impact) first target". */
async function axeFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown[] }> } }).axe
    return (await axe.run(document, { resultTypes: ['violations'] })).violations
  })
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.id} (${v.impact}) at ${JSON.stringify(v.nodes[0]?.target ?? [])}`)
}

/** Links a crawl must not follow: signing out, downloads, and the language switch (it would change the crawl's language). */
function isFollowable(url: URL, origin: string): boolean {
  if (url.origin !== origin) return false
  if (url.searchParams.has('lng')) return false
  const path = url.pathname
  if (path === '/logout' || path.startsWith('/dev/')) return false
  return !/\.(csv|xlsx|pdf)$|\/files\/|\/minutes$|\/logo$/.test(path)
}

describe.skipIf(!hasChromium)(
  'every page a demo role reaches loads with a title, without a page or console error, and passes axe (id and en)',
  () => {
    const e2e = useE2eSession()
    const { newPage, open, problems } = e2e

    async function signIn(page: Page, email: string, landing: string): Promise<void> {
      await open(page, '/login')
      await page.getByLabel('Email', { exact: true }).fill(email)
      await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
      await Promise.all([
        page.waitForURL(`${e2e.app.url}${landing}`),
        page.getByRole('button', { name: 'Masuk', exact: true }).click(),
      ])
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

    it.each(roles)('as $role, from $landing', { timeout: 180_000 }, async ({ email, landing }) => {
      const page = await newPage(true, browserZone)
      await signIn(page, email, landing)
      const { visited, found } = await crawl(page, landing)
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
  },
)
