import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readAppDatabase } from '#tests/support/app-database.ts'
import { type AppProcess, projectRoot, startAppProcess } from '#tests/support/app-process.ts'
import {
  CRASH_APP_ENV,
  type CrashSurge,
  prepareCrashSurge,
  receiptProblems,
  submitUntilKilled,
} from '#tests/support/crash-surge.ts'
import { heldPost } from '#tests/support/held-request.ts'

// The runtime of `npm start` (issue 19), always on the embedded database (PGlite, one
// connection), whatever database the suite runs on: the job queue runs without SMTP and
// does not starve requests, SIGTERM lets a request under way finish and exits 0, the
// data directory reopens, kill -9 in the middle of a submission surge loses nothing
// that was acknowledged, and a data directory that cannot be created stops the start
// with one line. One prepared data directory serves the whole file (a start costs ~10 s).

let surge: CrashSurge
let app: AppProcess | null = null
const env = () => ({ ...surge.database.env, ...CRASH_APP_ENV, LOG_LEVEL: 'info' })

beforeAll(async () => {
  surge = await prepareCrashSurge(12, { embedded: true })
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await surge?.database.cleanup()
})

function exited(a: AppProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { child } = a
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
}

async function metricsText(a: AppProcess): Promise<string> {
  const res = await fetch(`${a.url}/metrics`)
  expect(res.status).toBe(200)
  return res.text()
}

function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : null
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the embedded server (npm start)', () => {
  it('runs the job queue without SMTP, keeps mails readable, keeps answering, and shuts down gracefully', async () => {
    app = await startAppProcess({ env: env() })
    const a = app
    // The embedded database is one PGlite inside this process: one server process, said at start.
    expect(a.output()).toContain('"msg":"embedded database: one process"')
    // The message worker runs at start (pg-boss on the only connection), without SMTP or a provider.
    const deadline = Date.now() + 15_000
    let completed: number | null = null
    while (Date.now() < deadline) {
      completed = sample(await metricsText(a), 'winner_jobs_total{queue="message-deliver",outcome="completed"}')
      if (completed) break
      await pause(250)
    }
    expect(completed).toBeGreaterThanOrEqual(1)
    const metrics = await metricsText(a)
    // Mail delivery alone is off: the seed's and the surge's mails wait in the outbox…
    expect(sample(metrics, 'winner_mail_outbox_backlog')).toBeGreaterThan(0)
    expect(sample(metrics, 'winner_mail_outbox_oldest_pending_seconds')).toBeGreaterThan(0)
    expect(sample(metrics, 'winner_db_pool_size')).toBe(1)
    // …and stay readable on this machine.
    const mailbox = await fetch(`${a.url}/dev/mailbox`)
    expect(mailbox.status).toBe(200)
    expect(await mailbox.text()).toContain('@demo.winner.id')

    // The queue's polling shares the one connection with requests: they keep being answered promptly.
    for (let i = 0; i < 10; i++) {
      const started = performance.now()
      const res = await fetch(`${a.url}/p/kalbar/apply`, { headers: { Cookie: surge.applicants[0]?.cookie ?? '' } })
      expect(res.status).toBe(200)
      await res.arrayBuffer()
      expect(performance.now() - started).toBeLessThan(3000)
    }

    // Without TRUST_PROXY a client's own X-Request-Id is not taken over.
    const own = await fetch(`${a.url}/login`, { headers: { 'X-Request-Id': 'client-chosen-id-123' } })
    await own.arrayBuffer()
    expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)

    // SIGTERM while a sign-in is under way (its body still arriving): it is answered, then the process exits 0.
    const held = heldPost(a.url, '/login', 'email=nobody%40contoh.id&password=salah-sekali')
    await pause(300)
    expect(held.answered()).toBe(false)
    a.child.kill('SIGTERM')
    await pause(500)
    expect(a.child.exitCode).toBeNull()
    // A new connection is refused meanwhile: the listener is closed.
    await expect(fetch(`${a.url}/healthz`)).rejects.toThrow()
    const answer = await held.finish()
    expect(answer.status).toBe(401)
    expect(answer.headers.connection).toBe('close')
    expect(await exited(a)).toEqual({ code: 0, signal: null })
    expect(a.output()).toMatch(/"msg":"shut down cleanly"/)
    app = null
  }, 60_000)

  it('loses no acknowledged submission to kill -9 mid-surge, keeps receipts gapless and reopens', async () => {
    // Reopens the directory the graceful shutdown closed.
    const first = await startAppProcess({ env: env() })
    app = first
    const all = surge.applicants.map((_, i) => i)
    const run = await submitUntilKilled(first, surge, all, { ratePerS: 12, killAfter: 4 })
    expect(await exited(first)).toEqual({ code: null, signal: 'SIGKILL' })
    expect(run.acknowledged.length).toBeGreaterThanOrEqual(1)
    expect(run.acknowledged.length).toBeLessThan(all.length)

    // The data directory comes back after the crash; the clients that got no receipt send again.
    const second = await startAppProcess({ env: env() })
    app = second
    const rest = all.filter((i) => !run.acknowledged.includes(i))
    const retry = await submitUntilKilled(second, surge, rest, { ratePerS: 12, killAfter: null })
    expect(retry.acknowledged).toEqual(rest)
    await second.stop()
    expect(await exited(second)).toEqual({ code: 0, signal: null })
    app = null

    await readAppDatabase(surge.database.env, async (owner) => {
      expect(await receiptProblems(owner, surge, all)).toEqual([])
      // The job queue's schedules were installed on the embedded database too.
      const schedules = await sql<{ name: string }>`select name from pgboss.schedule`.execute(owner)
      expect(schedules.rows.map((r) => r.name)).toEqual(
        expect.arrayContaining(['review-reminders', 'privacy-retention', 'message-deliver']),
      )
    })
  }, 90_000)

  it('refuses a data directory that cannot be created with one line and exit code 73', async () => {
    // chmod does not stop root (CI runs as root), so the directory is asked for under a file.
    const file = path.join(surge.database.env.DATA_DIR as string, 'not-a-directory')
    writeFileSync(file, 'x')
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'production', PORT: '0', DATA_DIR: path.join(file, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    let stdout = ''
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.stdout.on('data', (d) => {
      stdout += d
    })
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
    expect(code).toBe(73)
    expect(stderr.trim().split('\n')).toEqual([
      `WiNNER did not start: Cannot use the data directory ${path.join(file, 'data')}: a part of the path is a file, not a directory (ENOTDIR). Set DATA_DIR to a writable directory with free space, or set DATABASE_URL.`,
    ])
    expect(stdout).not.toMatch(/\bat .*:\d+:\d+/)
  }, 30_000)
})
