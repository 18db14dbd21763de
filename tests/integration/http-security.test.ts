import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'

// Through the real HTTP server: the Origin check sits in front of every route.
let app: AppProcess
let cleanup: () => Promise<void>

beforeAll(async () => {
  if (testServerUrl) {
    const name = uniqueName('winner_http')
    const url = await createDatabase(testServerUrl, name)
    app = await startAppProcess({ env: { DATABASE_URL: url, SEED_DEMO: '1' } })
    cleanup = () => dropDatabase(testServerUrl as string, name)
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'winner-http-'))
    app = await startAppProcess({ env: { DATA_DIR: dir } })
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  }
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await cleanup?.()
})

const login = (headers: Record<string, string>) =>
  fetch(`${app.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ email: 'ministry@demo.winner.id', password: 'winner-demo-2023' }),
  })

describe('CSRF: Origin and Referer checks', () => {
  it('refuses a POST from another origin', async () => {
    const res = await login({ Origin: 'https://evil.example' })
    expect(res.status).toBe(403)
  })

  it('refuses a POST with neither Origin nor Referer', async () => {
    expect((await login({})).status).toBe(403)
  })

  it('refuses a foreign Referer when Origin is absent, and a same-site one passes', async () => {
    expect((await login({ Referer: 'https://evil.example/page' })).status).toBe(403)
    expect((await login({ Referer: `${app.url}/login` })).status).toBe(302)
  })

  it('lets a same-origin sign-in through', async () => {
    const res = await login({ Origin: app.url })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/national')
    // Over plain http (npm start on localhost) the session cookie cannot be Secure.
    expect(res.headers.getSetCookie().some((c) => c.startsWith('winner_session=') && /HttpOnly/i.test(c))).toBe(true)
  })
})

describe('security headers', () => {
  it('sends a nonce-based CSP on pages with scripts and the fixed headers everywhere', async () => {
    const res = await fetch(`${app.url}/login`)
    const csp = res.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain("frame-ancestors 'none'")
    const html = await res.text()
    expect(html).toContain(`nonce="${nonce}"`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/)
    const again = await fetch(`${app.url}/login`)
    expect(again.headers.get('content-security-policy')).not.toContain(nonce)
  })

  it('serves cached public pages with the same headers, an ETag and 304 on revalidation', async () => {
    const first = await fetch(`${app.url}/p/kalbar`)
    expect(first.status).toBe(200)
    expect(first.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    const etag = first.headers.get('etag') as string
    expect(etag).toBeTruthy()
    const second = await fetch(`${app.url}/p/kalbar`, { headers: { 'If-None-Match': etag } })
    expect(second.status).toBe(304)
  })
})
