import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverTimingValue } from '#app/server/server-timing.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'

// Issue 18: the render measured apart from data access, on every document and data
// request, through the real HTTP server (the mark is set at the seam in front of Remix)
// when SERVER_TIMING=1, as the benchmarks start it (http-security.test.ts: off by default).
let app: AppProcess
let cleanup: (() => Promise<void>) | undefined

beforeAll(async () => {
  if (!testServerUrl) throw new Error('TEST_DATABASE_URL is required')
  const name = uniqueName('winner_timing')
  const url = await createDatabase(testServerUrl, name)
  cleanup = () => dropDatabase(testServerUrl as string, name)
  app = await startAppProcess({ env: { DATABASE_URL: url, SEED_DEMO: '1', SERVER_TIMING: '1' } })
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await cleanup?.()
})

const UNCACHED = 'winner-bench=uncached'

/** `{ data: 3.2, render: 5.1 }` from a Server-Timing header. */
function metrics(header: string | null): Record<string, number> {
  const out: Record<string, number> = {}
  for (const entry of (header ?? '').split(',')) {
    const [name, ...params] = entry.trim().split(';')
    const dur = params.find((p) => p.trim().startsWith('dur='))
    if (name && dur) out[name] = Number(dur.trim().slice(4))
  }
  return out
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${app.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }).toString(),
  })
  expect(res.status).toBe(302)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

describe('Server-Timing', () => {
  it('formats what was measured and leaves out what was not', () => {
    expect(serverTimingValue({ data: 12.345, render: 4.5 })).toBe('data;dur=12.3, render;dur=4.5')
    expect(serverTimingValue({ data: 2 })).toBe('data;dur=2.0')
  })

  it("carries data and render times on a signed-in page, and data time on its client-side navigation's data request", async () => {
    const cookie = await signIn('applicant.kalbar@demo.winner.id')
    const page = await fetch(`${app.url}/p/kalbar/apply`, { headers: { Cookie: cookie } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<h1')
    const timing = metrics(page.headers.get('server-timing'))
    expect(Object.keys(timing).sort()).toEqual(['data', 'render'])
    // Data access includes the session and the page's queries; a render is never free.
    expect(timing.data).toBeGreaterThan(0)
    expect(timing.render).toBeGreaterThan(0)
    expect(timing.data! + timing.render!).toBeLessThan(60_000)

    const data = await fetch(`${app.url}/p/kalbar/apply.data`, { headers: { Cookie: cookie } })
    expect(data.status).toBe(200)
    await data.arrayBuffer()
    const dataTiming = metrics(data.headers.get('server-timing'))
    expect(Object.keys(dataTiming)).toEqual(['data'])
    expect(dataTiming.data).toBeGreaterThan(0)
  })

  it('times an uncached render of a public page too', async () => {
    // Any cookie but the language's bypasses the portal cache (a query no longer does).
    const res = await fetch(`${app.url}/p/kalbar`, { headers: { Cookie: UNCACHED } })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    const timing = metrics(res.headers.get('server-timing'))
    expect(timing.data).toBeGreaterThan(0)
    expect(timing.render).toBeGreaterThan(0)
  })
})
