import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  Admission,
  type AdmissionLimits,
  bypassesAdmission,
  listStaticFiles,
  sendOverloaded,
} from '#app/server/admission.ts'
import { loadConfig } from '#app/server/config.ts'

// The admission control on a real HTTP server. Handlers hold their response until the
// test lets them go, so "in flight" is a fact, not a race against a timer.

interface Held {
  path: string
  finish: () => void
  fail: () => void
}

interface Harness {
  admission: Admission
  url: string
  /** Requests the handler has started, in order. */
  held: Held[]
  rejections: string[]
  waitForHeld: (n: number) => Promise<void>
  close: () => Promise<void>
}

let open: Harness[] = []
afterEach(async () => {
  await Promise.all(open.map((h) => h.close()))
  open = []
})

async function harness(limits: Partial<AdmissionLimits> = {}): Promise<Harness> {
  const held: Held[] = []
  const rejections: string[] = []
  const waiters: Array<() => void> = []
  const admission = new Admission(
    { maxInFlight: 1, maxQueue: 1, maxWaitMs: 60_000, retryAfterS: 7, ...limits },
    (req, res, why) => {
      rejections.push(why)
      sendOverloaded(req, res, 7)
    },
  )
  const server = http.createServer((req, res) => {
    admission.enter(req, res, () => {
      const path = req.url ?? '/'
      held.push({
        path,
        finish: () => res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`done ${path}`),
        fail: () => res.destroy(new Error('broken')),
      })
      for (const w of waiters.splice(0)) w()
    })
  })
  // A throwing handler must not take the test process down with it.
  server.on('clientError', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const h: Harness = {
    admission,
    url: `http://127.0.0.1:${port}`,
    held,
    rejections,
    waitForHeld: async (n) => {
      while (held.length < n) await new Promise<void>((resolve) => waiters.push(resolve))
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  open.push(h)
  return h
}

/** A GET that may still be answered; `abort` hangs up. */
function get(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const response = fetch(url, { headers, signal: controller.signal }).then(async (res) => ({
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    language: res.headers.get('content-language'),
    body: await res.text(),
  }))
  return { response, abort: () => controller.abort() }
}

/** Resolves once the admission's counters say so (events on the server side are asynchronous). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setImmediate(r))
}

describe('admission control', () => {
  it('runs requests under the limit at once and frees the slot when the response finishes', async () => {
    const h = await harness({ maxInFlight: 2 })
    const a = get(`${h.url}/a`)
    const b = get(`${h.url}/b`)
    await h.waitForHeld(2)
    expect(h.admission.stats()).toMatchObject({ inFlight: 2, queued: 0 })
    for (const x of h.held) x.finish()
    expect((await a.response).status).toBe(200)
    expect((await b.response).status).toBe(200)
    await until(() => h.admission.stats().inFlight === 0)
    expect(h.admission.stats()).toMatchObject({ inFlight: 0, admitted: 2, rejected: 0 })
  })

  it('queues a request while the slots are taken and starts it when one frees', async () => {
    const h = await harness()
    const first = get(`${h.url}/first`)
    await h.waitForHeld(1)
    const second = get(`${h.url}/second`)
    await until(() => h.admission.stats().queued === 1)
    expect(h.held.map((x) => x.path)).toEqual(['/first'])
    h.held[0]?.finish()
    await h.waitForHeld(2)
    expect(h.held[1]?.path).toBe('/second')
    h.held[1]?.finish()
    expect((await first.response).status).toBe(200)
    expect((await second.response).body).toBe('done /second')
  })

  it('answers 503 with Retry-After in the visitor language at once when the queue is full', async () => {
    const h = await harness()
    const first = get(`${h.url}/first`)
    await h.waitForHeld(1)
    const second = get(`${h.url}/second`)
    await until(() => h.admission.stats().queued === 1)

    const refused = await get(`${h.url}/third`).response
    expect(refused.status).toBe(503)
    expect(refused.retryAfter).toBe('7')
    expect(refused.language).toBe('id')
    expect(refused.body).toContain('Server sedang sangat sibuk')
    expect(refused.body).toContain('tunggu 7 detik')
    const english = await get(`${h.url}/fourth`, { 'Accept-Language': 'en-GB,en;q=0.9' }).response
    expect(english.status).toBe(503)
    expect(english.body).toContain('The server is very busy')
    expect(h.rejections).toEqual(['queueFull', 'queueFull'])
    // The refused requests never reached the handler.
    expect(h.held.map((x) => x.path)).toEqual(['/first'])

    h.held[0]?.finish()
    await h.waitForHeld(2)
    h.held[1]?.finish()
    expect((await first.response).status).toBe(200)
    expect((await second.response).status).toBe(200)
  })

  it('with no queue, refuses as soon as every slot is taken', async () => {
    const h = await harness({ maxQueue: 0 })
    const first = get(`${h.url}/first`)
    await h.waitForHeld(1)
    expect((await get(`${h.url}/second`).response).status).toBe(503)
    h.held[0]?.finish()
    await first.response
  })

  it('answers 503 to a request that waited longer than allowed', async () => {
    const h = await harness({ maxWaitMs: 20 })
    const first = get(`${h.url}/first`)
    await h.waitForHeld(1)
    const waited = await get(`${h.url}/second`).response
    expect(waited.status).toBe(503)
    expect(waited.retryAfter).toBe('7')
    expect(h.rejections).toEqual(['waitedTooLong'])
    expect(h.admission.stats().queued).toBe(0)
    h.held[0]?.finish()
    await first.response
  })

  it('frees the slot when the client hangs up mid-request', async () => {
    const h = await harness()
    const gone = get(`${h.url}/gone`)
    await h.waitForHeld(1)
    gone.abort()
    await gone.response.catch(() => {})
    await until(() => h.admission.stats().inFlight === 0)
    const next = get(`${h.url}/next`)
    await h.waitForHeld(2)
    h.held[1]?.finish()
    expect((await next.response).status).toBe(200)
  })

  it('frees the slot when the response fails on a broken socket', async () => {
    const h = await harness()
    const broken = get(`${h.url}/broken`)
    await h.waitForHeld(1)
    h.held[0]?.fail()
    await expect(broken.response).rejects.toThrow()
    await until(() => h.admission.stats().inFlight === 0)
    const next = get(`${h.url}/next`)
    await h.waitForHeld(2)
    h.held[1]?.finish()
    expect((await next.response).status).toBe(200)
  })

  it('frees the slot when the handler throws, and passes the error on', () => {
    const admission = new Admission({ maxInFlight: 1, maxQueue: 0, maxWaitMs: 0, retryAfterS: 1 }, () => {})
    const res = new http.ServerResponse(new http.IncomingMessage(null as never))
    expect(() =>
      admission.enter(new http.IncomingMessage(null as never), res, () => {
        throw new Error('handler bug')
      }),
    ).toThrow('handler bug')
    expect(admission.stats()).toMatchObject({ inFlight: 0, admitted: 1 })
  })

  it('drops a waiting request whose client hangs up, without running it', async () => {
    const h = await harness()
    const first = get(`${h.url}/first`)
    await h.waitForHeld(1)
    const impatient = get(`${h.url}/impatient`)
    await until(() => h.admission.stats().queued === 1)
    impatient.abort()
    await impatient.response.catch(() => {})
    await until(() => h.admission.stats().queued === 0)
    h.held[0]?.finish()
    await first.response
    const after = get(`${h.url}/after`)
    await h.waitForHeld(2)
    expect(h.held.map((x) => x.path)).toEqual(['/first', '/after'])
    h.held[1]?.finish()
    await after.response
  })

  it('lets the health check and static files through', () => {
    const files = new Set(['/favicon.svg'])
    expect(bypassesAdmission('/healthz', files)).toBe(true)
    expect(bypassesAdmission('/assets/root-abc123.js', files)).toBe(true)
    expect(bypassesAdmission('/favicon.svg', files)).toBe(true)
    expect(bypassesAdmission('/p/kalbar/apply', files)).toBe(false)
    expect(bypassesAdmission('/healthz/more', files)).toBe(false)
  })

  it('lists the files of the client build outside assets/', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'winner-static-'))
    try {
      writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>')
      mkdirSync(path.join(dir, 'assets'))
      writeFileSync(path.join(dir, 'assets', 'root-abc123.js'), '')
      mkdirSync(path.join(dir, 'fonts'))
      writeFileSync(path.join(dir, 'fonts', 'a.woff2'), '')
      expect(listStaticFiles(dir)).toEqual(new Set(['/favicon.svg', '/fonts/a.woff2']))
      expect(listStaticFiles(path.join(dir, 'missing'))).toEqual(new Set())
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('sends the security headers it is given with the 503', async () => {
    const server = http.createServer((req, res) => sendOverloaded(req, res, 2, ['X-Frame-Options', 'DENY']))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'a=1' })
      expect(res.status).toBe(503)
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('retry-after')).toBe('2')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(await res.text()).toContain('tunggu 2 detik')
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it('takes its limits from the environment, derived from the pool size by default', () => {
    expect(loadConfig({}).admission).toEqual({ maxInFlight: 10, maxQueue: 80, maxWaitMs: 1000, retryAfterS: 5 })
    expect(loadConfig({ DB_POOL_SIZE: '4' }).admission).toMatchObject({ maxInFlight: 4, maxQueue: 32 })
    expect(
      loadConfig({
        ADMISSION_MAX_IN_FLIGHT: '3',
        ADMISSION_MAX_QUEUE: '0',
        ADMISSION_MAX_WAIT_MS: '500',
        ADMISSION_RETRY_AFTER_SECONDS: '9',
      }).admission,
    ).toEqual({ maxInFlight: 3, maxQueue: 0, maxWaitMs: 500, retryAfterS: 9 })
    expect(() => loadConfig({ ADMISSION_MAX_IN_FLIGHT: '0' })).toThrow(/ADMISSION_MAX_IN_FLIGHT/)
  })
})
