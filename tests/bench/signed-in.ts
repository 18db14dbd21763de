import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { projectRoot } from '../support/app-process.ts'
import { startBareServer } from './baseline.ts'
import { benchApp, envNumber, reportFooter, serverUrl } from './bench-app.ts'
import { pinProcess, planCpus } from './cpu.ts'
import { best, type LoadOptions, type LoadResult, measure } from './load.ts'
import { runWhenMain, table, writeResult } from './report.ts'
import { interpolate, isPageWithHeading, loadWarnings, lookup, type PageVerdict, signedInVerdict } from './targets.ts'

// The signed-in pages of issue 18, each side by side with a bare node:http server
// answering the same bytes in the same run, with the same pinning (servers on core 0,
// autocannon on core 1): the production build on a fresh PostgreSQL database with the
// demo data, the demo accounts signed in through /login, 10 connections carrying the
// session cookie. Every answer under load must be 200 and the page itself (its h1),
// else the run fails: a sign-in form served fast would otherwise look like a win.
//
//   npx tsx tests/bench/signed-in.ts           (also part of `npm run bench`; BENCH_SIGNED_IN=0 skips it)
//   SIGNED_IN_DURATION=5 SIGNED_IN_ROUNDS=1 BENCH_SKIP_BUILD=1 npx tsx tests/bench/signed-in.ts

const log = (message: string) => console.log(`[signed-in] ${message}`)

export interface DemoAccount {
  role: string
  email: string
}

export const demoAccounts = {
  applicant: { role: 'applicant (Kalbar)', email: 'applicant.kalbar@demo.winner.id' },
  reviewer: { role: 'reviewer (Banten)', email: 'reviewer.banten@demo.winner.id' },
  bappeda: { role: 'Bappeda (Banten)', email: 'bappeda.banten@demo.winner.id' },
  ministry: { role: 'ministry', email: 'ministry@demo.winner.id' },
} satisfies Record<string, DemoAccount>

export interface SignedInPage {
  path: string
  account: keyof typeof demoAccounts
  /** The page's h1 in Indonesian (the demo accounts' locale): namespace, key and variables. */
  heading: { namespace: string; key: string; vars: Record<string, string> }
}

export const signedInPages: SignedInPage[] = [
  {
    path: '/p/kalbar/apply',
    account: 'applicant',
    heading: { namespace: 'apply', key: 'home.title', vars: { province: 'Kalimantan Barat' } },
  },
  {
    path: '/p/banten/review',
    account: 'reviewer',
    heading: { namespace: 'review', key: 'title', vars: { name: 'Banten' } },
  },
  {
    path: '/p/banten/manage',
    account: 'bappeda',
    heading: { namespace: 'manage', key: 'province.title', vars: { name: 'Banten' } },
  },
  { path: '/national', account: 'ministry', heading: { namespace: 'manage', key: 'national.title', vars: {} } },
  {
    path: '/p/banten/manage/ranking',
    account: 'bappeda',
    heading: { namespace: 'selection', key: 'ranking.title', vars: { name: 'Banten' } },
  },
]

/** The h1 the page must carry, from locales/id (so a reworded title does not break the bench). */
export function expectedHeading(page: SignedInPage): string {
  const file = path.join(projectRoot, 'locales/id', `${page.heading.namespace}.json`)
  return interpolate(lookup(JSON.parse(readFileSync(file, 'utf8')), page.heading.key), page.heading.vars)
}

/** Signs in through /login like a browser without JavaScript; answers `name=value` for the Cookie header. */
export async function signIn(appUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${appUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
    body: new URLSearchParams({ email, password }).toString(),
  })
  await res.arrayBuffer()
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => /^(__Host-)?winner_session=./.test(c))
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${email} answered ${res.status} without a session`)
  return cookie
}

/** A raw GET without Accept-Encoding: the identity bytes autocannon gets too. */
export function getRaw(
  url: string,
  headers: Record<string, string> = {},
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

/** Medians of a page's Server-Timing metrics (app/server/server-timing.ts), in ms. */
export interface TimingMedians {
  samples: number
  dataMs: number | null
  renderMs: number | null
}

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** One metric's duration from a Server-Timing header (`data;dur=3.2, render;dur=5.1`). */
export function timingOf(header: string | string[] | undefined, name: string): number | null {
  for (const entry of String(header ?? '').split(',')) {
    const [metric, ...params] = entry.trim().split(';')
    if (metric !== name) continue
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith('dur='))
    return dur ? Number(dur.slice(4)) : null
  }
  return null
}

/**
 * Where one request's time goes, with no other load: `samples` GETs one after another,
 * the medians of the app's own data (loaders, actions, route matching) and render times.
 */
export async function timingMedians(
  url: string,
  headers: Record<string, string>,
  samples: number,
): Promise<TimingMedians> {
  const data: number[] = []
  const render: number[] = []
  for (let i = 0; i < samples; i++) {
    const got = await getRaw(url, headers)
    if (got.status !== 200) throw new Error(`${url} answered ${got.status} while sampling Server-Timing`)
    const d = timingOf(got.headers['server-timing'], 'data')
    const r = timingOf(got.headers['server-timing'], 'render')
    if (d !== null) data.push(d)
    if (r !== null) render.push(r)
  }
  return { samples, dataMs: median(data), renderMs: median(render) }
}

export interface PageReport extends PageVerdict {
  path: string
  role: string
  bytes: number
  app: LoadResult
  bare: LoadResult
  rounds: { app: LoadResult[]; bare: LoadResult[] }
  /** The same ratio per CPU-second each server used: steadier when neighbours steal the core. */
  cpuRatio: number | null
  /** Server-Timing medians, sequential requests after the load rounds. */
  timing: TimingMedians
}

export interface SignedInReport {
  startedAt: string
  durationS: number
  machine: { cpus: number; node: string; pinning: string; database: string }
  load: LoadOptions & { rounds: number }
  loadAverage: { before: number[]; after: number[] }
  pages: PageReport[]
  /** The public portal rendered on every request (a query string bypasses the page cache), timed the same way. */
  uncachedPortal: { path: string; timing: TimingMedians } | null
  warnings: string[]
  failed: string[]
}

/** Load results that say the app answered something other than the page. */
function wrongAnswers(name: string, r: LoadResult): string[] {
  const problems: string[] = []
  if (r.requests === 0) problems.push(`${name}: no request completed`)
  if (r.non2xx > 0) problems.push(`${name}: ${r.non2xx} answers other than 2xx`)
  if (r.errors + r.timeouts > 0) problems.push(`${name}: ${r.errors} errors, ${r.timeouts} timeouts`)
  if (r.mismatches > 0) problems.push(`${name}: ${r.mismatches} answers without the page's h1`)
  return problems
}

export async function runSignedIn({ skipBuild = false } = {}): Promise<SignedInReport> {
  const started = Date.now()
  const loadBefore = os.loadavg()
  const load: LoadOptions = {
    connections: Math.round(envNumber('SIGNED_IN_CONNECTIONS', 10, 1)),
    durationS: envNumber('SIGNED_IN_DURATION', 10, 1),
    warmupS: envNumber('SIGNED_IN_WARMUP', 2, 0),
    serverCore: null,
  }
  const rounds = Math.round(envNumber('SIGNED_IN_ROUNDS', 2, 1))
  const timingSamples = Math.round(envNumber('SIGNED_IN_TIMING_SAMPLES', 30, 0))
  let uncachedPortal: SignedInReport['uncachedPortal'] = null
  const warnings: string[] = []
  const failed: string[] = []
  const pages: PageReport[] = []
  let pinning = 'not pinned'
  const bench = await benchApp({ label: 'signed-in', database: 'winner_signed_in', skipBuild })
  try {
    // SIGNED_IN_PIN=0 leaves every process free to use both cores (e.g. to see one app process per core at work).
    const cpus = process.env.SIGNED_IN_PIN === '0' ? { serverPrefix: [], canPinLoad: false, notes: [] } : planCpus(0, 1)
    if (cpus.serverPrefix.length > 0) load.serverCore = 0
    warnings.push(...cpus.notes)

    // One process unless APP_PROCESSES says otherwise (=2 with SIGNED_IN_PIN=0: one per core).
    const app = await bench.start({
      // Every connection is admitted (at worst it waits): this measures the pages, not refusals.
      env: {
        SEED_DEMO: '1',
        LOG_LEVEL: 'warn',
        SERVER_TIMING: '1',
        ADMISSION_MAX_QUEUE: String(load.connections),
        ADMISSION_MAX_WAIT_MS: '10000',
      },
      // SIGNED_IN_PROFILE=dir: the app writes a V8 CPU profile there when it stops (node --cpu-prof).
      command: process.env.SIGNED_IN_PROFILE
        ? [
            ...cpus.serverPrefix,
            '/bin/sh',
            '-c',
            `exec "$0" --cpu-prof --cpu-prof-dir=${process.env.SIGNED_IN_PROFILE} "$@"`,
          ]
        : cpus.serverPrefix,
      timeoutMs: 120_000,
    })
    const appPid = app.pid
    log(`app up at ${app.url} (pid ${appPid}), migrated and seeded with the demo data`)

    const cookies = new Map<string, string>()
    for (const [name, account] of Object.entries(demoAccounts)) {
      cookies.set(name, await signIn(app.url, account.email))
    }
    mkdirSync(path.join(projectRoot, 'tests/bench/results'), { recursive: true })

    const previousCores = cpus.canPinLoad ? pinProcess(process.pid, '1') : null
    if (cpus.canPinLoad && previousCores === null) warnings.push('could not pin the load generator to core 1')
    pinning =
      cpus.serverPrefix.length > 0
        ? `app and bare node: ${cpus.serverPrefix.join(' ')}; load generator: ${previousCores !== null ? 'core 1' : 'not pinned'}`
        : 'not pinned'
    try {
      for (const page of signedInPages) {
        const account = demoAccounts[page.account]
        const heading = expectedHeading(page)
        const headers = { Cookie: cookies.get(page.account) ?? '', 'Accept-Language': 'id' }
        const url = `${app.url}${page.path}`
        // The first GET warms the route; the second is the bytes the bare server will send.
        for (const attempt of [1, 2]) {
          const got = await getRaw(url, headers)
          const html = got.body.toString()
          if (got.status !== 200 || !isPageWithHeading(html, heading)) {
            throw new Error(
              `${page.path} as ${account.email} (GET ${attempt}) answered ${got.status} without the h1 "${heading}":\n${html.slice(0, 600)}`,
            )
          }
          if (attempt === 1) continue
          const contentType = got.headers['content-type'] ?? 'text/html; charset=utf-8'
          const bodyFile = path.join(projectRoot, `tests/bench/results/signed-in-${process.pid}.html`)
          const bare = await startBareServer({ body: got.body, contentType, bodyFile, prefix: cpus.serverPrefix })
          const barePid = bare.child.pid ?? 0
          const appRounds: LoadResult[] = []
          const bareRounds: LoadResult[] = []
          const verifyBody = (body: string) => isPageWithHeading(body, heading)
          try {
            // Alternating rounds, so a burst of outside work hurts one round, not one side.
            for (let round = 1; round <= rounds; round++) {
              log(`${page.path} (${account.role}) round ${round}/${rounds}: app …`)
              appRounds.push(await measure(url, appPid, { ...load, headers, verifyBody }))
              log(`${page.path} round ${round}/${rounds}: bare node, same ${got.body.length} bytes …`)
              bareRounds.push(await measure(bare.url, barePid, load))
            }
          } finally {
            await bare.stop()
            rmSync(bodyFile, { force: true })
          }
          for (const [i, r] of appRounds.entries()) failed.push(...wrongAnswers(`${page.path} app round ${i + 1}`, r))
          for (const [i, r] of bareRounds.entries()) failed.push(...wrongAnswers(`${page.path} bare round ${i + 1}`, r))
          for (const [i, r] of [...appRounds, ...bareRounds].entries()) {
            if (r.othersCpu !== null && r.othersCpu > 10) {
              const side = i < appRounds.length ? 'app' : 'bare'
              warnings.push(`${page.path} ${side}: other processes took ${r.othersCpu} % of the servers' core`)
            }
          }
          const timing = await timingMedians(url, headers, timingSamples)
          const appBest = best(appRounds)
          const bareBest = best(bareRounds)
          const perCpu = (rs: LoadResult[]) => Math.max(0, ...rs.map((r) => r.reqPerCpuSecond ?? 0))
          pages.push({
            path: page.path,
            role: account.role,
            bytes: got.body.length,
            app: appBest,
            bare: bareBest,
            rounds: { app: appRounds, bare: bareRounds },
            ...signedInVerdict(appBest, bareBest),
            cpuRatio: perCpu(bareRounds) > 0 ? perCpu(appRounds) / perCpu(bareRounds) : null,
            timing,
          })
        }
      }
      if (timingSamples > 0) {
        // Any cookie but the language's bypasses the portal cache (a query string does not).
        const portalPath = '/p/kalbar'
        const uncached = { 'Accept-Language': 'id', Cookie: 'winner-bench=uncached' }
        log(`${portalPath} (cache bypassed): Server-Timing, ${timingSamples} renders …`)
        const portal = `${app.url}${portalPath}`
        await getRaw(portal, uncached)
        uncachedPortal = {
          path: `${portalPath} (uncached)`,
          timing: await timingMedians(portal, uncached, timingSamples),
        }
      }
    } finally {
      if (previousCores !== null) pinProcess(process.pid, previousCores)
    }
    if (app.child.exitCode !== null) failed.push(`the app exited during the run:\n${app.output()}`)
  } finally {
    await bench.close()
  }
  const loadAfter = os.loadavg()
  warnings.unshift(...loadWarnings(loadBefore, loadAfter, os.cpus().length))
  return {
    startedAt: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      pinning,
      database: `PostgreSQL at ${new URL(serverUrl).host}, fresh database, demo data`,
    },
    load: { ...load, rounds },
    loadAverage: { before: loadBefore, after: loadAfter },
    pages,
    uncachedPortal,
    warnings,
    failed,
  }
}

export function formatSignedInReport(r: SignedInReport): string {
  const out: string[] = []
  out.push(
    `\n== Signed-in pages (${r.load.connections} connections with the session cookie, ${r.load.durationS} s after ${r.load.warmupS} s warm-up, best of ${r.load.rounds} alternating rounds; bare node = the same bytes, same pinning)`,
  )
  const rows = [
    [
      'page',
      'role',
      'bytes',
      'app req/s',
      'app p50',
      'app p99',
      'bare req/s',
      'bare p99',
      'ratio',
      'per cpu-s',
      'ratio ≥ 0.015',
      'p99 < 100 ms',
    ],
  ]
  for (const p of r.pages) {
    rows.push([
      p.path,
      p.role,
      String(p.bytes),
      p.app.reqPerSec.toFixed(0),
      `${p.app.latencyP50Ms} ms`,
      `${p.app.latencyP99Ms} ms`,
      p.bare.reqPerSec.toFixed(0),
      `${p.bare.latencyP99Ms} ms`,
      p.ratio.toFixed(4),
      p.cpuRatio === null ? 'n/a' : p.cpuRatio.toFixed(4),
      p.ratioVerdict,
      p.p99Verdict,
    ])
  }
  out.push(table(rows))
  const cpuRows = [['page', 'app cpu %', 'bare cpu %', 'others on the servers’ core % (app/bare)', 'rounds app req/s']]
  const na = (n: number | null) => (n === null ? 'n/a' : String(n))
  for (const p of r.pages) {
    cpuRows.push([
      p.path,
      na(p.app.serverCpu),
      na(p.bare.serverCpu),
      `${na(p.app.othersCpu)} / ${na(p.bare.othersCpu)}`,
      p.rounds.app.map((x) => x.reqPerSec.toFixed(0)).join(' / '),
    ])
  }
  out.push('\nCPU during the best rounds:')
  out.push(table(cpuRows))
  const ms = (n: number | null) => (n === null ? 'n/a' : `${n.toFixed(1)} ms`)
  const timingRows = [['page', 'role', 'data (median)', 'render (median)', 'requests']]
  for (const p of r.pages)
    timingRows.push([p.path, p.role, ms(p.timing.dataMs), ms(p.timing.renderMs), String(p.timing.samples)])
  if (r.uncachedPortal) {
    const u = r.uncachedPortal
    timingRows.push([
      u.path,
      'anonymous, page cache bypassed',
      ms(u.timing.dataMs),
      ms(u.timing.renderMs),
      String(u.timing.samples),
    ])
  }
  out.push(
    '\nServer-Timing, one request at a time after the load rounds (data: route matching, loaders and actions; render: React to HTML):',
  )
  out.push(table(timingRows))
  out.push(
    `\ntargets (issue 18): req/s app ÷ bare ≥ 0.015 (4× before) and p99 < 100 ms at ${r.load.connections} connections, for each page`,
  )
  out.push(
    reportFooter({
      loadAverage: r.loadAverage,
      machine: r.machine,
      setup: [r.machine.pinning, r.machine.database],
      warnings: r.warnings,
      failed: r.failed,
      passed: 'every answer was 200 with the page (targets above are reported, not enforced)',
    }),
  )
  return out.join('\n')
}

/** Runs, prints, writes tests/bench/results/signed-in-latest.json; true when every answer was the page. */
export async function signedInMain({ skipBuild = false } = {}): Promise<boolean> {
  const report = await runSignedIn({ skipBuild })
  console.log(formatSignedInReport(report))
  writeResult('signed-in', report)
  return report.failed.length === 0 && report.pages.length === signedInPages.length
}

await runWhenMain(import.meta.url, 'signed-in', signedInMain)
