import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'
import { BrowserProblems, hydrated, launchChromium } from './browser.ts'
import { isUnhydratedPath } from './route-patterns.ts'

export interface E2eSession {
  app: AppProcess
  browser: Browser
  problems: BrowserProblems
  /** The server's database when tests run on PostgreSQL (TEST_DATABASE_URL); null on the embedded one. */
  databaseUrl: string | null
  /** A fresh browser (own cookies) preferring Indonesian, with or without JavaScript; `device` sets viewport etc. */
  newPage(js: boolean, device?: BrowserContextOptions): Promise<Page>
  /** Opens a page by address and, with JavaScript on, waits until it has hydrated (if it ships React). */
  open(page: Page, pathname: string): Promise<void>
  /** After a full page load: with JavaScript on, clicks must reach React, not the bare form. */
  settle(page: Page): Promise<void>
}

/**
 * Registers the hooks one browser test file needs: the production server on a
 * throwaway database with demo data and the dev mailbox, Chromium, and after each
 * test the check that nothing went wrong in the page and that forms were posted the
 * way the mode under test implies (fetch with JavaScript, a document without).
 */
export function useE2eSession(): E2eSession {
  let dataDir: string | null = null
  let databaseName: string | null = null
  const contexts: BrowserContext[] = []
  const jsContexts = new WeakSet<BrowserContext>()
  let wrongSubmits: string[] = []

  const session = {
    problems: new BrowserProblems(),
    databaseUrl: null,
    async newPage(js: boolean, device: BrowserContextOptions = {}) {
      const context = await session.browser.newContext({ ...device, javaScriptEnabled: js, locale: 'id-ID' })
      contexts.push(context)
      if (js) {
        jsContexts.add(context)
        await context.addInitScript(reportSubmitBeforeHydration)
      }
      // Shorter than the test's own limit, so a missing element is named rather than the test timing out.
      context.setDefaultTimeout(10_000)
      const page = await context.newPage()
      session.problems.watch(page, js)
      page.on('request', (request) => {
        if (request.method() !== 'POST') return
        const type = request.resourceType()
        // Pages without hydration (docs/decisions/005) post documents even with JavaScript on;
        // only the apply pages' autosave uses fetch.
        const from = request.headers().referer ?? ''
        const expected = js && !isUnhydratedPage(from) ? ['fetch'] : js ? ['document', 'fetch'] : ['document']
        if (!expected.includes(type)) wrongSubmits.push(`${type} POST ${request.url()}`)
      })
      return page
    },
    async open(page: Page, pathname: string) {
      const response = await page.goto(`${session.app.url}${pathname}`)
      expect(response?.ok(), `GET ${pathname}: ${response?.status()}`).toBe(true)
      await session.settle(page)
    },
    async settle(page: Page) {
      if (jsContexts.has(page.context())) await hydrated(page)
    },
  } as E2eSession

  beforeAll(async () => {
    const env: Record<string, string> = { DEV_MAILBOX: '1', SEED_DEMO: '1' }
    if (testServerUrl) {
      databaseName = uniqueName('winner_e2e')
      env.DATABASE_URL = await createDatabase(testServerUrl, databaseName)
      session.databaseUrl = env.DATABASE_URL
    } else {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'winner-e2e-'))
      env.DATA_DIR = dataDir
    }
    ;[session.app, session.browser] = await Promise.all([startAppProcess({ env }), launchChromium()])
  })

  afterAll(async () => {
    await session.browser?.close()
    await session.app?.stop()
    if (databaseName && testServerUrl) await dropDatabase(testServerUrl, databaseName)
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
    // Both lists are taken before either is checked, so one test's failure never spills into the next.
    const problems = session.problems.take()
    const found = wrongSubmits
    wrongSubmits = []
    expect(problems, 'console errors, page errors, failed requests or error statuses').toEqual([])
    expect(found, 'forms posted the other way than the mode under test').toEqual([])
  })

  return session
}

/**
 * Runs in every page with JavaScript on. A click that lands before React has hydrated
 * posts the bare form (fine for a user, it is the no-JS path) but is not what a
 * JavaScript test means to exercise, and React may log error #345 as the page unloads
 * mid-hydration. Name the cause, so the test gets its missing `settle()` after a
 * document navigation (a sign-in landing on a hydrated workspace is the usual one).
 */
function reportSubmitBeforeHydration(): void {
  addEventListener(
    'submit',
    () => {
      const shipsReact = document.querySelector('script[type="module"]') !== null
      if (shipsReact && history.scrollRestoration !== 'manual') {
        console.error(`e2e: a form on ${location.pathname} was sent before the page hydrated; settle() first`)
      }
    },
    true,
  )
}

/**
 * Pages that ship no React (`handle.hydrate === false`: the apply, sign-in, review, MoU,
 * mentoring pages and others), read from the route files so the list never goes stale.
 */
function isUnhydratedPage(url: string): boolean {
  try {
    return isUnhydratedPath(new URL(url).pathname)
  } catch {
    return false
  }
}
