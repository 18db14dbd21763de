import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { type AppProcess, buildApp, projectRoot, startAppProcess } from '../support/app-process.ts'
import { createDatabase, dropDatabase, uniqueName } from '../support/databases.ts'
import { prepareApplySection } from './apply-visit.ts'
import { assignmentAtScaleMain } from './assignment-at-scale.ts'
import { type BareServer, startBareServer } from './baseline.ts'
import { firstVisits, type Visit } from './browser.ts'
import { pinProcess, planCpus } from './cpu.ts'
import { surgeMain } from './deadline-surge.ts'
import { finalNightMain } from './final-night.ts'
import { best, type LoadOptions, type LoadResult, measure } from './load.ts'
import { oversightMain } from './oversight.ts'
import { type BenchReport, checksFor, formatReport } from './report.ts'
import { reviewAtScaleMain } from './review-at-scale.ts'
import { procStatusKb, sampleRss } from './rss.ts'
import { signedInMain } from './signed-in.ts'
import { soakMain } from './soak.ts'

// `npm run bench`: app vs bare node on the same page bytes, app memory, first-visit
// weight in Chromium, then the five signed-in pages against bare node (signed-in.ts;
// BENCH_SIGNED_IN=0 skips it), then the deadline surge (deadline-surge.ts; BENCH_SURGE=0 skips it),
// then review at scale (review-at-scale.ts; BENCH_REVIEW=0 skips it), then assignment at
// scale (assignment-at-scale.ts; BENCH_ASSIGNMENT=0 skips it), then the Final Night jury
// (final-night.ts; BENCH_FINAL_NIGHT=0 skips it), then the national dashboard at 190,000
// applications (oversight.ts; BENCH_OVERSIGHT=0 skips it), then a soak of mixed traffic with
// heap readings (soak.ts, SOAK_SECONDS, default 300; BENCH_SOAK=0 skips it). It reports figures; a
// broken harness, a surge that lost writes or crashed, or a review assignment that left gaps
// (or a leaderboard that did not answer 200), a signed-in page or soak request answered with
// anything but the page exits non-zero.

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const pagePath = '/p/kalbar'
const visitPaths = ['/p/kalbar', '/']
function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min) throw new Error(`${name}=${raw}: expected a number ≥ ${min}`)
  return value
}

const load: LoadOptions = {
  connections: envNumber('BENCH_CONNECTIONS', 50, 1),
  durationS: envNumber('BENCH_DURATION', 10, 1),
  warmupS: envNumber('BENCH_WARMUP', 2, 0),
  serverCore: null,
}
const rounds = Math.round(envNumber('BENCH_ROUNDS', 2, 1))
const resultsDir = path.join(projectRoot, 'tests/bench/results')

const log = (message: string) => console.log(`[bench] ${message}`)

const cleanups: Array<() => Promise<void>> = []
async function cleanup(): Promise<void> {
  // Last started, first stopped: the app before its database.
  for (const fn of cleanups.splice(0).reverse()) {
    await fn().catch((error) => console.error('[bench] cleanup step failed:', error))
  }
}
// Ctrl-C reaches us twice (from the terminal and relayed by tsx): keep the handler so
// the second one does not kill us halfway through dropping the database.
let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return
    interrupted = true
    log(`${signal}: cleaning up`)
    void cleanup().finally(() => process.exit(130))
  })
}

/** A raw GET without Accept-Encoding, so we get the exact identity bytes a plain client sees. */
function getRaw(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

function checkLoad(name: string, result: LoadResult, expectedBytes: number, notes: string[], cpuNotes = true): void {
  if (result.requests === 0) throw new Error(`${name}: no request completed`)
  if (result.non2xx > 0) notes.push(`${name}: ${result.non2xx} non-2xx answers under load`)
  if (result.errors + result.timeouts > 0) notes.push(`${name}: ${result.errors} errors, ${result.timeouts} timeouts`)
  // Headers add a little; a body of another size would mean we measured some other page.
  if (result.bytesPerResponse < expectedBytes) {
    notes.push(`${name}: ${result.bytesPerResponse} bytes per response, less than the ${expectedBytes}-byte page`)
  }
  if (!cpuNotes) return
  const quiet = result.othersCpu === null || result.othersCpu <= 10
  if (quiet && result.serverCpu !== null && result.serverCpu < 85 && result.loadCpu >= 90) {
    notes.push(
      `${name}: the server used ${result.serverCpu} % of its core while the load generator used ${result.loadCpu} %: the load generator may be the ceiling`,
    )
  }
  if (result.othersCpu !== null && result.othersCpu > 10) {
    notes.push(`${name}: other processes took ${result.othersCpu} % of the server core: figures are depressed`)
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  const notes: string[] = []

  if (process.env.BENCH_SKIP_BUILD === '1') {
    log('BENCH_SKIP_BUILD=1: using the existing build/')
  } else {
    log('npm run build …')
    const t = Date.now()
    await buildApp()
    log(`built in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  }

  const cpus = planCpus(0, 1)
  if (cpus.serverPrefix.length > 0) load.serverCore = 0
  for (const n of cpus.notes) {
    log(n)
    notes.push(n)
  }

  const databaseName = uniqueName('winner_bench')
  const databaseUrl = await createDatabase(serverUrl, databaseName)
  cleanups.push(() => dropDatabase(serverUrl, databaseName))
  log(`database ${databaseName} created`)

  let t = Date.now()
  const app: AppProcess = await startAppProcess({
    // Every connection is admitted (at worst it waits): this measures rendering, not refusals.
    env: {
      DATABASE_URL: databaseUrl,
      SEED_DEMO: '1',
      LOG_LEVEL: 'warn',
      ADMISSION_MAX_QUEUE: String(load.connections),
      ADMISSION_MAX_WAIT_MS: '10000',
    },
    command: cpus.serverPrefix,
    timeoutMs: 90_000,
  })
  cleanups.push(() => app.stop())
  const appPid = app.child.pid
  if (appPid === undefined) throw new Error('the app process has no pid')
  log(`app up at ${app.url} (pid ${appPid}) in ${((Date.now() - t) / 1000).toFixed(1)} s`)

  // The first GET renders and fills the cache; the second must be the same bytes from it.
  const first = await getRaw(`${app.url}${pagePath}`)
  if (first.status !== 200) throw new Error(`${pagePath} answered ${first.status}:\n${first.body.toString()}`)
  const page = await getRaw(`${app.url}${pagePath}`)
  if (page.headers['content-encoding']) throw new Error(`expected identity, got ${page.headers['content-encoding']}`)
  if (!page.body.equals(first.body)) notes.push(`${pagePath}: two anonymous GETs gave different bytes`)
  if (!page.headers.etag) notes.push(`${pagePath}: no ETag on the answer, the page cache may not be in use`)
  const contentType = page.headers['content-type'] ?? 'text/html; charset=utf-8'
  log(`${pagePath}: ${page.body.length} bytes, ${contentType}, ETag ${page.headers.etag ?? 'none'}`)

  mkdirSync(resultsDir, { recursive: true })
  const bodyFile = path.join(resultsDir, `page-${process.pid}.html`)
  cleanups.push(async () => rmSync(bodyFile, { force: true }))
  const bare: BareServer = await startBareServer({
    body: page.body,
    contentType,
    bodyFile,
    prefix: cpus.serverPrefix,
  })
  cleanups.push(() => bare.stop())
  const barePid = bare.child.pid
  if (barePid === undefined) throw new Error('the bare server has no pid')
  log(`bare server up at ${bare.url}`)

  // The load generator gets core 1 to itself; restored afterwards so Chromium has both.
  const previousCores = cpus.canPinLoad ? pinProcess(process.pid, '1') : null
  if (cpus.canPinLoad && previousCores === null) notes.push('could not pin the load generator to core 1')
  const pinning = [
    cpus.serverPrefix.length > 0 ? `servers: ${cpus.serverPrefix.join(' ')}` : 'servers: not pinned',
    previousCores !== null ? 'load generator: core 1' : 'load generator: not pinned',
  ]

  const appRounds: LoadResult[] = []
  const bareRounds: LoadResult[] = []
  let uncached: LoadResult | null = null
  let memory: BenchReport['memory']
  try {
    // Alternating rounds so a burst of outside work hurts one round, not one side.
    const idleRssKb = procStatusKb(appPid, 'VmRSS')
    const sampler = sampleRss(appPid)
    try {
      for (let round = 1; round <= rounds; round++) {
        log(`round ${round}/${rounds}: app ${pagePath} …`)
        appRounds.push(await measure(`${app.url}${pagePath}`, appPid, load))
        log(`round ${round}/${rounds}: bare node …`)
        bareRounds.push(await measure(bare.url, barePid, load))
      }
    } finally {
      memory = { idleRssKb, ...sampler.stop() }
    }
    if (process.env.BENCH_UNCACHED !== '0') {
      // A cookie other than the language's bypasses the page cache: shows what the cache is worth.
      log(`app ${pagePath}, cache bypassed (render per request) …`)
      uncached = await measure(`${app.url}${pagePath}`, appPid, {
        ...load,
        headers: { Cookie: 'winner-bench=uncached' },
        durationS: 3,
        warmupS: 1,
      })
    }
  } finally {
    if (previousCores !== null) pinProcess(process.pid, previousCores)
  }
  await bare.stop()
  const appResult = best(appRounds)
  const bareResult = best(bareRounds)
  for (const [i, r] of appRounds.entries()) checkLoad(`app round ${i + 1}`, r, page.body.length, notes)
  for (const [i, r] of bareRounds.entries()) checkLoad(`bare round ${i + 1}`, r, page.body.length, notes)
  // Renders query PostgreSQL, which shares the cores: no contention notes for this one.
  if (uncached) checkLoad('app uncached', uncached, 0, notes, false)
  noteSpread('app', appRounds, notes)
  noteSpread('bare', bareRounds, notes)

  log('first visits in Chromium …')
  t = Date.now()
  let browser = await firstVisits(app.url, visitPaths)
  if (!('skipped' in browser)) {
    // Signed in, on a section of a draft: the apply pages' own JS budget.
    const apply = await prepareApplySection(app.url)
    const visits = await firstVisits(app.url, [apply.path], { cookie: apply.cookie })
    browser = 'skipped' in visits ? visits : [...browser, ...visits]
  }
  if ('skipped' in browser) {
    log(`browser part skipped: ${browser.skipped}`)
    notes.push(`browser part skipped: ${browser.skipped}`)
  } else {
    log(`browser done in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    noteBrowser(browser, notes)
  }

  const ratio = bareResult.reqPerSec > 0 ? appResult.reqPerSec / bareResult.reqPerSec : 0
  // Requests per CPU-second of the server barely move when neighbours steal the core.
  const bestPerCpu = (rs: LoadResult[]) => Math.max(0, ...rs.map((r) => r.reqPerCpuSecond ?? 0))
  const cpuRatio = bestPerCpu(bareRounds) > 0 ? bestPerCpu(appRounds) / bestPerCpu(bareRounds) : null
  if ([appResult, bareResult].some((r) => (r.othersCpu ?? 0) > 10) && cpuRatio !== null) {
    notes.unshift(
      `the machine was busy during the best rounds: the req/s ratio is unreliable; per server CPU-second the ratio is ${cpuRatio.toFixed(3)}`,
    )
  }
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    machine: { cpus: os.cpus().length, node: process.version, pinning },
    load: { ...load, rounds, pipelining: 1 },
    page: { path: pagePath, bytes: page.body.length, contentType },
    app: appResult,
    bare: bareResult,
    rounds: { app: appRounds, bare: bareRounds },
    uncached,
    ratio,
    cpuRatio,
    memory,
    browser,
    checks: checksFor(ratio, browser),
    notes,
  }
  console.log(formatReport(report))
  const file = path.join(resultsDir, 'latest.json')
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  log(`written ${path.relative(projectRoot, file)}`)
}

/** Rounds far apart mean the machine was busy with something else. */
function noteSpread(name: string, results: LoadResult[], notes: string[]): void {
  if (results.length < 2) return
  const rps = results.map((r) => r.reqPerSec)
  const spread = (Math.max(...rps) - Math.min(...rps)) / Math.max(...rps)
  if (spread > 0.15) {
    notes.push(
      `${name}: rounds differ by ${(spread * 100).toFixed(0)} % (${rps.map((r) => r.toFixed(0)).join(', ')} req/s)`,
    )
  }
}

/** Flags resources that travelled uncompressed or failed, since the byte budgets assume gzip. */
function noteBrowser(visits: Visit[], notes: string[]): void {
  for (const v of visits) {
    for (const r of v.resources) {
      const textual = r.kind !== 'other' || /\.(svg|json|txt|webmanifest)(\?|$)/.test(r.url)
      if (textual && r.wireBytes > 1000 && r.contentEncoding !== 'gzip' && r.contentEncoding !== 'br') {
        notes.push(
          `${v.path}: ${new URL(r.url).pathname} came uncompressed (${r.wireBytes} bytes, ${r.gzipBytes} gzipped)`,
        )
      }
      if (r.status >= 400) notes.push(`${v.path}: ${new URL(r.url).pathname} answered ${r.status}`)
    }
    for (const f of v.failed) notes.push(`${v.path}: request failed ${f}`)
  }
}

let failed = false
try {
  await main()
} catch (error) {
  failed = true
  console.error('[bench] the harness failed:', error)
} finally {
  await cleanup()
}
if (!failed && !interrupted && process.env.BENCH_SIGNED_IN !== '0') {
  // Its own database and app process; the build is done.
  try {
    failed = !(await signedInMain({ skipBuild: true }))
  } catch (error) {
    failed = true
    console.error('[bench] the signed-in harness failed:', error)
  }
}
if (!failed && !interrupted && process.env.BENCH_SURGE !== '0') {
  // Its own database and app process, after the others have stopped: the cores are its.
  try {
    failed = !(await surgeMain({ skipBuild: true }))
  } catch (error) {
    failed = true
    console.error('[bench] the surge harness failed:', error)
  }
}
if (!failed && !interrupted && process.env.BENCH_REVIEW !== '0') {
  // Its own database and app process too; the build is done.
  try {
    failed = !(await reviewAtScaleMain({ skipBuild: true }))
  } catch (error) {
    failed = true
    console.error('[bench] the review-at-scale harness failed:', error)
  }
}
if (!failed && !interrupted && process.env.BENCH_ASSIGNMENT !== '0') {
  // Its own database; no app process.
  try {
    failed = !(await assignmentAtScaleMain())
  } catch (error) {
    failed = true
    console.error('[bench] the assignment-at-scale harness failed:', error)
  }
}
if (!failed && !interrupted && process.env.BENCH_FINAL_NIGHT !== '0') {
  // Its own database and app process; the build is done.
  try {
    failed = !(await finalNightMain({ skipBuild: true }))
  } catch (error) {
    failed = true
    console.error('[bench] the Final Night harness failed:', error)
  }
}
if (!failed && !interrupted && process.env.BENCH_OVERSIGHT !== '0') {
  // Its own database and app process; the build is done.
  try {
    failed = !(await oversightMain({ skipBuild: true }))
  } catch (error) {
    failed = true
    console.error('[bench] the oversight harness failed:', error)
  }
}
if (!failed && !interrupted && process.env.BENCH_SOAK !== '0') {
  // Last: five minutes of mixed traffic on its own database and app process.
  try {
    failed = !(await soakMain({ skipBuild: true }))
  } catch (error) {
    failed = true
    console.error('[bench] the soak harness failed:', error)
  }
}
process.exit(failed ? 1 : 0)
