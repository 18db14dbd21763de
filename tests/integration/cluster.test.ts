import http from 'node:http'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSession } from '#app/modules/auth/sessions.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { type AppDatabase, prepareAppDatabase, readAppDatabase } from '#tests/support/app-database.ts'
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
let edition = { slug: '', name: '', starts_on: '', ends_on: '', legal_basis: '', status: '' }

beforeAll(async () => {
  if (!testServerUrl) return
  database = await prepareAppDatabase(async (owner) => {
    // An issue of the edition the portal shows (earlier editions reuse titles).
    const current = await findCurrentEdition(owner)
    if (!current) throw new Error('the demo has no edition')
    edition = { ...current, legal_basis: current.legal_basis ?? '' }
    const found = await sql<{ id: string; title: string; user_id: string }>`
      select pi.id, pi.title_id as title, u.id as user_id
      from province_issues pi join provinces p on p.id = pi.province_id
      cross join users u
      where p.slug = 'kalbar' and pi.status = 'published' and pi.edition_id = ${current.id}
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
  time: number
  msg: string
  route?: string
  status?: number
  slot?: number
  signal?: string
  restartInMs?: number
}

function logLines(a: AppProcess): LogLine[] {
  return a
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine)
}

/** Pids of the workers that answered `route` (the province page unless named) since log line `from`. */
function routePids(a: AppProcess, from: number, route = 'routes/p.$province._index'): Set<number> {
  return new Set(
    logLines(a)
      .slice(from)
      .filter((l) => l.msg === 'request' && l.route === route)
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

/** A form posted with a session cookie through whichever worker takes it; the page answers it (200). */
async function postForm(a: AppProcess, path: string, session: string, fields: Record<string, string>): Promise<void> {
  const res = await fetch(`${a.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: session, Origin: a.url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  })
  await res.arrayBuffer()
  expect(res.status).toBe(200)
}

function setPublished(a: AppProcess, publish: boolean): Promise<void> {
  return postForm(a, `/p/kalbar/manage/issues/${issue.id}`, cookie, { intent: publish ? 'publish' : 'unpublish' })
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
      pids = routePids(a, 0)
    }
    expect(pids.size).toBe(2)
    const lines = logLines(a)
    expect(lines.filter((l) => l.msg === '2 processes, one per core')).toHaveLength(1)
    expect(lines.filter((l) => l.msg === 'connected to DATABASE_URL')).toHaveLength(2)

    // Unpublished through whichever worker takes the POST: no worker serves its cached page any more.
    const before = logLines(a).length
    await setPublished(a, false)
    await allPagesShow(a, false)
    expect(routePids(a, before).size).toBe(2)
    const again = logLines(a).length
    await setPublished(a, true)
    await allPagesShow(a, true)
    expect(routePids(a, again).size).toBe(2)
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
    const setActive = (active: boolean) =>
      postForm(a, '/national/provinces/kalbar', ministryCookie, { intent: active ? 'reactivate' : 'deactivate' })
    // Both workers have read (and keep, for 30 s) the province behind the signed-in page.
    const from = logLines(a).length
    expect(new Set(await statuses(8))).toEqual(new Set([200]))
    expect(routePids(a, from, 'routes/p.$province.manage._index').size).toBe(2)
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

  it('an edition renamed through one worker is the name every worker shows at once', async () => {
    const a = app as AppProcess
    // The ministry's dashboard names the current edition (kept in each worker's edition cache).
    const dashboards = async (n: number) => {
      const bodies: string[] = []
      for (let i = 0; i < n; i++) {
        const res = await fetch(`${a.url}/national`, { headers: { Cookie: ministryCookie, Connection: 'close' } })
        expect(res.status).toBe(200)
        bodies.push(await res.text())
      }
      return bodies
    }
    const rename = (name: string) =>
      postForm(a, `/national/editions/${edition.slug}`, ministryCookie, { ...edition, name, intent: 'edition' })
    const from = logLines(a).length
    for (const page of await dashboards(8)) expect(page).toContain(escaped(edition.name))
    expect(routePids(a, from, 'routes/national._index').size).toBe(2)
    const renamed = `${edition.name} (renamed)`
    await rename(renamed)
    try {
      await pause(300)
      for (const page of await dashboards(8)) expect(page).toContain(escaped(renamed))
    } finally {
      await rename(edition.name)
    }
  }, 30_000)

  it('answers /metrics for every worker added up, whichever worker takes the scrape', async () => {
    const a = app as AppProcess
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

  it('kill -9 of the job worker while requests flow: only its own connections fail, it comes back with the job queue', async () => {
    const a = app as AppProcess
    const slots = workerPids(a)
    const jobWorker = slots.get(0) as number
    const other = slots.get(1) as number
    expect(jobWorker).toBeGreaterThan(0)
    expect(other).toBeGreaterThan(0)

    // Requests keep flowing through the kill and the restart, four at a time, each on a
    // connection of its own (so node:cluster hands it to either worker), plus one client
    // reusing a keep-alive connection (which may be the dead worker's).
    const traffic = flow(a, 4)
    await pause(1000)
    const killedAt = logLines(a).length
    process.kill(jobWorker, 'SIGKILL')
    const died = await waitForLine(a, killedAt, (l) => l.msg === 'a server process died; restarting it')
    expect(died).toMatchObject({ slot: 0, signal: 'SIGKILL', pid: jobWorker })

    // A phone code asked for while the job worker is down: the living worker takes the
    // request and relays its "deliver now" kick to the primary, which has no job worker to
    // hand it to (or one still starting, which does not listen yet): the kick is lost, and
    // the restarted job worker's start-up pass delivers the message.
    const asked = Date.now()
    await postForm(a, '/account', cookie, { intent: 'phone-code', phone: '0813-9999-0018' })
    const restarted = await waitForLine(a, killedAt, (l) => l.msg === 'connected to DATABASE_URL' && l.slot === 0)
    // The code was asked for through the other worker, before the new job worker was there.
    const lines = logLines(a)
    const askedAt = lines.findIndex((l, i) => i >= killedAt && l.msg === 'request' && l.route === 'routes/account')
    expect(lines[askedAt]?.pid).toBe(other)
    expect(lines[askedAt]?.time).toBeLessThan(restarted.time)
    await waitForLine(a, killedAt, (l) => l.msg.startsWith('WiNNER listening on') && l.pid === restarted.pid)
    await pause(1000)
    const outcomes = await traffic.stop()

    // What the clients saw: every answer is the page (no 5xx, no 503: the living worker
    // had room); the only failures are the requests on connections the killed worker held,
    // at most one per client: cut without an answer (ECONNRESET, "socket hang up"), or —
    // a connection the primary handed to the worker as it died — never answered nor closed
    // until the client's own timeout (node:cluster's round robin does not take back a
    // connection whose worker never confirmed it; decision 023).
    const answered = outcomes.filter((o) => o.status !== undefined)
    const failed = outcomes.filter((o) => o.status === undefined)
    expect(answered.length).toBeGreaterThan(20)
    expect(new Set(answered.map((o) => o.status))).toEqual(new Set([200]))
    expect(failed.length).toBeLessThanOrEqual(5)
    for (const f of failed) expect(f.error).toMatch(/^(ECONNRESET|socket hang up|timeout)$/)
    // Answers came during the restart too: the other worker kept serving.
    const diedAt = died.time
    expect(answered.some((o) => o.at > diedAt && o.at < restarted.time)).toBe(true)

    // The restarted worker runs the job queue: the message goes out (logged: no provider),
    // from its pid, without waiting for the minute's schedule.
    const delivered = await waitForLine(
      a,
      killedAt,
      (l) => l.msg === 'message logged (no WhatsApp or SMS provider configured)',
    )
    expect(delivered.pid).toBe(restarted.pid)
    expect(Date.now() - asked).toBeLessThan(30_000)
    const status = await readAppDatabase(database.env, (owner) =>
      owner
        .selectFrom('message_outbox')
        .innerJoin('users', 'users.id', 'message_outbox.user_id')
        .select('message_outbox.status')
        .where('users.email', '=', 'bappeda.kalbar@demo.winner.id')
        .where('message_outbox.template', '=', 'phoneCode')
        .execute(),
    )
    expect(status.map((m) => m.status)).toEqual(['logged'])

    // A kick from either worker reaches the new job worker at once (no start-up pass now):
    // two codes on new connections, which node:cluster hands to the two workers in turn,
    // each delivered within seconds. A kick in a two-second slot that already has its job
    // queues one for the next slot (jobs.ts), which starts later: to see "at once" for both,
    // the second kick comes after the first one's slot.
    const logged = () => logLines(a).filter((l) => l.msg.startsWith('message logged')).length
    const kickedBy = new Set<number>()
    for (let i = 0; i < 2; i++) {
      const before = logged()
      const sentAt = Date.now()
      const again = await fetch(`${a.url}/account`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Cookie: ministryCookie,
          Origin: a.url,
          'Content-Type': 'application/x-www-form-urlencoded',
          Connection: 'close',
        },
        body: new URLSearchParams({ intent: 'phone-code', phone: '0813-9999-0019' }),
      })
      await again.arrayBuffer()
      expect(again.status).toBe(200)
      const line = await waitForLine(
        a,
        0,
        (l) => l.msg === 'request' && l.route === 'routes/account' && l.time >= sentAt,
      )
      kickedBy.add(line.pid)
      const deadline = Date.now() + 3000
      while (logged() === before) {
        if (Date.now() > deadline) throw new Error(`the kick through ${line.pid} did not reach the job worker`)
        await pause(50)
      }
      await pause(Math.max(0, sentAt + 2100 - Date.now()))
    }
    expect(kickedBy).toEqual(new Set([other, restarted.pid]))

    // /metrics answers for both workers again: two pools, and the new job worker's runs.
    const metrics = await getFresh(`${a.url}/metrics`)
    expect(metrics.status).toBe(200)
    expect(sample(metrics.body, 'winner_db_pool_size')).toBe(20)
    expect(sample(metrics.body, 'winner_jobs_total{queue="message-deliver",outcome="completed"}')).toBeGreaterThan(0)
  }, 90_000)

  it('backs off restarting a worker that keeps dying, and SIGTERM shuts every worker down cleanly', async () => {
    const a = app as AppProcess
    // The job worker restarted moments ago: dying again within 30 s of its start waits 1 s.
    const jobWorker = workerPids(a).get(0) as number
    const deaths = () => logLines(a).filter((l) => l.msg === 'a server process died; restarting it')
    const earlier = deaths().length
    const killedAt = logLines(a).length
    process.kill(jobWorker, 'SIGKILL')
    const died = await waitForLine(a, killedAt, (l) => l.msg === 'a server process died; restarting it')
    expect(deaths()).toHaveLength(earlier + 1)
    // Its first death waited 0 ms (after 30 s or more of life) or 1 s; this one twice that, or 1 s.
    const first = deaths()[earlier - 1]?.restartInMs ?? 0
    expect(died).toMatchObject({ slot: 0, pid: jobWorker, restartInMs: first === 0 ? 1000 : first * 2 })
    const back = await waitForLine(a, killedAt, (l) => l.msg === 'connected to DATABASE_URL' && l.slot === 0)
    expect(back.time - died.time).toBeGreaterThanOrEqual(died.restartInMs as number)
    await waitForLine(a, killedAt, (l) => l.msg.startsWith('WiNNER listening on') && l.pid === back.pid)

    const exited = new Promise<number | null>((resolve) => a.child.once('exit', (code) => resolve(code)))
    a.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(logLines(a).filter((l) => l.msg === 'shut down cleanly')).toHaveLength(2)
    app = null
  }, 60_000)
})

/** The pid of each worker slot now (its latest start). */
function workerPids(a: AppProcess): Map<number, number> {
  const slots = new Map<number, number>()
  for (const l of logLines(a))
    if (l.msg === 'connected to DATABASE_URL' && l.slot !== undefined) slots.set(l.slot, l.pid)
  return slots
}

/** The first log line from line `from` on that matches, once it is there. */
async function waitForLine(a: AppProcess, from: number, match: (l: LogLine) => boolean, ms = 30_000): Promise<LogLine> {
  const deadline = Date.now() + ms
  for (;;) {
    const found = logLines(a).slice(from).find(match)
    if (found) return found
    if (Date.now() > deadline) throw new Error(`no such log line within ${ms} ms:\n${a.output().slice(-3000)}`)
    await pause(50)
  }
}

function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : null
}

interface Outcome {
  at: number
  status?: number
  error?: string
}

/**
 * `clients` loops of GETs, each on a new connection, alternating a signed-in page (admission,
 * session, database) and the cached public page, plus one loop on a keep-alive connection.
 */
function flow(a: AppProcess, clients: number) {
  const outcomes: Outcome[] = []
  let running = true
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const get = (path: string, headers: Record<string, string>, agent: http.Agent | false) =>
    new Promise<Outcome>((resolve) => {
      const req = http.get(`${a.url}${path}`, { agent, headers }, (res) => {
        res.resume()
        res.on('end', () => resolve({ at: Date.now(), status: res.statusCode ?? 0 }))
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ at: Date.now(), error: e.code ?? e.message }))
      })
      req.setTimeout(5000, () => req.destroy(new Error('timeout')))
      req.on('error', (e: NodeJS.ErrnoException) => resolve({ at: Date.now(), error: e.code ?? e.message }))
    })
  const loop = async (n: number, agent: http.Agent | false) => {
    for (let i = 0; running; i++) {
      const signedIn = (i + n) % 2 === 0
      outcomes.push(
        await get(signedIn ? '/p/kalbar/manage' : '/p/kalbar', signedIn ? { Cookie: ministryCookie } : {}, agent),
      )
    }
  }
  const loops = [...Array.from({ length: clients }, (_, n) => loop(n, false)), loop(0, keepAlive)]
  return {
    async stop(): Promise<Outcome[]> {
      running = false
      await Promise.all(loops)
      keepAlive.destroy()
      return outcomes
    },
  }
}
