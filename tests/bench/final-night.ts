import { spawn } from 'node:child_process'
import os from 'node:os'
import { createEvent, drawPitchOrder, moveEvent } from '#app/modules/final-night/final-night.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { connect, type DB } from '#db/client.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { seed } from '#db/seed/run.ts'
import { createFinalists, createParticipant } from '../factories/final-night.ts'
import { type AppProcess, projectRoot, startAppProcess } from '../support/app-process.ts'
import { createDatabase, dropDatabase, uniqueName } from '../support/databases.ts'
import { runWhenMain, table, writeResult } from './report.ts'

// The Final Night under load (issue 14, "Performance"): 40 jurors each post their
// scores for 18 pitches within 60 seconds — every juror opens the score form, then
// posts it; one post in six is sent twice at once with the same idempotency key, as a
// phone retrying on bad venue Wi-Fi would — while the organiser's board is fetched
// every 2 seconds. Prints the p99 of a score post and of the board, and counts lost and
// doubled scores from the database afterwards: both must be 0 (else exit 1).
//
//   npx tsx tests/bench/final-night.ts          (also part of `npm run bench`; BENCH_FINAL_NIGHT=0 skips it)
//   FN_JURORS=10 FN_SECONDS=20 npx tsx tests/bench/final-night.ts

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min) throw new Error(`${name}=${raw}: expected a number ≥ ${min}`)
  return value
}

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const log = (message: string) => console.log(`[final-night] ${message}`)
const PROVINCES = ['kalbar', 'sulsel', 'banten']
const PITCHES_PER_PROVINCE = 6
const CRITERIA = 4

export interface FinalNightBenchReport {
  startedAt: string
  machine: { cpus: number; node: string }
  size: { jurors: number; pitches: number; criteria: number; seconds: number }
  posts: {
    sent: number
    retries: number
    statuses: Record<string, number>
    p50Ms: number
    p99Ms: number
    maxMs: number
  }
  board: { fetches: number; statuses: Record<string, number>; p50Ms: number; p99Ms: number; maxMs: number }
  scores: { expectedRows: number; rows: number; lost: number; doubled: number; wrongValue: number }
  durationS: number
  failed: string[]
}

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => {
      output += d
    })
    child.stderr.on('data', (d) => {
      output += d
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build failed (${code}):\n${output}`)),
    )
  })
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number)
}
const count = (statuses: number[]) =>
  statuses.reduce<Record<string, number>>((acc, s) => {
    acc[String(s)] = (acc[String(s)] ?? 0) + 1
    return acc
  }, {})
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))

/** The demo's province, its call in the current demo edition and its published issues. */
async function provinceOf(owner: DB, slug: string) {
  const province = await owner
    .selectFrom('provinces')
    .select(['id', 'slug'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
  const call = await owner
    .selectFrom('calls')
    .innerJoin('editions', 'editions.id', 'calls.edition_id')
    .select(['calls.id', 'calls.edition_id'])
    .where('calls.province_id', '=', province.id)
    .where('editions.slug', '=', 'demo-current')
    .executeTakeFirstOrThrow()
  const issues = await owner
    .selectFrom('province_issues')
    .select(['id', 'title_id', 'title_en'])
    .where('province_id', '=', province.id)
    .where('edition_id', '=', call.edition_id)
    .where('status', '=', 'published')
    .execute()
  return { province, editionId: call.edition_id, callId: call.id, issues }
}

async function signIn(appUrl: string, email: string): Promise<string> {
  const res = await fetch(`${appUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }).toString(),
  })
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => /^(__Host-)?winner_session=./.test(c))
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email} answered ${res.status} without a session`)
  return cookie
}

export async function runFinalNightBench({ skipBuild = false } = {}): Promise<FinalNightBenchReport> {
  const jurorCount = Math.round(envNumber('FN_JURORS', 40, 1))
  const seconds = envNumber('FN_SECONDS', 60, 5)
  const failed: string[] = []
  const cleanups: Array<() => Promise<void>> = []
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e) => console.error('[final-night] cleanup:', e))
  }
  const onSignal = () => void cleanup().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const startedAt = new Date().toISOString()
  try {
    if (!skipBuild && process.env.BENCH_SKIP_BUILD !== '1') {
      log('npm run build …')
      await build()
    }
    const databaseName = uniqueName('winner_final_night')
    const databaseUrl = await createDatabase(serverUrl, databaseName)
    cleanups.push(() => dropDatabase(serverUrl, databaseName))
    const owner = connect(databaseUrl, { max: 2, as: 'owner' })
    cleanups.push(() => owner.close())
    await migrateToLatest(owner.db)
    await seed(owner.db, { demo: true, origin: 'http://localhost:3000' })

    // 18 finalists (6 in each of three provinces), the event, 40 jurors, voting open.
    let editionId = ''
    for (const slug of PROVINCES) {
      const fx = await provinceOf(owner.db, slug)
      editionId = fx.editionId
      await createFinalists(
        owner.db,
        fx,
        Array.from({ length: PITCHES_PER_PROVINCE }, (_, i) => `Usaha ${slug} ${i + 1}`),
      )
    }
    const ministry = await owner.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('email', '=', 'ministry@demo.winner.id')
      .executeTakeFirstOrThrow()
    const actor = { userId: ministry.id, name: ministry.name, ip: null }
    const now = new Date()
    const eventId = await createEvent(owner.db, actor, {
      edition: editionId,
      startsAt: '2026-12-20T19:00',
      venue: 'Balai Kartini',
      city: 'Jakarta',
      minutes: 3,
    })
    await drawPitchOrder(owner.db, actor, eventId, now)
    const jurors: { id: string; email: string }[] = []
    for (let i = 0; i < jurorCount; i++) {
      jurors.push(
        await createParticipant(owner.db, eventId, {
          name: `Juri ${i + 1}`,
          email: `juri${i + 1}.bench@example.id`,
          password: DEMO_PASSWORD,
        }),
      )
    }
    await moveEvent(owner.db, actor, eventId, 'voting', now)
    const pitchIds = (
      await withTenant(owner.db, { national: true }, (trx) =>
        trx
          .selectFrom('final_night_pitches')
          .select('id')
          .where('event_id', '=', eventId)
          .orderBy('position')
          .execute(),
      )
    ).map((p) => p.id)
    await owner.sql`analyze`
    log(`${pitchIds.length} pitches, ${jurors.length} jurors, voting open`)

    const server: AppProcess = await startAppProcess({
      env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
      timeoutMs: 90_000,
    })
    cleanups.push(() => server.stop())
    const base = server.url
    const organiser = await signIn(base, 'ministry@demo.winner.id')
    const cookies: string[] = []
    for (const j of jurors) cookies.push(await signIn(base, j.email))
    log('signed in; scoring …')

    // What each juror last posted per pitch and criterion (the value the database must hold).
    const lastSent = new Map<string, number>()
    const postMs: number[] = []
    const postStatus: number[] = []
    const boardMs: number[] = []
    const boardStatus: number[] = []
    let retries = 0
    const started = performance.now()
    const deadline = started + seconds * 1000
    let scoring = true

    const board = (async () => {
      while (scoring) {
        const t = performance.now()
        const res = await fetch(`${base}/national/final-night/${eventId}/board`, { headers: { Cookie: organiser } })
        await res.arrayBuffer()
        boardMs.push(performance.now() - t)
        boardStatus.push(res.status)
        await sleep(2000 - (performance.now() - t))
      }
    })()

    const interval = (seconds * 1000 * 0.9) / pitchIds.length
    const juror = async (j: number) => {
      const cookie = cookies[j] as string
      await sleep(Math.random() * interval)
      for (const [n, pitchId] of pitchIds.entries()) {
        const slot = started + n * interval + (j / jurors.length) * interval
        await sleep(slot - performance.now())
        const path = `${base}/final-night/${eventId}/pitches/${pitchId}`
        const form = await (await fetch(path, { headers: { Cookie: cookie } })).text()
        const key = form.match(/name="key" value="([0-9a-f-]{36})"/)?.[1]
        const criteria = [...form.matchAll(/name="scores\[(\d+)\]\.criterion" value="([0-9a-f-]{36})"/g)]
        if (!key || criteria.length !== CRITERIA) {
          postStatus.push(0)
          continue
        }
        const body = new URLSearchParams({ intent: 'score', key })
        for (const [, i, criterion] of criteria) {
          const score = 1 + ((j * 7 + n * 3 + Number(i)) % 10)
          body.set(`scores[${i}].criterion`, criterion as string)
          body.set(`scores[${i}].score`, String(score))
          lastSent.set(`${jurors[j]?.id}/${pitchId}/${criterion}`, score)
        }
        const send = async () => {
          const t = performance.now()
          const res = await fetch(path, {
            method: 'POST',
            redirect: 'manual',
            headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
            body: body.toString(),
          })
          await res.arrayBuffer()
          postMs.push(performance.now() - t)
          postStatus.push(res.status)
        }
        // One post in six goes out twice at once with the same key (a retry).
        if ((j + n) % 6 === 0) {
          retries += 1
          await Promise.all([send(), send()])
        } else await send()
      }
    }
    await Promise.all(jurors.map((_, j) => juror(j)))
    scoring = false
    await board
    const durationS = (performance.now() - started) / 1000
    if (performance.now() > deadline + 5000) failed.push(`scoring took ${durationS.toFixed(1)} s, over ${seconds} s`)

    // Lost and doubled: the rows the database holds against what the jurors sent.
    const stored = await withTenant(owner.db, { national: true }, (trx) =>
      trx
        .selectFrom('final_night_scores')
        .select(['juror_id', 'pitch_id', 'criterion_id', 'score'])
        .where('event_id', '=', eventId)
        .execute(),
    )
    const counted = await withTenant(owner.db, { national: true }, (trx) =>
      trx
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('action', '=', 'final_night.scored')
        .executeTakeFirstOrThrow(),
    )
    const expectedRows = jurors.length * pitchIds.length * CRITERIA
    const seen = new Set(stored.map((s) => `${s.juror_id}/${s.pitch_id}/${s.criterion_id}`))
    const lost = [...lastSent.keys()].filter((k) => !seen.has(k)).length + (expectedRows - lastSent.size)
    // A score counted twice would be a second row (impossible by key) or a second applied post for one key.
    const doubled =
      Math.max(0, stored.length - expectedRows) + Math.max(0, Number(counted.n) - jurors.length * pitchIds.length)
    const wrongValue = stored.filter(
      (s) => lastSent.get(`${s.juror_id}/${s.pitch_id}/${s.criterion_id}`) !== s.score,
    ).length
    if (lost > 0) failed.push(`${lost} scores lost`)
    if (doubled > 0) failed.push(`${doubled} scores doubled`)
    if (wrongValue > 0) failed.push(`${wrongValue} scores hold another value than last sent`)
    const badPosts = postStatus.filter((s) => s !== 302).length
    if (badPosts > 0) failed.push(`${badPosts} score posts did not answer 302`)
    const badBoards = boardStatus.filter((s) => s !== 200).length
    if (badBoards > 0) failed.push(`${badBoards} board fetches did not answer 200`)

    const report: FinalNightBenchReport = {
      startedAt,
      machine: { cpus: os.cpus().length, node: process.version },
      size: { jurors: jurors.length, pitches: pitchIds.length, criteria: CRITERIA, seconds },
      posts: {
        sent: postMs.length,
        retries,
        statuses: count(postStatus),
        p50Ms: percentile(postMs, 50),
        p99Ms: percentile(postMs, 99),
        maxMs: percentile(postMs, 100),
      },
      board: {
        fetches: boardMs.length,
        statuses: count(boardStatus),
        p50Ms: percentile(boardMs, 50),
        p99Ms: percentile(boardMs, 99),
        maxMs: percentile(boardMs, 100),
      },
      scores: { expectedRows, rows: stored.length, lost, doubled, wrongValue },
      durationS,
      failed,
    }
    return report
  } finally {
    await cleanup()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** Runs the benchmark, prints and keeps its report; true when nothing was lost or doubled. */
export async function finalNightMain({ skipBuild = false } = {}): Promise<boolean> {
  const r = await runFinalNightBench({ skipBuild })
  writeResult('final-night', r)
  console.log(
    `\nFinal Night: ${r.size.jurors} jurors × ${r.size.pitches} pitches in ${r.durationS.toFixed(1)} s (${r.posts.retries} retried posts)\n`,
  )
  console.log(
    table([
      ['', 'count', 'p50 ms', 'p99 ms', 'max ms', 'statuses'],
      [
        'score post',
        String(r.posts.sent),
        String(r.posts.p50Ms),
        String(r.posts.p99Ms),
        String(r.posts.maxMs),
        JSON.stringify(r.posts.statuses),
      ],
      [
        'board',
        String(r.board.fetches),
        String(r.board.p50Ms),
        String(r.board.p99Ms),
        String(r.board.maxMs),
        JSON.stringify(r.board.statuses),
      ],
    ]),
  )
  console.log(
    `\nscores: ${r.scores.rows} of ${r.scores.expectedRows} rows; lost ${r.scores.lost}, doubled ${r.scores.doubled}, wrong value ${r.scores.wrongValue}`,
  )
  if (r.failed.length > 0) console.log(`FAILED: ${r.failed.join('; ')}`)
  return r.failed.length === 0
}

await runWhenMain(import.meta.url, 'final-night', () => finalNightMain())
