import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyLimitFor, FORM_BODY_BYTES, UPLOAD_BODY_BYTES } from '#app/server/body-limit.ts'
import { cacheControlFor } from '#app/server/cache-policy.ts'
import { loadConfig } from '#app/server/config.ts'
import { mailboxVisibleTo } from '#app/server/mailbox-access.ts'
import { originAllowed } from '#app/server/security.ts'
import { projectRoot } from '#tests/support/app-process.ts'

describe('the public origin comes from configuration, never from the request', () => {
  it('is http://localhost:PORT on the loopback default, and forms may come from either loopback name', () => {
    const c = loadConfig({ PORT: '3000' })
    expect(c.host).toBe('127.0.0.1')
    expect(c.origin).toBe('http://localhost:3000')
    expect(c.allowedOrigins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000'])
  })

  it('follows a loopback HOST, and APP_ORIGIN alone when it is set', () => {
    expect(loadConfig({ HOST: '127.0.0.1', PORT: '4100' }).origin).toBe('http://127.0.0.1:4100')
    expect(loadConfig({ HOST: '::1', PORT: '4100' }).origin).toBe('http://[::1]:4100')
    const c = loadConfig({ APP_ORIGIN: 'https://winner.example.id/some/path' })
    expect(c.origin).toBe('https://winner.example.id')
    expect(c.allowedOrigins).toEqual(['https://winner.example.id'])
    expect(c.host).toBe('0.0.0.0')
  })

  it('refuses to start reachable from elsewhere or behind a proxy without APP_ORIGIN', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/APP_ORIGIN: required when listening on 0\.0\.0\.0/)
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/APP_ORIGIN: required with TRUST_PROXY=1/)
    expect(loadConfig({ HOST: '0.0.0.0', TRUST_PROXY: '1', APP_ORIGIN: 'https://w.example' }).trustProxy).toBe(true)
  })
})

describe('CSRF check', () => {
  const allowed = ['http://localhost:3000', 'http://127.0.0.1:3000']
  it('refuses Origin: null even with a same-site Referer', () => {
    expect(originAllowed('POST', { origin: 'null', referer: 'http://localhost:3000/login' }, allowed)).toBe(false)
    expect(originAllowed('POST', { referer: 'http://localhost:3000/login' }, allowed)).toBe(true)
  })

  it('compares with the configured origins and the host the request was sent to, never the Host alone', () => {
    const post = (origin: string, host: string, forwardedHost?: string) =>
      originAllowed('POST', { origin, host, forwardedHost }, allowed)
    expect(post('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true)
    expect(post('http://localhost:3000', 'localhost:3000')).toBe(true)
    expect(post('http://evil.example', 'evil.example')).toBe(false)
    expect(post('http://localhost:3000', 'evil.example')).toBe(false)
    expect(post('http://localhost:3000', 'localhost:3000', 'evil.example')).toBe(false)
  })
})

describe('dev mailbox access', () => {
  it('is for loopback connections only, and never behind a trusted proxy', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(mailboxVisibleTo(address, false)).toBe(true)
      expect(mailboxVisibleTo(address, true)).toBe(false)
    }
    for (const address of ['192.168.1.20', '10.0.0.1', '::ffff:192.168.1.20', '2001:db8::1', undefined]) {
      expect(mailboxVisibleTo(address, false)).toBe(false)
    }
  })
})

/** The URL path of a flat route file (Remix v2 conventions, params filled in). */
function routePath(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, '')
    .replace(/\[\.\]/g, '~')
    .split('.')
    .filter((s) => s !== '_index')
    .map((s) => (s.startsWith('$') ? 'x' : s).replaceAll('~', '.'))
  return `/${segments.join('/')}`
}

describe('request body limits', () => {
  const routes = readdirSync(path.join(projectRoot, 'app/routes'))
  const source = (rel: string) => readFileSync(path.join(projectRoot, rel), 'utf8')
  /** Whether a route reads an upload itself or through the page twin it imports (`*-page.server.ts`). */
  const readsUpload = (file: string) => {
    const route = source(`app/routes/${file}`)
    const twins = [...route.matchAll(/from '#(app\/modules\/[\w/-]+-page\.server)\.ts'/g)].map((m) => `${m[1]}.ts`)
    return [route, ...twins.map(source)].some((text) => text.includes('readUploadForm('))
  }

  it('gives every route that reads an upload the upload limit, with or without a trailing slash', () => {
    const uploads = routes.filter(readsUpload)
    expect(uploads.length).toBeGreaterThanOrEqual(4)
    for (const file of uploads) {
      expect(bodyLimitFor(routePath(file)), file).toBe(UPLOAD_BODY_BYTES)
      expect(bodyLimitFor(`${routePath(file)}/`), file).toBe(UPLOAD_BODY_BYTES)
    }
  })

  it('gives every other route the small form limit', () => {
    const others = routes.filter((f) => !readsUpload(f))
    expect(others.length).toBeGreaterThan(20)
    for (const file of others) expect(bodyLimitFor(routePath(file)), file).toBe(FORM_BODY_BYTES)
    expect(bodyLimitFor('/p/kalbar/apply/x/attachments/more')).toBe(FORM_BODY_BYTES)
  })
})

describe('Cache-Control of dynamic responses', () => {
  const session = 'lng=id; winner_session=abc'
  it('is private, no-store for anything answered to a signed-in request', () => {
    expect(cacheControlFor(session, null)).toBe('private, no-store')
    expect(cacheControlFor('__Host-winner_session=abc', 'max-age=600')).toBe('private, no-store')
    expect(cacheControlFor(session, 'no-store')).toBe('private, no-store')
  })

  it('keeps what a route declared public, and defaults anonymous pages to private, no-store', () => {
    expect(cacheControlFor(session, 'public, max-age=300')).toBe('public, max-age=300')
    expect(cacheControlFor(undefined, null)).toBe('private, no-store')
    expect(cacheControlFor('lng=en', 'no-store')).toBe('no-store')
  })
})
