import { gzipSync } from 'node:zlib'
import type { Request } from 'playwright-core'
import { chromiumPath, hasChromium, launchChromium } from '../e2e/browser.ts'

export type Kind = 'js' | 'html' | 'css' | 'other'

export interface Resource {
  url: string
  kind: Kind
  status: number
  /** Body bytes as they crossed the wire (compressed when the server compressed). */
  wireBytes: number
  contentEncoding: string | null
  /** What the body would weigh gzipped, to tell "big" from "not compressed". */
  gzipBytes: number
}

export interface Visit {
  path: string
  totals: Record<Kind, number>
  gzipTotals: Record<Kind, number>
  resources: Resource[]
  failed: string[]
}

function kindOf(request: Request): Kind {
  switch (request.resourceType()) {
    case 'script':
      return 'js'
    case 'document':
      return 'html'
    case 'stylesheet':
      return 'css'
    default:
      return 'other'
  }
}

async function describe(request: Request): Promise<Resource | null> {
  const response = await request.response()
  if (!response) return null
  const sizes = await request.sizes()
  const body = await response.body().catch(() => Buffer.alloc(0))
  const headers = await response.allHeaders()
  return {
    url: request.url(),
    kind: kindOf(request),
    status: response.status(),
    wireBytes: sizes.responseBodySize,
    contentEncoding: headers['content-encoding'] ?? null,
    gzipBytes: body.length > 0 ? gzipSync(body).length : 0,
  }
}

/**
 * First visits (each in a fresh context, so an empty cache) to the given paths,
 * optionally signed in with a session cookie.
 */
export async function firstVisits(
  baseUrl: string,
  paths: string[],
  options: { cookie?: { name: string; value: string } } = {},
): Promise<Visit[] | { skipped: string }> {
  if (!hasChromium) {
    return { skipped: `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)` }
  }
  const browser = await launchChromium()
  try {
    const visits: Visit[] = []
    for (const path of paths) {
      // An Indonesian visitor, the portal's audience and its default language.
      const context = await browser.newContext({ locale: 'id-ID' })
      if (options.cookie) await context.addCookies([{ ...options.cookie, url: baseUrl }])
      try {
        const page = await context.newPage()
        const pending: Promise<Resource | null>[] = []
        const failed: string[] = []
        page.on('requestfinished', (request) => pending.push(describe(request)))
        page.on('requestfailed', (request) => failed.push(`${request.url()} (${request.failure()?.errorText})`))
        const response = await page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle', timeout: 30_000 })
        if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`)
        const resources = (await Promise.all(pending)).filter((r): r is Resource => r !== null)
        const totals: Record<Kind, number> = { js: 0, html: 0, css: 0, other: 0 }
        const gzipTotals: Record<Kind, number> = { js: 0, html: 0, css: 0, other: 0 }
        for (const r of resources) {
          totals[r.kind] += r.wireBytes
          gzipTotals[r.kind] += r.gzipBytes
        }
        visits.push({ path, totals, gzipTotals, resources, failed })
      } finally {
        await context.close()
      }
    }
    return visits
  } finally {
    await browser.close()
  }
}
