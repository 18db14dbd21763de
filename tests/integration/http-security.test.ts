import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'

// Through the real HTTP server: the Origin check sits in front of every route.
let app: AppProcess
let cleanup: () => Promise<void>

/** The production server on a fresh database (demo data, the dev mailbox on as with `npm start`). */
async function startServer(
  env: Record<string, string> = {},
): Promise<{ app: AppProcess; cleanup: () => Promise<void> }> {
  const common = { DEV_MAILBOX: '1', ...env }
  if (testServerUrl) {
    const name = uniqueName('winner_http')
    const url = await createDatabase(testServerUrl, name)
    const started = await startAppProcess({ env: { ...common, DATABASE_URL: url, SEED_DEMO: '1' } })
    return { app: started, cleanup: () => dropDatabase(testServerUrl as string, name) }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'winner-http-'))
  const started = await startAppProcess({ env: { ...common, DATA_DIR: dir } })
  return { app: started, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
}

beforeAll(async () => {
  ;({ app, cleanup } = await startServer())
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
    body: new URLSearchParams({ email: 'ministry@demo.winner.id', password: DEMO_PASSWORD }),
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

describe('signed provider callbacks (WhatsApp and SMS)', () => {
  const callback = (path: string, headers: Record<string, string>, body = '{"id":"x","status":"delivered"}') =>
    fetch(`${app.url}${path}`, { method: 'POST', redirect: 'manual', headers, body })

  it('pass the Origin check with a JSON body, and are judged by their signature (401 unsigned)', async () => {
    const res = await callback('/webhooks/messaging/status', { 'Content-Type': 'application/json' })
    expect(res.status).toBe(401)
    const inbound = await callback('/webhooks/messaging/inbound', { 'Content-Type': 'application/json' })
    expect(inbound.status).toBe(401)
  })

  it('open nothing else: JSON elsewhere, or a form to a callback without Origin, is still refused', async () => {
    expect((await callback('/login', { 'Content-Type': 'application/json' })).status).toBe(403)
    const form = await callback(
      '/webhooks/messaging/status',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      'a=b',
    )
    expect(form.status).toBe(403)
  })
})

describe('security headers', () => {
  it('sends a nonce-based CSP on pages with scripts and the fixed headers everywhere', async () => {
    // A hydrated page (the sign-in page ships no script since issue 13).
    const cookie = ((await login({ Origin: app.url })).headers.getSetCookie()[0] ?? '').split(';')[0] as string
    const res = await fetch(`${app.url}/account`, { headers: { Cookie: cookie } })
    const csp = res.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain("frame-ancestors 'none'")
    const html = await res.text()
    expect(html).toContain(`nonce="${nonce}"`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/)
    const again = await fetch(`${app.url}/account`, { headers: { Cookie: cookie } })
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

  it('serves the cached page whatever else the query holds, and keeps the query out of the shared copy', async () => {
    const junk = 'fbclid=PWNED%3Cb%3Ezzz&utm_source=whatsapp'
    // The first request fills the cache for `/`: from the path alone, not from this query.
    const filled = await fetch(`${app.url}/?${junk}`)
    expect(filled.status).toBe(200)
    const body = await filled.text()
    expect(body).not.toMatch(/PWNED|whatsapp/)
    const etag = filled.headers.get('etag') as string
    expect(etag).toBeTruthy()
    for (const path of ['/', `/?${junk}`, '/?nocache=1', '/?lng=xx']) {
      const res = await fetch(`${app.url}${path}`)
      expect(res.headers.get('etag'), path).toBe(etag)
      await res.arrayBuffer()
    }
    // A valid lng remembers the choice: answered with its cookie, never from the shared cache.
    const english = await fetch(`${app.url}/?lng=en`)
    expect(english.headers.get('etag')).toBeNull()
    expect(english.headers.get('set-cookie')).toMatch(/^lng=en;/)
    await english.arrayBuffer()
  })

  it('tells visitors nothing of how long the server worked (Server-Timing is for benchmarks only)', async () => {
    const cookie = ((await login({ Origin: app.url })).headers.getSetCookie()[0] ?? '').split(';')[0] as string
    for (const [path, headers] of [
      ['/national', { Cookie: cookie }],
      ['/national.data', { Cookie: cookie }],
      ['/login', {}],
    ] as const) {
      const res = await fetch(`${app.url}${path}`, { headers })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('server-timing'), path).toBeNull()
      await res.arrayBuffer()
    }
  })
})

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** A request with headers fetch() will not send as given (Host). */
function rawRequest(
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: app.port, method, path: pathname, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => {
        text += d
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const mailbox = async () => (await fetch(`${app.url}/dev/mailbox`)).text()

describe('mail links and the CSRF check use the configured origin, never the Host header', () => {
  const email = 'applicant.kalbar@demo.winner.id'
  const form = new URLSearchParams({ email }).toString()
  const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' }

  it('refuses a forged Host with a matching Origin', async () => {
    const res = await rawRequest(
      'POST',
      '/forgot-password',
      { ...formHeaders, Host: 'evil.example', Origin: 'http://evil.example' },
      form,
    )
    expect(res.status).toBe(403)
    expect(await mailbox()).not.toContain('evil.example')
  })

  it('refuses a forged Host even with this site as Origin (Remix would answer 500)', async () => {
    const res = await rawRequest(
      'POST',
      '/forgot-password',
      { ...formHeaders, Host: 'evil.example', Origin: app.url },
      form,
    )
    expect(res.status).toBe(403)
  })

  it('builds the reset link on the configured origin, not on the name the request used', async () => {
    // Both loopback names are this site; the link is the configured one (APP_ORIGIN or HOST and PORT).
    const other = `http://localhost:${app.port}`
    const res = await rawRequest(
      'POST',
      '/forgot-password',
      { ...formHeaders, Host: `localhost:${app.port}`, Origin: other },
      form,
    )
    expect(res.status).toBe(200)
    const html = await mailbox()
    expect(html).toContain(`${app.url}/reset-password?token=`)
    expect(html).not.toContain(`${other}/reset-password`)
  })

  it('refuses Origin: null even with a same-site Referer', async () => {
    expect((await login({ Origin: 'null', Referer: `${app.url}/login` })).status).toBe(403)
  })
})

describe('request body limits', () => {
  it('answers 413 at once to a huge declared body, without reading it, in the visitor language', async () => {
    const started = Date.now()
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(app.port, '127.0.0.1', () => {
        socket.write(
          [
            'POST /login HTTP/1.1',
            `Host: 127.0.0.1:${app.port}`,
            `Origin: ${app.url}`,
            'Accept-Language: en',
            'Content-Type: application/x-www-form-urlencoded',
            `Content-Length: ${150 * 1024 * 1024}`,
            '',
            'email=a',
          ].join('\r\n'),
        )
      })
      let text = ''
      socket.setEncoding('utf8')
      socket.on('data', (d) => {
        text += d
      })
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(answer).toMatch(/^HTTP\/1\.1 413 /)
    expect(answer).toMatch(/connection: close/i)
    expect(answer).toContain('<html lang="en">')
    expect(answer).toContain('The submission is too large')
  })

  it('counts a chunked body and stops it soon after the limit', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const { answer, sent } = await new Promise<{ answer: string; sent: number }>((resolve) => {
      let sent = 0
      let text = ''
      const socket = net.connect(app.port, '127.0.0.1')
      const done = () => resolve({ answer: text, sent })
      socket.setEncoding('utf8')
      socket.on('data', (d) => {
        text += d
      })
      socket.on('close', done)
      // The server hangs up on the rest of the body: a reset while writing is expected.
      socket.on('error', () => {})
      socket.write(
        [
          'POST /login HTTP/1.1',
          `Host: 127.0.0.1:${app.port}`,
          `Origin: ${app.url}`,
          'Accept-Language: id',
          'Content-Type: application/x-www-form-urlencoded',
          'Transfer-Encoding: chunked',
          '',
          '',
        ].join('\r\n'),
      )
      const pump = () => {
        if (text || socket.destroyed || sent >= 64 * 1024 * 1024) return
        socket.write(`${chunk.length.toString(16)}\r\n`)
        socket.write(chunk)
        socket.write('\r\n', () => setTimeout(pump, 2))
        sent += chunk.length
      }
      pump()
    })
    expect(answer).toMatch(/^HTTP\/1\.1 413 /)
    expect(answer).toContain('Kiriman terlalu besar')
    // Stopped within a few chunks of the 256 KB limit, not after 64 MB.
    expect(sent).toBeLessThan(8 * 1024 * 1024)
  })

  it('lets an upload route take more than an ordinary form, and keeps small forms working', async () => {
    const big = 'x'.repeat(1024 * 1024)
    const post = (pathname: string) =>
      fetch(`${app.url}${pathname}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url },
        body: `note=${big}`,
      })
    expect((await post('/login')).status).toBe(413)
    expect((await post('/p/kalbar/apply/00000000-0000-0000-0000-000000000000/attachments')).status).not.toBe(413)
    expect((await login({ Origin: app.url })).status).toBe(302)
  })
})

describe('caching of dynamic pages', () => {
  it('marks every signed-in response private, no-store, and anonymous dynamic pages too', async () => {
    const signIn = await login({ Origin: app.url })
    const cookie = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0] as string
    for (const pathname of ['/national', '/p/kalbar', '/account']) {
      const res = await fetch(`${app.url}${pathname}`, { headers: { Cookie: cookie }, redirect: 'manual' })
      expect(res.headers.get('cache-control'), pathname).toBe('private, no-store')
    }
    expect((await fetch(`${app.url}/login`)).headers.get('cache-control')).toBe('private, no-store')
  })

  it('keeps the public page cache and the immutable assets cacheable', async () => {
    const page = await fetch(`${app.url}/p/kalbar`)
    expect(page.headers.get('cache-control')).toBe('no-cache')
    const asset = /\/assets\/[^"]+\.(js|css)/.exec(await (await fetch(`${app.url}/login`)).text())?.[0] as string
    expect(asset).toBeTruthy()
    expect((await fetch(`${app.url}${asset}`)).headers.get('cache-control')).toMatch(/immutable/)
  })
})

describe('session cookie', () => {
  it('lives as long as the 12 h absolute session limit, not 400 days', async () => {
    const cookie = (await login({ Origin: app.url })).headers
      .getSetCookie()
      .find((c) => c.startsWith('winner_session='))
    expect(cookie).toMatch(/Max-Age=43200(;|$)/)
  })
})

describe('dev mailbox', () => {
  it('shows the outbox to a request from this machine', async () => {
    const res = await fetch(`${app.url}/dev/mailbox`)
    expect(res.status).toBe(200)
  })

  it('is hidden behind a trusted proxy, which forwards remote clients over loopback', async () => {
    const proxied = await startServer({ TRUST_PROXY: '1', APP_ORIGIN: 'https://winner.example.id', SEED_DEMO: '0' })
    try {
      const res = await fetch(`${proxied.app.url}/dev/mailbox`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('reset-password')
    } finally {
      await proxied.app.stop()
      await proxied.cleanup()
    }
  }, 120_000)
})
