import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readAppDatabase } from '#tests/support/app-database.ts'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import {
  CRASH_APP_ENV,
  type CrashSurge,
  prepareCrashSurge,
  receiptProblems,
  submitUntilKilled,
} from '#tests/support/crash-surge.ts'
import { onServer, testServerUrl } from '#tests/support/databases.ts'
import { freePort } from '#tests/support/free-port.ts'
import { startTcpProxy, type TcpProxy } from '#tests/support/tcp-proxy.ts'

// The production server on PostgreSQL under faults and watched (issue 19): request ids
// and logs without personal data, /metrics behind a token, kill -9 in the middle of a
// submission surge, and PostgreSQL going away under it. The app reaches PostgreSQL
// through a TCP relay (tests/support/tcp-proxy.ts) so the test can take the database
// away as a restart does: every connection is terminated with pg_terminate_backend
// (what a fast shutdown sends) and new ones are refused, then it comes back.

const TOKEN = 'metrics-token-for-the-faults-test'
let surge: CrashSurge
let proxy: TcpProxy
let app: AppProcess | null = null
let env: Record<string, string>
let databaseName: string

beforeAll(async () => {
  if (!testServerUrl) throw new Error('server-faults.test.ts needs PostgreSQL: set TEST_DATABASE_URL')
  surge = await prepareCrashSurge(24)
  const direct = new URL(surge.database.env.DATABASE_URL as string)
  databaseName = direct.pathname.slice(1)
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) })
  const viaProxy = new URL(direct)
  viaProxy.port = String(proxy.port)
  const port = await freePort()
  env = {
    ...surge.database.env,
    ...CRASH_APP_ENV,
    DATABASE_URL: viaProxy.toString(),
    PORT: String(port),
    APP_ORIGIN: `http://127.0.0.1:${port}`,
    TRUST_PROXY: '1',
    METRICS_TOKEN: TOKEN,
    LOG_LEVEL: 'info',
    // Every page read goes to the database (no public page cache to answer from memory).
    PORTAL_CACHE_TTL_SECONDS: '0',
  }
  app = await startAppProcess({ env })
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await proxy?.close()
  await surge?.database.cleanup()
})

const bearer = { Authorization: `Bearer ${TOKEN}` }

async function metricsText(a: AppProcess): Promise<string> {
  const res = await fetch(`${a.url}/metrics`, { headers: bearer })
  expect(res.status).toBe(200)
  return res.text()
}

function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : null
}

function requestLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((l) => l.includes('"msg":"request"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

describe('request logs', () => {
  it('log id, route, status and duration, answer the id in X-Request-Id, and never the URL or the body', async () => {
    const a = app as AppProcess
    // Behind the trusted proxy a sane id is carried on; anything else is replaced.
    const carried = await fetch(`${a.url}/login`, { headers: { 'X-Request-Id': 'proxy-7f3a9c2e-0001' } })
    await carried.arrayBuffer()
    expect(carried.headers.get('x-request-id')).toBe('proxy-7f3a9c2e-0001')
    const bogus = await fetch(`${a.url}/login`, { headers: { 'X-Request-Id': 'a b<script>' } })
    await bogus.arrayBuffer()
    expect(bogus.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)

    const secretEmail = 'rahasia.pribadi@contoh.id'
    const query = await fetch(`${a.url}/forgot-password?email=${encodeURIComponent(secretEmail)}`)
    await query.arrayBuffer()
    const signIn = await fetch(`${a.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: a.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: secretEmail, password: 'KataSandiRahasia-99' }),
    })
    await signIn.arrayBuffer()
    expect(signIn.status).toBe(401)
    const signInId = signIn.headers.get('x-request-id')

    await new Promise((r) => setTimeout(r, 200))
    const lines = requestLines(a.output())
    expect(lines.find((l) => l.reqId === 'proxy-7f3a9c2e-0001')).toMatchObject({
      method: 'GET',
      route: 'routes/login',
      status: 200,
      ms: expect.any(Number),
    })
    expect(lines.find((l) => l.reqId === signInId)).toMatchObject({
      method: 'POST',
      route: 'routes/login',
      status: 401,
    })
    expect(lines.find((l) => l.route === 'routes/forgot-password')).toBeTruthy()
    const output = a.output()
    for (const secret of [secretEmail, encodeURIComponent(secretEmail), 'KataSandiRahasia-99', '?email=']) {
      expect(output).not.toContain(secret)
    }
  })
})

describe('/metrics', () => {
  it('needs the token behind a proxy and names routes, never URLs', async () => {
    const a = app as AppProcess
    // TRUST_PROXY: a loopback connection may be the proxy forwarding anyone.
    const anonymous = await fetch(`${a.url}/metrics`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(
      (await fetch(`${a.url}/metrics`, { headers: { Authorization: 'Bearer wrong-token-of-some-length' } })).status,
    ).toBe(401)

    const res = await fetch(`${a.url}/metrics`, { headers: bearer })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(text).toMatch(/^winner_http_requests_total\{route="routes\/login",method="GET",status="200"\} \d+$/m)
    expect(text).toMatch(
      /^winner_http_request_duration_seconds_bucket\{le="0\.5",route="routes\/login",method="GET"\} \d+$/m,
    )
    for (const series of [
      'winner_admission_in_flight',
      'winner_admission_queue_length',
      'winner_db_pool_connections_in_use',
      'winner_mail_outbox_backlog',
      'winner_mail_outbox_oldest_pending_seconds',
      'winner_message_outbox_backlog',
      'winner_job_queue_errors_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(sample(text, series), series).not.toBeNull()
    }
    expect(sample(text, 'winner_db_pool_size')).toBe(10)
    expect(sample(text, 'winner_database_up')).toBe(1)
    expect(text).not.toContain('contoh.id')
    // Labels are route ids, never paths.
    expect(text).not.toMatch(/route="\//)
  })
})

describe('kill -9 during a submission surge on PostgreSQL', () => {
  it('keeps every acknowledged submission exactly once with gapless receipts, and /metrics shows the surge', async () => {
    const first = app as AppProcess
    const all = surge.applicants.map((_, i) => i)
    const run = await submitUntilKilled(first, surge, all, { ratePerS: 40, killAfter: 8 })
    await new Promise((r) =>
      first.child.exitCode !== null || first.child.signalCode ? r(null) : first.child.once('exit', r),
    )
    expect(first.child.signalCode).toBe('SIGKILL')
    expect(run.acknowledged.length).toBeGreaterThanOrEqual(1)
    expect(run.acknowledged.length).toBeLessThan(all.length)
    // What was acknowledged before the crash is there, once, before anyone retries.
    expect(
      await readAppDatabase(surge.database.env, (owner) => receiptProblems(owner, surge, run.acknowledged)),
    ).toEqual([])

    app = await startAppProcess({ env })
    const rest = all.filter((i) => !run.acknowledged.includes(i))
    const retry = await submitUntilKilled(app, surge, rest, { ratePerS: 40, killAfter: null })
    expect(retry.acknowledged).toEqual(rest)
    expect(await readAppDatabase(surge.database.env, (owner) => receiptProblems(owner, surge, all))).toEqual([])
    const text = await metricsText(app)
    expect(
      sample(
        text,
        'winner_http_requests_total{route="routes/p.$province.apply.$application.submit",method="POST",status="302"}',
      ),
    ).toBe(rest.length)
  }, 60_000)
})

describe('PostgreSQL restarted under the app', () => {
  it('answers 503 with Retry-After while it is away and recovers by itself', async () => {
    const a = app as AppProcess
    const page = () => fetch(`${a.url}/p/kalbar/apply`, { headers: { Cookie: surge.applicants[0]?.cookie ?? '' } })
    const before = await page()
    expect(before.status).toBe(200)
    await before.arrayBuffer()

    // The restart: new connections refused, the open ones terminated by the server.
    await proxy.cut()
    await onServer(
      testServerUrl as string,
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${databaseName}' and pid <> pg_backend_pid()`,
    )
    for (let i = 0; i < 3; i++) {
      const down = await page()
      expect(down.status).toBe(503)
      expect(down.headers.get('retry-after')).toBe('5')
      expect(await down.text()).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/)
    }
    expect(sample(await metricsText(a), 'winner_database_up')).toBe(0)

    await proxy.restore()
    const deadline = Date.now() + 15_000
    let status = 0
    while (Date.now() < deadline) {
      const res = await page()
      status = res.status
      await res.arrayBuffer()
      if (status === 200) break
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(status).toBe(200)
    expect(sample(await metricsText(a), 'winner_database_up')).toBe(1)
    expect(a.child.exitCode).toBeNull()
  }, 40_000)
})
