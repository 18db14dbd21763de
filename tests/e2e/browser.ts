import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'

// Debian's chromium package; playwright-core never downloads a browser of its own.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(chromiumPath)

/** Whether the environment says it is CI (CI=true, as CI services and .ci/run set it). */
export function isCi(env: Record<string, string | undefined>): boolean {
  const ci = env.CI?.trim().toLowerCase()
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false'
}

/**
 * What the browser tests do here: run with Chromium; without it skip on a developer's
 * machine, but fail under CI, where a skipped browser suite would pass unseen.
 */
export function chromiumVerdict(present: boolean, env: Record<string, string | undefined>): 'run' | 'skip' | 'fail' {
  if (present) return 'run'
  return isCi(env) ? 'fail' : 'skip'
}

/** Says once per file why its browser tests are skipped; under CI a missing Chromium fails the file instead. */
export function skipOrFailWithoutChromium(what: string): void {
  const verdict = chromiumVerdict(hasChromium, process.env)
  const missing = `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`
  if (verdict === 'fail') throw new Error(`e2e: ${what} cannot run under CI: ${missing}`)
  if (verdict === 'skip') console.warn(`e2e: skipping ${what}: ${missing}`)
}

// Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
}

/** An error status a test provokes on purpose, for a path (its single-fetch `.data` twin included). */
export interface ExpectedStatus {
  status: number
  path: string
}

/**
 * Collects what should fail a browser test: console errors, page errors, failed
 * requests and error responses, except the statuses a test declared with `allow`.
 */
export class BrowserProblems {
  private found: string[] = []
  private consoleErrors: { text: string; url: string }[] = []
  private expected: ExpectedStatus[] = []
  private answered = new Map<string, number>()

  /** Declares an error status the test provokes; its response and the browser's log line about it pass. */
  allow(status: number, path: string): void {
    this.expected.push({ status, path })
  }

  /** Watches a page; `js` says whether its context runs JavaScript. */
  watch(page: Page, js: boolean): void {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push({ text: message.text(), url: message.location().url })
    })
    page.on('pageerror', (error) => this.found.push(`page error: ${error.message}`))
    // Requests whose response (status and headers) arrived: the server has answered them.
    const answered = new WeakSet<object>()
    page.on('response', (response) => answered.add(response.request()))
    page.on('requestfailed', (request) => {
      // ERR_ABORTED is a cancellation: a GET the page itself dropped by navigating on (the
      // icon, Remix revalidating data or fetching its route manifest), or the rest of a body
      // already answered (a redirect sent to Remix's fetch: the page reloads to the new
      // address, and Chromium stops reading a no-store body it no longer needs). That is the
      // browser's doing, not the server's; a server that fails answers with a status
      // (checked below) or breaks the connection (another error, still reported).
      const aborted = request.failure()?.errorText === 'net::ERR_ABORTED'
      if (aborted && (request.method() === 'GET' || answered.has(request))) return
      // With JavaScript off Chromium refuses the page's module preloads itself, reporting them as 'csp'.
      if (!js && request.resourceType() === 'script') return
      this.found.push(`failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`)
    })
    page.on('response', (response) => {
      const status = response.status()
      if (status < 400) return
      const path = pathOf(response.url()).replace(/\.data$/, '')
      if (this.expected.some((e) => e.status === status && e.path === path)) {
        this.answered.set(response.url(), status)
      } else {
        this.found.push(`HTTP ${status}: ${response.request().method()} ${response.url()}`)
      }
    })
  }

  // Only Chromium's own line about the allowed status passes, not any error a script logs from that page.
  private isAnsweredStatus(e: { text: string; url: string }): boolean {
    const status = this.answered.get(e.url)
    return (
      status !== undefined &&
      e.text.startsWith(`Failed to load resource: the server responded with a status of ${status} `)
    )
  }

  /** Everything unexpected since the last call; the list starts afresh. */
  take(): string[] {
    const found = [
      ...this.found,
      ...this.consoleErrors
        .filter((e) => !this.isAnsweredStatus(e) && !isMissingFavicon(e.url))
        .map((e) => `console: ${e.text} (${e.url})`),
    ]
    this.found = []
    this.consoleErrors = []
    this.expected = []
    this.answered.clear()
    return found
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

// Browsers may still probe /favicon.ico before reading the page's icon link.
function isMissingFavicon(url: string): boolean {
  return url !== '' && pathOf(url) === '/favicon.ico'
}

/**
 * Waits until a page that ships scripts has hydrated, so a click goes through
 * React rather than the browser's own form submission. React Router's scroll
 * restoration sets `history.scrollRestoration` from an effect, i.e. after hydration.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('script[type="module"]') === null || history.scrollRestoration === 'manual',
  )
}
