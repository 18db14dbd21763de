import http from 'node:http'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSession } from '#app/modules/auth/sessions.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { type AppDatabase, prepareAppDatabase } from '#tests/support/app-database.ts'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { testServerUrl } from '#tests/support/databases.ts'

// `npm start` on PostgreSQL with one process per core (docs/decisions/023-one-process-per-core.md):
// the production build with APP_PROCESSES=2 on a fresh database. A change made through
// one process drops the cached public page in the other (LISTEN/NOTIFY; the cache TTL is
// ten minutes, so only the notification can explain a fresh page), /metrics adds up
// every worker, a worker killed outright is restarted, and SIGTERM stops them all cleanly.

const run = testServerUrl ? describe : describe.skip
let database: AppDatabase
let app: AppProcess | null = null
let cookie = ''
let ministryCookie = ''
let issue = { id: '', title: '' }

beforeAll(async () => {
  if (!testServerUrl) return
  database = await prepareAppDatabase(async (owner) => {
    // An issue of the edition the portal shows (earlier editions reuse titles).
    const edition = await findCurrentEdition(owner)
    const found = await sql<{ id: string; title: string; user_id: string }>`
      select pi.id, pi.title_id as title, u.id as user_id
      from province_issues pi join provinces p on p.id = pi.province_id
      cross join users u
      where p.slug = 'kalbar' and pi.status = 'published' and pi.edition_id = ${edition?.id ?? null}
        and u.email = 'bappeda.kalbar@demo.winner.id'
      order by pi.title_id limit 1`.execute(owner)
    const row = found.rows[0]
    if (!row) throw new Error('the demo has no published issue in kalbar')
    issue = { id: row.id, title: row.title }
    cookie = (await startSession(owner, false, row.user_id)).split(';')[0] ?? ''
    const ministry = await sql<{ id: string }>`select id from users where email = 'ministry@demo.winner.id'`.execute(
      owner,
    )
    ministryCookie = (await startSession(owner, false, ministry.rows[0]?.id ?? '')).split(';')[0] ?? ''
  })
  app = await startAppProcess({
    env: { ...database.env, APP_PROCESSES: '2', PORTAL_CACHE_TTL_SECONDS: '600', LOG_LEVEL: 'info' },
  })
}, 180_000)

afterAll(async () => {
  await app?.stop()
  await database?.cleanup()
})

/** GET on a connection of its own, so node:cluster may hand it to either worker. */
function getFresh(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d) => {
          body += d
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      .on('error', reject)
  })
}

const escaped = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')

interface LogLine {
  pid: number
  msg: string
  route?: string
  status?: number
  slot?: number
}

function logLines(a: AppProcess): LogLine[] {
  return a
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine)
}

/** Pids of the workers that answered the province page since log line `from`. */
function portalPids(a: AppProcess, from: number): Set<number> {
  return new Set(
    logLines(a)
      .slice(from)
      .filter((l) => l.msg === 'request' && l.route === 'routes/p.$province._index')
      .map((l) => l.pid),
  )
}

async function portalPages(a: AppProcess, count: number): Promise<string[]> {
  const bodies: string[] = []
  for (let i = 0; i < count; i++) {
    const page = await getFresh(`${a.url}/p/kalbar`)
    expect(page.status).toBe(200)
    bodies.push(page.body)
  }
  return bodies
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function setPublished(a: AppProcess, publish: boolean): Promise<void> {
  const res = await fetch(`${a.url}/p/kalbar/manage/issues/${issue.id}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: a.url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: publish ? 'publish' : 'unpublish' }),
  })
  await res.arrayBuffer()
  expect(res.status).toBe(200)
}

/** The portal's list of published issues (a call or a finalist elsewhere on the page may name the issue too). */
const issueCards = (page: string) => {
  const start = page.indexOf('class="issue-cards"')
  return start < 0 ? '' : page.slice(start, page.indexOf('</ol>', start))
}

/** Waits until every one of several fresh requests lists (or no longer lists) the issue. */
async function allPagesShow(a: AppProcess, shown: boolean): Promise<void> {
  const deadline = Date.now() + 3000
  for (;;) {
    const pages = await portalPages(a, 6)
    if (pages.every((p) => issueCards(p).includes(escaped(issue.title)) === shown)) return
    if (Date.now() > deadline) {
      const stale = issueCards(pages.find((p) => issueCards(p).includes(escaped(issue.title)) !== shown) ?? '')
      const at = stale.indexOf(escaped(issue.title))
      const warnings = a
        .output()
        .split('\n')
        .filter((l) => /"level":[456]0/.test(l))
      throw new Error(
        `a worker still serves the page from before the change (shown: ${!shown}) ${stale.slice(Math.max(0, at - 300), at + 100)} ${warnings.join('\n')}`,
      )
    }
    await pause(100)
  }
}

run('one process per core on PostgreSQL', () => {
  it('migrates once, forks two workers, and a change in one drops the cached page in the other', async () => {
    const a = app as AppProcess
    // Both workers up and serving the province page from their cache.
    let pids = new Set<number>()
    for (let i = 0; i < 20 && pids.size < 2; i++) {
      const pages = await portalPages(a, 4)
      for (const page of pages) expect(issueCards(page)).toContain(escaped(issue.title))
      pids = portalPids(a, 0)
    }
    expect(pids.size).toBe(2)
    const lines = logLines(a)
    expect(lines.filter((l) => l.msg === '2 processes, one per core')).toHaveLength(1)
    expect(lines.filter((l) => l.msg === 'connected to DATABASE_URL')).toHaveLength(2)

    // Unpublished through whichever worker takes the POST: no worker serves its cached page any more.
    const before = logLines(a).length
    await setPublished(a, false)
    await allPagesShow(a, false)
    expect(portalPids(a, before).size).toBe(2)
    const again = logLines(a).length
    await setPublished(a, true)
    await allPagesShow(a, true)
    expect(portalPids(a, again).size).toBe(2)
  }, 60_000)

  it('a province deactivated through one worker answers 404 in every worker at once', async () => {
    const a = app as AppProcess
    const statuses = async (n: number) => {
      const seen: number[] = []
      for (let i = 0; i < n; i++) {
        // The ministry's drill-down: its national role, not a membership of the province, lets it in,
        // so only the province's own state (kept in each worker's province cache) can turn it away.
        const res = await fetch(`${a.url}/p/kalbar/manage`, {
          headers: { Cookie: ministryCookie, Connection: 'close' },
        })
        await res.arrayBuffer()
        seen.push(res.status)
      }
      return seen
    }
    const setActive = async (active: boolean) => {
      const body = new FormData()
      body.set('intent', active ? 'reactivate' : 'deactivate')
      const res = await fetch(`${a.url}/national/provinces/kalbar`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Cookie: ministryCookie, Origin: a.url },
        body,
      })
      await res.arrayBuffer()
      expect(res.status).toBe(200)
    }
    // Both workers have read (and keep, for 30 s) the province behind the signed-in page.
    const from = logLines(a).length
    expect(new Set(await statuses(8))).toEqual(new Set([200]))
    const workspacePids = () =>
      new Set(
        logLines(a)
          .slice(from)
          .filter((l) => l.msg === 'request' && l.route === 'routes/p.$province.manage._index')
          .map((l) => l.pid),
      )
    expect(workspacePids().size).toBe(2)
    await setActive(false)
    try {
      await pause(300)
      expect(new Set(await statuses(8))).toEqual(new Set([404]))
    } finally {
      await setActive(true)
    }
    await pause(300)
    expect(new Set(await statuses(4))).toEqual(new Set([200]))
  }, 30_000)

  it('answers /metrics for every worker added up, whichever worker takes the scrape', async () => {
    const a = app as AppProcess
    const sample = (text: string, series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `))
      return line ? Number(line.slice(series.length + 1)) : null
    }
    await pause(300)
    const served = logLines(a).filter((l) => l.msg === 'request' && l.route === 'routes/p.$province._index').length
    for (let i = 0; i < 4; i++) {
      const res = await getFresh(`${a.url}/metrics`)
      expect(res.status).toBe(200)
      // Two pools of DB_POOL_SIZE (10).
      expect(sample(res.body, 'winner_db_pool_size')).toBe(20)
      expect(sample(res.body, 'winner_database_up')).toBe(1)
      // The outboxes are read by both workers, counted once.
      const backlog = sample(res.body, 'winner_mail_outbox_backlog')
      expect(backlog).toBeGreaterThan(0)
      expect(
        sample(res.body, 'winner_http_requests_total{route="routes/p.$province._index",method="GET",status="200"}'),
      ).toBe(served)
    }
  }, 30_000)

  it('restarts a worker that dies, and SIGTERM shuts every worker down cleanly', async () => {
    const a = app as AppProcess
    const victim = [...portalPids(a, 0)][0] as number
    process.kill(victim, 'SIGKILL')
    const deadline = Date.now() + 20_000
    while (!logLines(a).some((l) => l.msg === 'a server process died; restarting it')) {
      if (Date.now() > deadline) throw new Error('the dead worker was not noticed')
      await pause(100)
    }
    const died = logLines(a).find((l) => l.msg === 'a server process died; restarting it') as LogLine & {
      signal: string
    }
    expect(died.signal).toBe('SIGKILL')
    // The replacement starts and listens; meanwhile the other worker answered.
    while (logLines(a).filter((l) => l.msg.startsWith('WiNNER listening on')).length < 3) {
      if (Date.now() > deadline) throw new Error('the worker was not restarted')
      await pause(100)
    }
    let pids = new Set<number>()
    const from = logLines(a).length
    for (let i = 0; i < 20 && pids.size < 2; i++) {
      await portalPages(a, 4)
      pids = portalPids(a, from)
    }
    expect(pids.size).toBe(2)
    expect(pids.has(victim)).toBe(false)

    const exited = new Promise<number | null>((resolve) => a.child.once('exit', (code) => resolve(code)))
    a.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(logLines(a).filter((l) => l.msg === 'shut down cleanly')).toHaveLength(2)
    app = null
  }, 60_000)
})
