import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '#db/client.ts'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'
import { postForm, request } from '#tests/support/render.ts'

// Overload answers (issue 6, deadline surge): through the real server with one slot and
// no queue, a second request is refused with 503 and Retry-After while the health check
// and static files still answer; and a database out of reach is a 503, not a 500.

let app: AppProcess
let cleanup: () => Promise<void>

beforeAll(async () => {
  const env = { ADMISSION_MAX_IN_FLIGHT: '1', ADMISSION_MAX_QUEUE: '0', ADMISSION_RETRY_AFTER_SECONDS: '3' }
  if (testServerUrl) {
    const name = uniqueName('winner_overload')
    const url = await createDatabase(testServerUrl, name)
    app = await startAppProcess({ env: { ...env, DATABASE_URL: url } })
    cleanup = () => dropDatabase(testServerUrl as string, name)
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'winner-overload-'))
    app = await startAppProcess({ env: { ...env, DATA_DIR: dir } })
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  }
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await cleanup?.()
})

/**
 * A POST whose body has not fully arrived: the app holds its slot while it waits for
 * the rest (a phone on a slow network). `finish` sends the rest and resolves the status.
 */
function slowPost(pathname: string) {
  const body = 'email=a%40b.id&password=x'
  const req = http.request(`${app.url}${pathname}`, {
    method: 'POST',
    agent: false,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(body.length),
      Origin: app.url,
    },
  })
  let answered = false
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
  })
  req.write(body.slice(0, 5))
  return {
    answered: () => answered,
    finish: () => {
      req.end(body.slice(5))
      return status
    },
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Holds the only slot with a slow POST and answers the first GET refused meanwhile.
 * The POST reaches the server asynchronously: if the GET got there first (and the POST
 * was the one refused), the attempt starts over.
 */
async function refusedWhileHeld(pathname: string) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const held = slowPost('/login')
    await pause(100 * (attempt + 1))
    if (held.answered()) {
      await held.finish()
      continue
    }
    const res = await fetch(`${app.url}${pathname}`, { redirect: 'manual' })
    if (res.status === 503) return { held, refused: res }
    await res.arrayBuffer()
    await held.finish()
  }
  throw new Error(`${pathname} was never refused`)
}

describe('admission control in the server', () => {
  it('refuses with 503 and Retry-After while the only slot is taken, then serves again', async () => {
    const { held, refused } = await refusedWhileHeld('/login')
    expect(refused.headers.get('retry-after')).toBe('3')
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/)
    const body = await refused.text()
    expect(body).toContain('Server sedang sangat sibuk')
    expect(body).toContain('tunggu 3 detik')
    // The security headers are there as on every answer.
    expect(refused.headers.get('content-security-policy')).toBeTruthy()

    const english = await fetch(`${app.url}/login?lng=en`)
    expect(english.status).toBe(503)
    expect(await english.text()).toContain('The server is very busy')

    // The health check and static files never wait.
    const health = await fetch(`${app.url}/healthz`)
    expect(health.status).toBe(200)
    const icon = await fetch(`${app.url}/favicon.svg`)
    expect(icon.status).toBe(200)
    await icon.arrayBuffer()

    // The held sign-in completes normally (unknown account: 401).
    expect(await held.finish()).toBe(401)
    const again = await fetch(`${app.url}/login`)
    expect(again.status).toBe(200)
    expect(await again.text()).toContain('<form')
  })
})

describe('database out of reach during a request', () => {
  it('answers 503 with Retry-After, not 500, for pages, form posts and client navigations', async () => {
    const dead = connect('postgres://postgres@127.0.0.1:1/none', { max: 1 })
    try {
      const page = await request('/p/kalbar/apply', { db: dead.db })
      expect(page.status).toBe(503)
      expect(page.headers.get('retry-after')).toBe('5')
      expect(await page.text()).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/)

      const save = await postForm(
        '/p/kalbar/apply/00000000-0000-4000-8000-000000000000/problem',
        { problem: 'Teks', intent: 'stay' },
        { db: dead.db },
      )
      expect(save.status).toBe(503)
      expect(save.headers.get('retry-after')).toBe('5')
      await save.text()

      const data = await request('/p/kalbar/apply.data', { db: dead.db })
      expect(data.status).toBe(503)
      expect(data.headers.get('retry-after')).toBe('5')
      await data.text()
    } finally {
      await dead.close()
    }
  })
})
