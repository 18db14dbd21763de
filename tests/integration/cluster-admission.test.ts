import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'

// Admission limits with one process per core (docs/decisions/023-one-process-per-core.md):
// ADMISSION_MAX_IN_FLIGHT and ADMISSION_MAX_QUEUE are the instance's, shared out among the
// workers, so two processes admit what was configured, not twice that. The refusal is
// still the deadline surge's 503 with Retry-After.

const run = testServerUrl ? describe : describe.skip
let app: AppProcess | null = null
let name = ''

beforeAll(async () => {
  if (!testServerUrl) return
  name = uniqueName('winner_cluster_admission')
  const url = await createDatabase(testServerUrl, name)
  app = await startAppProcess({
    env: {
      DATABASE_URL: url,
      APP_PROCESSES: '2',
      ADMISSION_MAX_IN_FLIGHT: '2',
      ADMISSION_MAX_QUEUE: '0',
      ADMISSION_RETRY_AFTER_SECONDS: '3',
      LOG_LEVEL: 'info',
    },
  })
}, 180_000)

afterAll(async () => {
  await app?.stop()
  if (name) await dropDatabase(testServerUrl as string, name)
})

interface Held {
  answered: () => { status: number; retryAfter: string | undefined } | null
  finish: () => Promise<number>
}

/**
 * A sign-in POST on a connection of its own whose body has not fully arrived: once admitted
 * it holds its worker's slot until `finish` sends the rest. A refused one is answered at once.
 */
function slowPost(url: string): Held {
  const body = 'email=a%40b.id&password=x'
  const req = http.request(`${url}/login`, {
    method: 'POST',
    agent: false,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(body.length),
      Origin: url,
    },
  })
  let answer: { status: number; retryAfter: string | undefined } | null = null
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      answer = { status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
  })
  req.write(body.slice(0, 5))
  return {
    answered: () => answer,
    finish: () => {
      req.end(body.slice(5))
      return status
    },
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : null
}

run('admission limits with two processes', () => {
  it('admits the configured two requests across both workers and refuses the rest with 503 and Retry-After', async () => {
    const a = app as AppProcess
    const lines = a
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; slot?: number; maxInFlight?: number; maxQueue?: number })
    expect(lines.find((l) => l.msg === '2 processes, one per core')).toMatchObject({ maxInFlight: 2, maxQueue: 0 })
    const shares = lines.filter((l) => l.msg === 'connected to DATABASE_URL')
    expect(shares.map((l) => [l.slot, l.maxInFlight, l.maxQueue]).sort()).toEqual([
      [0, 1, 0],
      [1, 1, 0],
    ])

    // Six slow sign-ins on new connections, one after the other: node:cluster hands them to
    // the workers in turn. Each worker admits one; with per-process limits both would admit
    // two (four held).
    const posts: Held[] = []
    for (let i = 0; i < 6; i++) {
      posts.push(slowPost(a.url))
      await pause(200)
    }
    await pause(300)
    const refused = posts.map((p) => p.answered()).filter((r) => r !== null)
    const held = posts.filter((p) => p.answered() === null)
    expect(held).toHaveLength(2)
    expect(refused).toHaveLength(4)
    for (const r of refused) expect(r).toEqual({ status: 503, retryAfter: '3' })

    // /metrics never waits, and adds the workers up: the instance has two in flight.
    const metrics = await fetch(`${a.url}/metrics`)
    const text = await metrics.text()
    expect(metrics.status).toBe(200)
    expect(sample(text, 'winner_admission_in_flight')).toBe(2)

    // The held sign-ins complete normally (unknown account: 401), and the slots are free again.
    for (const p of held) expect(await p.finish()).toBe(401)
    for (const p of posts) if (!held.includes(p)) await p.finish().catch(() => 0)
    const again = await fetch(`${a.url}/login`)
    expect(again.status).toBe(200)
    await again.arrayBuffer()
  }, 60_000)
})
