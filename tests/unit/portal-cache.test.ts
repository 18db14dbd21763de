import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { isCacheable, PortalCache, publicPageScope } from '#app/server/portal-cache.ts'

const url = (p: string) => new URL(p, 'http://localhost')

describe('portal page cache', () => {
  it('caches only anonymous GETs of public pages, whatever the query holds but a valid lng', () => {
    expect(isCacheable('GET', url('/'), undefined)).toBe(true)
    expect(isCacheable('HEAD', url('/p/kalbar'), 'lng=en')).toBe(true)
    expect(isCacheable('POST', url('/p/kalbar'), undefined)).toBe(false)
    expect(isCacheable('GET', url('/p/kalbar?lng=en'), undefined)).toBe(false)
    expect(isCacheable('GET', url('/p/kalbar?utm_source=wa&fbclid=x'), undefined)).toBe(true)
    expect(isCacheable('GET', url('/?lng=xx'), undefined)).toBe(true)
    expect(isCacheable('GET', url('/p/kalbar/apply'), undefined)).toBe(false)
    expect(isCacheable('GET', url('/p/kalbar'), 'lng=en; session=abc')).toBe(false)
    expect(publicPageScope('/p/kalbar/')).toBe('kalbar')
    expect(publicPageScope('/')).toBe('')
    expect(publicPageScope('/login')).toBeNull()
  })

  it('keeps the body, its gzip and a content ETag until the TTL passes', () => {
    const cache = new PortalCache(1000)
    const body = Buffer.from('<html>kalbar</html>')
    const key = PortalCache.key('id', '/p/kalbar/')
    const page = cache.put(key, 200, { 'content-type': 'text/html' }, body, 0)
    expect(key).toBe('id|/p/kalbar')
    expect(gunzipSync(page.gzip).toString()).toBe('<html>kalbar</html>')
    expect(page.etag).toMatch(/^"[\w-]+"$/)
    expect(cache.get(key, 999)).toBe(page)
    expect(cache.get(key, 1000)).toBeUndefined()
  })

  it("invalidating a province drops its pages and the home page, not other provinces'", () => {
    const cache = new PortalCache(60_000)
    for (const lng of ['id', 'en']) {
      for (const p of ['/', '/p/kalbar', '/p/sulsel']) cache.put(PortalCache.key(lng, p), 200, {}, Buffer.from(p), 0)
    }
    cache.invalidate('kalbar')
    expect(cache.get('id|/p/kalbar', 1)).toBeUndefined()
    expect(cache.get('en|/', 1)).toBeUndefined()
    expect(cache.get('en|/p/sulsel', 1)).toBeDefined()
    cache.invalidate()
    expect(cache.size).toBe(0)
  })

  it('stays within its entry limit and stores nothing with a zero TTL', () => {
    const cache = new PortalCache(60_000, 2)
    for (const p of ['/p/a1', '/p/b2', '/p/c3']) cache.put(PortalCache.key('id', p), 200, {}, Buffer.from(p), 0)
    expect(cache.size).toBe(2)
    expect(cache.get('id|/p/a1', 1)).toBeUndefined()
    const off = new PortalCache(0)
    off.put('id|/', 200, {}, Buffer.from('x'), 0)
    expect(off.size).toBe(0)
  })
})
