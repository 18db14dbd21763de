import { mkdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { runAssignment } from '#app/modules/assignment/assignments.server.ts'
import { buildLeaderboard } from '#app/modules/selection/leaderboard.ts'
import { listCompletedTotals, listRankedApplications } from '#app/modules/selection/ranking.queries.server.ts'
import { loadRanking } from '#app/modules/selection/ranking.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { connect, type DB } from '#db/client.ts'
import { projectRoot } from '../support/app-process.ts'
import { startBareServer } from './baseline.ts'
import { benchApp, envNumber, reportFooter, serverUrl } from './bench-app.ts'
import { pinProcess, planCpus } from './cpu.ts'
import { best, type LoadOptions, type LoadResult, measure } from './load.ts'
import { runWhenMain, table, writeResult } from './report.ts'
import { fillScores, prepareScaleDatabase, type ScaleFixture } from './review-setup.ts'

// Review at scale (issue 7, "Performance"): one province with 5,000 eligible applications
// and 60 reviewers. Times the real assignment workflow (runAssignment, as the route calls
// it: the runtime role, withTenant), checks coverage and loads, fills every review, then
// renders the leaderboard through the production build as the signed-in province admin:
// first render, warm renders, req/s against bare node serving the same bytes.
// Exits non-zero when the assignment leaves gaps or the page is not 200.
//
//   npx tsx tests/bench/review-at-scale.ts        (also part of `npm run bench`; BENCH_REVIEW=0 skips it)
//   REVIEW_APPLICATIONS=500 REVIEW_REVIEWERS=12 BENCH_DURATION=3 npx tsx tests/bench/review-at-scale.ts
//   REVIEW_PROFILE=/tmp/prof npx tsx tests/bench/review-at-scale.ts   (a CPU profile of the app)

const log = (message: string) => console.log(`[review] ${message}`)
const ms = (start: number) => Math.round(performance.now() - start)
/** A first render slower than this gets a profile of where the time goes. */
const SLOW_FIRST_RENDER_MS = 1000

export interface ReviewBenchReport {
  startedAt: string
  machine: { cpus: number; node: string; database: string; pinning: string }
  size: { applications: number; reviewers: number; perApplication: number }
  setupMs: { fixture: number; scores: number }
  assignment: {
    firstRunMs: number
    rerunMs: number
    assigned: number
    rerunAssigned: number
    notified: number
    uncovered: number
    coverage: { min: number; max: number; short: number }
    loads: { min: number; max: number; mean: number }
    conflicts: { declared: number; detected: number; planted: number; violated: number }
  }
  reviews: { completed: number }
  page: {
    path: string
    status: number
    bytes: number
    rows: number
    firstRenderMs: number
    warmRenderMs: number[]
    /** Where the time goes, measured in-process with the same modules (when slow, or always). */
    breakdownMs: { loadRanking: number; totalsQuery: number; applicationsQuery: number; buildLeaderboard: number }
  }
  load: LoadOptions & { rounds: number }
  app: LoadResult | null
  bare: LoadResult | null
  ratio: number | null
  /** 1, 5 and 15 minute load averages at the end: other work on the machine shows here. */
  loadAverage: number[]
  failed: string[]
  notes: string[]
}

/** A GET without Accept-Encoding (the identity bytes autocannon gets too). */
function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

/** Signs in through /login like a browser without JavaScript; answers the Cookie header. */
async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${appUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
    body: new URLSearchParams({ email, password }).toString(),
  })
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => /^(__Host-)?winner_session=./.test(c))
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email} answered ${res.status} without a session`)
  return cookie
}

/** Coverage, loads and conflict violations of the call's assignments, read as the owner. */
async function checkAssignments(owner: DB, fixture: ScaleFixture, perApplication: number) {
  return withTenant(owner, { provinceId: fixture.province.id }, async (trx) => {
    const coverage = await trx
      .selectFrom('applications as a')
      .leftJoin('review_assignments as ra', (j) =>
        j.onRef('ra.province_id', '=', 'a.province_id').onRef('ra.application_id', '=', 'a.id'),
      )
      .select(['a.id', (eb) => eb.fn.count<string>('ra.reviewer_id').as('n')])
      .where('a.province_id', '=', fixture.province.id)
      .where('a.call_id', '=', fixture.callId)
      .groupBy('a.id')
      .execute()
    const loads = await trx
      .selectFrom('memberships as m')
      .leftJoin('review_assignments as ra', (j) =>
        j.onRef('ra.province_id', '=', 'm.province_id').onRef('ra.reviewer_id', '=', 'm.user_id'),
      )
      .select(['m.user_id', (eb) => eb.fn.count<string>('ra.application_id').as('n')])
      .where('m.province_id', '=', fixture.province.id)
      .where('m.role', '=', 'reviewer')
      .groupBy('m.user_id')
      .execute()
    const conflicts = await trx
      .selectFrom('review_conflicts')
      .select(['source', (eb) => eb.fn.countAll<string>().as('n')])
      .where('province_id', '=', fixture.province.id)
      .groupBy('source')
      .execute()
    const violated = await trx
      .selectFrom('review_assignments as ra')
      .innerJoin('review_conflicts as rc', (j) =>
        j
          .onRef('rc.province_id', '=', 'ra.province_id')
          .onRef('rc.application_id', '=', 'ra.application_id')
          .onRef('rc.reviewer_id', '=', 'ra.reviewer_id'),
      )
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ra.province_id', '=', fixture.province.id)
      .executeTakeFirstOrThrow()
    const counts = coverage.map((c) => Number(c.n))
    const perReviewer = loads.map((l) => Number(l.n))
    const sum = perReviewer.reduce((a, b) => a + b, 0)
    const of = (source: string) => Number(conflicts.find((c) => c.source === source)?.n ?? 0)
    return {
      coverage: {
        min: Math.min(...counts),
        max: Math.max(...counts),
        short: counts.filter((n) => n < perApplication).length,
      },
      loads: {
        min: Math.min(...perReviewer),
        max: Math.max(...perReviewer),
        mean: Math.round((10 * sum) / Math.max(1, perReviewer.length)) / 10,
      },
      conflicts: { declared: of('declared'), detected: of('detected'), violated: Number(violated.n) },
    }
  })
}

/** The ranking page's work in-process, piece by piece: which part costs the time. */
async function breakdown(db: DB, fixture: ScaleFixture) {
  const now = new Date()
  let t = performance.now()
  await loadRanking(db, fixture.province.id, now, { issue: null, page: 1 })
  const loadMs = ms(t)
  return withTenant(db, { provinceId: fixture.province.id }, async (trx) => {
    t = performance.now()
    const totals = await listCompletedTotals(trx, fixture.province.id, fixture.callId)
    const totalsQuery = ms(t)
    t = performance.now()
    const applications = await listRankedApplications(trx, fixture.province.id, fixture.callId)
    const applicationsQuery = ms(t)
    t = performance.now()
    buildLeaderboard({ totals, applications, method: 'zscore', blind: false, issue: null })
    return { loadRanking: loadMs, totalsQuery, applicationsQuery, buildLeaderboard: ms(t) }
  })
}

export async function runReviewAtScale({ skipBuild = false } = {}): Promise<ReviewBenchReport> {
  const size = {
    applications: Math.round(envNumber('REVIEW_APPLICATIONS', 5000, 10)),
    reviewers: Math.round(envNumber('REVIEW_REVIEWERS', 60, 3)),
  }
  // Few connections: a render takes a good part of a second, and 50 queued requests would
  // wait past autocannon's 10 s timeout. Both sides get the same concurrency.
  const load: LoadOptions = {
    connections: envNumber('REVIEW_CONNECTIONS', 4, 1),
    durationS: envNumber('BENCH_DURATION', 10, 1),
    warmupS: envNumber('BENCH_WARMUP', 2, 0),
    serverCore: null,
  }
  const rounds = Math.round(envNumber('BENCH_ROUNDS', 2, 1))
  const failed: string[] = []
  const notes: string[] = []
  const startedAt = new Date().toISOString()
  const bench = await benchApp({ label: 'review', database: 'winner_review', skipBuild })
  try {
    const databaseUrl = bench.databaseUrl
    const owner = connect(databaseUrl, { max: 2, as: 'owner' })
    bench.defer(() => owner.close())
    const now = new Date()
    const { fixture, fixtureMs } = await prepareScaleDatabase(owner.db, size, now)
    log(`${size.applications} eligible applications, ${size.reviewers} reviewers in ${(fixtureMs / 1000).toFixed(1)} s`)

    // (1) The assignment, as Bappeda's "assign" button runs it: the runtime role's pool.
    const app = connect(databaseUrl, { max: 10, as: 'app' })
    bench.defer(() => app.close())
    const actor = { userId: fixture.admin.id, ip: '192.0.2.1', now, origin: 'http://localhost' }
    let t = performance.now()
    const run = await runAssignment(app.db, fixture.province, actor, fixture.callId)
    const firstRunMs = ms(t)
    log(`assignment: ${run.assigned} assignments, ${run.uncovered.length} uncovered, in ${firstRunMs} ms`)
    // Sending the form again must find nothing to do, and should not take as long.
    t = performance.now()
    const rerun = await runAssignment(app.db, fixture.province, { ...actor, now: new Date() }, fixture.callId)
    const rerunMs = ms(t)
    log(`re-run: ${rerun.assigned} new assignments in ${rerunMs} ms`)
    const perApplication = (
      await withTenant(owner.db, { provinceId: fixture.province.id }, (trx) =>
        trx
          .selectFrom('calls')
          .select('reviewers_per_application')
          .where('province_id', '=', fixture.province.id)
          .where('id', '=', fixture.callId)
          .executeTakeFirstOrThrow(),
      )
    ).reviewers_per_application
    const checked = await checkAssignments(owner.db, fixture, perApplication)
    if (run.uncovered.length > 0 || checked.coverage.short > 0) {
      failed.push(`${Math.max(run.uncovered.length, checked.coverage.short)} applications short of ${perApplication}`)
    }
    if (checked.coverage.max > perApplication) failed.push(`an application has ${checked.coverage.max} reviewers`)
    if (checked.conflicts.violated > 0) failed.push(`${checked.conflicts.violated} assignments on a conflicted pair`)
    if (rerun.assigned > 0) failed.push(`the re-run assigned ${rerun.assigned} more`)
    if (checked.loads.max - checked.loads.min > 2) {
      notes.push(`reviewer loads range ${checked.loads.min}–${checked.loads.max}`)
    }

    // (2) Every review done, then statistics fresh as autovacuum would leave them.
    t = performance.now()
    const completed = await fillScores(owner.db, fixture.province.id, fixture.callId, new Date())
    const scoresMs = ms(t)
    await owner.sql`analyze`
    log(`${completed} reviews scored in ${(scoresMs / 1000).toFixed(1)} s`)

    // (3) The leaderboard through the production server, signed in as the province admin.
    const cpus = planCpus(0, 1)
    if (cpus.serverPrefix.length > 0) load.serverCore = 0
    notes.push(...cpus.notes)
    // REVIEW_PROFILE=dir: the app writes a V8 CPU profile there when it stops (open it in Chrome DevTools);
    // the figures of such a run are depressed by the profiler.
    const profileDir = process.env.REVIEW_PROFILE
    const server = await bench.start({
      env: { LOG_LEVEL: 'warn' },
      command: [
        ...cpus.serverPrefix,
        ...(profileDir ? ['/bin/sh', '-c', `exec "$0" --cpu-prof --cpu-prof-dir=${profileDir} "$@"`] : []),
      ],
      timeoutMs: 90_000,
    })
    const serverPid = server.pid
    const cookie = await signIn(server.url, fixture.admin.email, fixture.admin.password)
    const pagePath = `/p/${fixture.province.slug}/manage/ranking`
    const headers = { Cookie: cookie, 'Accept-Language': 'id' }
    t = performance.now()
    const first = await get(`${server.url}${pagePath}`, headers)
    const firstRenderMs = ms(t)
    const warmRenderMs: number[] = []
    let page = first
    for (let i = 0; i < 5; i++) {
      t = performance.now()
      page = await get(`${server.url}${pagePath}`, headers)
      warmRenderMs.push(ms(t))
    }
    const html = page.body.toString()
    const rows = (html.match(/<tr[\s>]/g) ?? []).length
    log(`${pagePath}: ${first.status}, ${page.body.length} bytes, first render ${firstRenderMs} ms`)
    if (first.status !== 200 || page.status !== 200) {
      failed.push(`${pagePath} answered ${first.status}/${page.status}`)
      notes.push(page.body.toString().slice(0, 500))
    }
    if (page.status === 200 && !html.includes(`WNR-`) && !html.includes('data-rank')) {
      notes.push(`${pagePath}: the page names no ranked application`)
    }
    const breakdownMs = await breakdown(app.db, fixture)

    let appResult: LoadResult | null = null
    let bareResult: LoadResult | null = null
    if (page.status === 200) {
      mkdirSync(path.join(projectRoot, 'tests/bench/results'), { recursive: true })
      const bodyFile = path.join(projectRoot, `tests/bench/results/ranking-${process.pid}.html`)
      bench.defer(async () => rmSync(bodyFile, { force: true }))
      const contentType = page.headers['content-type'] ?? 'text/html; charset=utf-8'
      const bare = await startBareServer({ body: page.body, contentType, bodyFile, prefix: cpus.serverPrefix })
      bench.defer(() => bare.stop())
      const barePid = bare.child.pid ?? 0
      const previous = cpus.canPinLoad ? pinProcess(process.pid, '1') : null
      const appRounds: LoadResult[] = []
      const bareRounds: LoadResult[] = []
      try {
        for (let round = 1; round <= rounds; round++) {
          log(`round ${round}/${rounds}: app ${pagePath} …`)
          appRounds.push(await measure(`${server.url}${pagePath}`, serverPid, { ...load, headers }))
          log(`round ${round}/${rounds}: bare node …`)
          bareRounds.push(await measure(bare.url, barePid, load))
        }
      } finally {
        if (previous !== null) pinProcess(process.pid, previous)
      }
      appResult = best(appRounds)
      bareResult = best(bareRounds)
      if (appResult.non2xx > 0) failed.push(`${appResult.non2xx} non-2xx answers under load`)
      for (const [name, r] of [
        ['app', appResult],
        ['bare', bareResult],
      ] as const) {
        if ((r.othersCpu ?? 0) > 10) {
          notes.push(`${name}: other processes took ${r.othersCpu} % of the server core: figures are depressed`)
        }
      }
      if (appResult.errors + appResult.timeouts > 0) {
        notes.push(`app: ${appResult.errors} errors, ${appResult.timeouts} timeouts under load`)
      }
    }
    if (server.child.exitCode !== null) failed.push('the app process died')
    return {
      startedAt,
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        database: `PostgreSQL at ${new URL(serverUrl).host}, fresh database`,
        pinning: cpus.serverPrefix.length > 0 ? 'app and bare node on core 0, load generator on core 1' : 'not pinned',
      },
      size: { ...size, perApplication },
      setupMs: { fixture: fixtureMs, scores: scoresMs },
      assignment: {
        firstRunMs,
        rerunMs,
        assigned: run.assigned,
        rerunAssigned: rerun.assigned,
        notified: run.reviewers,
        uncovered: run.uncovered.length,
        coverage: checked.coverage,
        loads: checked.loads,
        conflicts: { ...checked.conflicts, planted: fixture.plantedDetections },
      },
      reviews: { completed },
      page: {
        path: pagePath,
        status: first.status,
        bytes: page.body.length,
        rows,
        firstRenderMs,
        warmRenderMs,
        breakdownMs,
      },
      load: { ...load, rounds },
      app: appResult,
      bare: bareResult,
      ratio: appResult && bareResult && bareResult.reqPerSec > 0 ? appResult.reqPerSec / bareResult.reqPerSec : null,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
      failed,
      notes,
    }
  } finally {
    await bench.close()
  }
}

export function formatReviewReport(r: ReviewBenchReport): string {
  const out: string[] = []
  const a = r.assignment
  out.push(
    `\n== Review at scale (${r.size.applications} eligible applications, ${r.size.reviewers} reviewers, ${r.size.perApplication} per application)`,
  )
  out.push(
    table([
      ['step', 'time', 'result'],
      [
        'assignment (runAssignment, first run)',
        `${a.firstRunMs} ms`,
        `${a.assigned} assignments, ${a.notified} digests`,
      ],
      ['assignment again (incremental)', `${a.rerunMs} ms`, `${a.rerunAssigned} new`],
      ['leaderboard first render (signed in)', `${r.page.firstRenderMs} ms`, `${r.page.status}, ${r.page.bytes} bytes`],
      ['leaderboard warm renders', `${r.page.warmRenderMs.join(' / ')} ms`, `${r.page.rows} table rows`],
    ]),
  )
  out.push(
    `coverage: ${a.coverage.min}–${a.coverage.max} reviewers per application, ${a.coverage.short} short, ${a.uncovered} reported uncovered`,
  )
  out.push(`reviewer loads: ${a.loads.min}–${a.loads.max} (mean ${a.loads.mean})`)
  out.push(
    `conflicts: ${a.conflicts.declared} declared, ${a.conflicts.detected} detected (${a.conflicts.planted} applications planted to match), ${a.conflicts.violated} assignments on a conflicted pair`,
  )
  const b = r.page.breakdownMs
  out.push(
    `in-process: loadRanking ${b.loadRanking} ms = totals query ${b.totalsQuery} ms + applications query ${b.applicationsQuery} ms + buildLeaderboard ${b.buildLeaderboard} ms (+ progress, issues)`,
  )
  out.push(
    `fixture: ${(r.setupMs.fixture / 1000).toFixed(1)} s bulk SQL; ${r.reviews.completed} reviews scored in ${(r.setupMs.scores / 1000).toFixed(1)} s`,
  )
  if (r.app && r.bare) {
    out.push(
      `\n== Leaderboard throughput (${r.load.connections} connections, ${r.load.durationS} s after ${r.load.warmupS} s warm-up, no pipelining; best of ${r.load.rounds} alternating rounds)`,
    )
    const rows = [
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'server cpu %', 'others on its core %'],
    ]
    const row = (name: string, l: LoadResult) =>
      rows.push([
        name,
        l.reqPerSec.toFixed(1),
        String(l.latencyP50Ms),
        String(l.latencyP99Ms),
        String(l.requests),
        String(l.non2xx),
        String(l.errors + l.timeouts),
        l.serverCpu === null ? 'n/a' : String(l.serverCpu),
        l.othersCpu === null ? 'n/a' : String(l.othersCpu),
      ])
    row(`app ${r.page.path} (signed in)`, r.app)
    row('bare node, same bytes', r.bare)
    out.push(table(rows))
    out.push(`ratio app/bare: ${r.ratio === null ? 'n/a' : r.ratio.toFixed(4)}   (page: ${r.page.bytes} bytes)`)
    if (r.app.reqPerCpuSecond !== null) {
      // Steadier than req/s on a shared machine; PostgreSQL's share is not in it.
      out.push(`app process CPU per leaderboard request: ${(1000 / r.app.reqPerCpuSecond).toFixed(0)} ms`)
    }
  }
  if (r.page.firstRenderMs > SLOW_FIRST_RENDER_MS) {
    out.push(`\nslow: the first render took more than ${SLOW_FIRST_RENDER_MS} ms; see the in-process breakdown above`)
  }
  if (r.notes.length > 0) {
    out.push('\n== Notes')
    for (const n of r.notes) out.push(`- ${n}`)
  }
  out.push(
    reportFooter({
      loadAverage: { after: r.loadAverage },
      machine: r.machine,
      setup: [r.machine.database, r.machine.pinning],
      failed: r.failed,
      passed: 'PASS',
    }),
  )
  return out.join('\n')
}

/** Runs, prints, writes tests/bench/results/review-latest.json; true when it passed. */
export async function reviewAtScaleMain({ skipBuild = false } = {}): Promise<boolean> {
  const report = await runReviewAtScale({ skipBuild })
  console.log(formatReviewReport(report))
  writeResult('review', report)
  return report.failed.length === 0
}

await runWhenMain(import.meta.url, 'review', reviewAtScaleMain)
