import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { isLanguage } from '#app/i18n/config.ts'

// Public pages are identical for every anonymous visitor of one province in one
// language, so they are rendered once and served from memory (docs/decisions/003-public-page-cache.md).

export interface CachedPage {
  status: number
  headers: Record<string, string>
  body: Buffer
  gzip: Buffer
  etag: string
  expiresAt: number
}

const PUBLIC_PATH = /^\/(?:p\/([a-z][a-z0-9-]{1,30})\/?)?$/

/** The province slug a public page belongs to ('' for the home page), or null when not a public page. */
export function publicPageScope(pathname: string): string | null {
  const m = PUBLIC_PATH.exec(pathname)
  if (!m) return null
  return m[1] ?? ''
}

/**
 * True when a request may be answered from the shared cache: an anonymous GET of a public
 * page. These pages read nothing from the query but `lng`, and a valid `lng` is answered
 * with its Set-Cookie, uncached; any other parameter (utm_…, fbclid from a shared link, a
 * cache-buster) gets the cached page, so a query string cannot force a render per request.
 */
export function isCacheable(method: string, url: URL, cookieHeader: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false
  if (isLanguage(url.searchParams.get('lng'))) return false
  if (publicPageScope(url.pathname) === null) return false
  if (!cookieHeader) return true
  // Only the language cookie may be present; any other cookie (a session) bypasses the cache.
  return cookieHeader.split(';').every((c) => c.trim() === '' || c.trim().startsWith('lng='))
}

export class PortalCache {
  private readonly pages = new Map<string, CachedPage>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  static key(language: string, pathname: string): string {
    return `${language}|${pathname.replace(/\/$/, '') || '/'}`
  }

  get(key: string, now = Date.now()): CachedPage | undefined {
    const page = this.pages.get(key)
    if (page && page.expiresAt > now) return page
    if (page) this.pages.delete(key)
    return undefined
  }

  /** Stores a rendered page; returns it with its gzip and ETag. */
  put(key: string, status: number, headers: Record<string, string>, body: Buffer, now = Date.now()): CachedPage {
    if (this.pages.size >= this.maxEntries) {
      const oldest = this.pages.keys().next().value
      if (oldest !== undefined) this.pages.delete(oldest)
    }
    const page: CachedPage = {
      status,
      headers,
      body,
      gzip: gzipSync(body),
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      expiresAt: now + this.ttlMs,
    }
    if (this.ttlMs > 0) this.pages.set(key, page)
    return page
  }

  /** Drops a province's pages (and the home page, which summarises every province); no slug drops all. */
  invalidate(slug?: string): void {
    if (slug === undefined) {
      this.pages.clear()
      return
    }
    for (const key of [...this.pages.keys()]) {
      const path = key.slice(key.indexOf('|') + 1)
      if (path === '/' || path === `/p/${slug}`) this.pages.delete(key)
    }
  }

  get size(): number {
    return this.pages.size
  }
}
