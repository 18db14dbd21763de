import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { connect } from '#db/client.ts'
import { benchApp, envNumber, reportFooter, serverUrl } from './bench-app.ts'
import { heapProbeCommand, readHeap } from './heap.ts'
import { runWhenMain, table, writeResult } from './report.ts'
import { sampleRss } from './rss.ts'
import { demoAccounts, expectedHeading, signedInPages, signIn } from './signed-in.ts'
import { percentile } from './surge-check.ts'
import { findOpenProvince, prepareApplicants, type SurgeApplicant } from './surge-setup.ts'
import { type HeapGrowth, heapGrowth, isPageWithHeading, loadWarnings, soakTargets, sumHeapSamples } from './targets.ts'

// The soak of issue 18: mixed traffic for SOAK_SECONDS (default 300) against the
// production build on a fresh PostgreSQL database with the demo data — public portal
// pages, the five signed-in pages of signed-in.ts, and applicants' section saves — from
// SOAK_CONNECTIONS closed-loop clients (each sends its next request when the previous
// is answered). After a warm-up, and then every SOAK_SAMPLE_SECONDS, every process of
// the server is made to run a full GC and report its heap (heap.ts); the heap after
// against the heap before is the leak check. Fails on any wrong answer (not 200 with
// the page, a save not acknowledged, or one not stored); growth is reported as MISS.
//
//   npx tsx tests/bench/soak.ts                       (also part of `npm run bench`; BENCH_SOAK=0 skips it)
//   SOAK_SECONDS=60 BENCH_SKIP_BUILD=1 npx tsx tests/bench/soak.ts

const log = (message: string) => console.log(`[soak] ${message}`)

type Kind = 'portal' | 'signed-in' | 'save'

/**
 * One client's cycle of ten requests: 3 portal pages, the 5 signed-in pages, 2 section
 * saves — roughly what a day before a deadline looks like (more reading than writing).
 */
const portalPaths = ['/', '/p/kalbar', '/p/banten']
type Step = { kind: 'portal'; path: string } | { kind: 'signed-in'; page: number } | { kind: 'save' }
const cycle: Step[] = [
  { kind: 'portal', path: portalPaths[0] as string },
  { kind: 'signed-in', page: 0 },
  { kind: 'portal', path: portalPaths[1] as string },
  { kind: 'signed-in', page: 1 },
  { kind: 'save' },
  { kind: 'signed-in', page: 2 },
  { kind: 'portal', path: portalPaths[2] as string },
  { kind: 'signed-in', page: 3 },
  { kind: 'save' },
  { kind: 'signed-in', page: 4 },
]

const marker = (client: number, seq: number) => `Masalah utama desa pesisir, soak klien ${client} simpanan #${seq}.`

interface HeapPoint {
  /** Seconds into the soak (0: after the warm-up). */
  atS: number
  requests: number
  heapUsed: number
  heapTotal: number
  rss: number
  peakHeapUsed: number
  processes: number
}

export interface SoakReport {
  startedAt: string
  machine: { cpus: number; node: string; database: string }
  options: { seconds: number; warmupS: number; connections: number; sampleEveryS: number }
  loadAverage: { before: number[]; after: number[] }
  requests: Record<Kind, { count: number; p50Ms: number; p99Ms: number }>
  reqPerSec: number
  heap: HeapPoint[]
  growth: HeapGrowth
  /** Highest RSS of the server's processes sampled every 100 ms during the soak, kB. */
  peakRssKb: number | null
  savesVerified: number
  warnings: string[]
  failed: string[]
}

/** A request with keep-alive, reading the whole answer. */
function send(
  agent: http.Agent,
  url: URL,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; location: string | null; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(body)
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        headers: payload
          ? { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': payload.length }
          : headers,
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location ?? null,
            text: Buffer.concat(chunks).toString(),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error('timed out after 30 s')))
    req.on('error', reject)
    req.end(payload)
  })
}

export async function runSoak({ skipBuild = false } = {}): Promise<SoakReport> {
  const options = {
    seconds: envNumber('SOAK_SECONDS', 300, 1),
    warmupS: envNumber('SOAK_WARMUP', 20, 0),
    connections: Math.round(envNumber('SOAK_CONNECTIONS', 6, 1)),
    sampleEveryS: envNumber('SOAK_SAMPLE_SECONDS', 60, 5),
  }
  const loadBefore = os.loadavg()
  const warnings: string[] = []
  const failed: string[] = []
  const bench = await benchApp({ label: 'soak', database: 'winner_soak', skipBuild })
  try {
    const databaseUrl = bench.databaseUrl
    const heapDir = mkdtempSync(path.join(os.tmpdir(), 'winner-soak-'))
    bench.defer(async () => rmSync(heapDir, { recursive: true, force: true }))

    const app = await bench.start({
      env: {
        SEED_DEMO: '1',
        LOG_LEVEL: 'warn',
        ADMISSION_MAX_QUEUE: String(options.connections),
        ADMISSION_MAX_WAIT_MS: '10000',
        BENCH_HEAP_DIR: heapDir,
      },
      command: heapProbeCommand(),
      timeoutMs: 120_000,
    })
    const appPid = app.pid
    log(`app up at ${app.url} (pid ${appPid}, --expose-gc with the heap probe)`)

    const cookies = new Map<string, string>()
    for (const [name, account] of Object.entries(demoAccounts)) cookies.set(name, await signIn(app.url, account.email))
    const headings = signedInPages.map(expectedHeading)
    // One applicant with a complete draft per client: each client's saves follow one another, so
    // the text stored at the end must be exactly that client's last acknowledged save.
    const owner = connect(databaseUrl, { max: 4, as: 'owner' })
    let applicants: SurgeApplicant[]
    try {
      const province = await findOpenProvince(owner.db, 'kalbar', new Date())
      applicants = await prepareApplicants(owner.db, province, options.connections, new Date())
    } finally {
      await owner.close()
    }

    const base = new URL(app.url)
    const latencies: Record<Kind, number[]> = { portal: [], 'signed-in': [], save: [] }
    const lastSaved: (number | null)[] = applicants.map(() => null)
    let requests = 0
    let saveSeq = 0
    let stopAt = 0
    let recording = false
    const problems: string[] = []

    const client = async (index: number) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
      const applicant = applicants[index] as SurgeApplicant
      try {
        for (let step = index; Date.now() < stopAt && problems.length < 20; step++) {
          const s = cycle[step % cycle.length] as Step
          const t = performance.now()
          if (s.kind === 'portal') {
            const res = await send(agent, new URL(s.path, base), 'GET', { 'Accept-Language': 'id' })
            if (res.status !== 200 || !res.text.includes('</html>')) problems.push(`GET ${s.path}: ${res.status}`)
          } else if (s.kind === 'signed-in') {
            const page = signedInPages[s.page] as (typeof signedInPages)[number]
            const cookie = cookies.get(page.account) ?? ''
            const res = await send(agent, new URL(page.path, base), 'GET', { Cookie: cookie, 'Accept-Language': 'id' })
            if (res.status !== 200 || !isPageWithHeading(res.text, headings[s.page] as string)) {
              problems.push(`GET ${page.path} as ${page.account}: ${res.status} without its h1`)
            }
          } else {
            const seq = ++saveSeq
            const body = new URLSearchParams({ problem: marker(index, seq), intent: 'stay' }).toString()
            const res = await send(
              agent,
              new URL(`/p/kalbar/apply/${applicant.applicationId}/problem`, base),
              'POST',
              { Cookie: applicant.cookie, Origin: base.origin, 'Accept-Language': 'id' },
              body,
            )
            if (res.status === 302 && /[?&]saved=1/.test(res.location ?? '')) lastSaved[index] = seq
            else problems.push(`section save #${seq}: ${res.status} → ${res.location ?? 'no redirect'}`)
          }
          if (recording) {
            latencies[s.kind].push(performance.now() - t)
            requests += 1
          }
        }
      } catch (error) {
        problems.push(`client ${index}: ${error instanceof Error ? error.message : String(error)}`)
      } finally {
        agent.destroy()
      }
    }
    const traffic = (seconds: number) => {
      stopAt = Date.now() + seconds * 1000
      return Promise.all(applicants.map((_, i) => client(i)))
    }

    if (options.warmupS > 0) {
      log(`warm-up: ${options.warmupS} s of the same mix (fills the caches, lets V8 optimise) …`)
      await traffic(options.warmupS)
    }
    const heap: HeapPoint[] = []
    const reading = async (atS: number) => {
      const samples = await readHeap(appPid, heapDir)
      const sum = sumHeapSamples(samples)
      heap.push({ atS, requests, ...sum, processes: samples.length })
      log(
        `heap after GC at ${atS.toFixed(0)} s: ${mb(sum.heapUsed)} used (peak since last ${mb(sum.peakHeapUsed)}), RSS ${mb(sum.rss)}, ${requests} requests`,
      )
    }
    await reading(0)

    log(`soak: ${options.seconds} s, ${options.connections} clients …`)
    recording = true
    const rss = sampleRss(appPid)
    bench.defer(async () => void rss.stop())
    const soakStarted = performance.now()
    let peakRssKb: number | null = null
    try {
      // In slices, with a heap reading between them: a trend shows a leak better than two points.
      for (let done = 0; done < options.seconds && problems.length === 0; ) {
        const slice = Math.min(options.sampleEveryS, options.seconds - done)
        await traffic(slice)
        done += slice
        await reading((performance.now() - soakStarted) / 1000)
      }
    } finally {
      peakRssKb = rss.stop().peakRssKb
    }
    const elapsedS = (performance.now() - soakStarted) / 1000
    recording = false
    if (app.child.exitCode !== null) failed.push(`the app exited during the soak:\n${app.output()}`)
    failed.push(...problems)

    // Every acknowledged save must be what the database holds for that client's application.
    const check = connect(databaseUrl, { max: 1, as: 'owner' })
    let savesVerified = 0
    try {
      const rows = await check.db
        .selectFrom('applications')
        .select(['id', 'problem'])
        .where(
          'id',
          'in',
          applicants.map((a) => a.applicationId),
        )
        .execute()
      const stored = new Map(rows.map((r) => [r.id, r.problem]))
      applicants.forEach((a, i) => {
        const seq = lastSaved[i]
        if (seq === null || seq === undefined) return
        if (stored.get(a.applicationId) === marker(i, seq)) savesVerified += 1
        else failed.push(`client ${i}: save #${seq} acknowledged, the database holds "${stored.get(a.applicationId)}"`)
      })
    } finally {
      await check.close()
    }

    const first = heap[0] as HeapPoint
    const last = heap.at(-1) as HeapPoint
    const growth = heapGrowth(first.heapUsed, last.heapUsed)
    const loadAfter = os.loadavg()
    warnings.push(...loadWarnings(loadBefore, loadAfter, os.cpus().length))
    const stats = (kind: Kind) => {
      const sorted = [...latencies[kind]].sort((a, b) => a - b)
      return { count: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) }
    }
    return {
      startedAt: new Date(Date.now() - elapsedS * 1000).toISOString(),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        database: `PostgreSQL at ${new URL(serverUrl).host}, fresh database, demo data`,
      },
      options,
      loadAverage: { before: loadBefore, after: loadAfter },
      requests: { portal: stats('portal'), 'signed-in': stats('signed-in'), save: stats('save') },
      reqPerSec: requests / elapsedS,
      heap,
      growth,
      peakRssKb,
      savesVerified,
      warnings,
      failed,
    }
  } finally {
    await bench.close()
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

export function formatSoakReport(r: SoakReport): string {
  const out: string[] = []
  const o = r.options
  out.push(
    `\n== Soak (${o.seconds} s of mixed traffic after ${o.warmupS} s warm-up, ${o.connections} closed-loop clients: 3 portal pages, 5 signed-in pages, 2 section saves in every 10 requests)`,
  )
  const rows = [['requests', 'count', 'p50 ms', 'p99 ms']]
  for (const [kind, s] of Object.entries(r.requests)) {
    rows.push([kind, String(s.count), s.p50Ms.toFixed(0), s.p99Ms.toFixed(0)])
  }
  out.push(table(rows))
  out.push(
    `throughput: ${r.reqPerSec.toFixed(0)} requests/s; section saves verified in the database: ${r.savesVerified}`,
  )
  out.push('\nmemory of the server (all its processes; heap and RSS right after a forced full GC):')
  const heapRows = [['at', 'requests', 'heap used', 'heap total', 'RSS', 'peak heap used since the previous row']]
  for (const h of r.heap) {
    heapRows.push([
      `${h.atS.toFixed(0)} s`,
      String(h.requests),
      mb(h.heapUsed),
      mb(h.heapTotal),
      mb(h.rss),
      h.atS === 0 ? '(warm-up)' : mb(h.peakHeapUsed),
    ])
  }
  out.push(table(heapRows))
  const first = r.heap[0]
  const last = r.heap.at(-1)
  const peakHeap = Math.max(...r.heap.slice(1).map((h) => h.peakHeapUsed))
  if (first && last) {
    out.push(
      `RSS after the warm-up ${mb(first.rss)} (start-up and seeding still in it), peak during the soak ${r.peakRssKb === null ? 'n/a' : mb(r.peakRssKb * 1024)} (sampled every 100 ms), after ${mb(last.rss)}`,
    )
    out.push(`heap used before ${mb(first.heapUsed)}, peak ${mb(peakHeap)}, after ${mb(last.heapUsed)}`)
  }
  const g = r.growth
  out.push(
    `heap growth over the soak: ${g.growthBytes >= 0 ? '+' : ''}${mb(g.growthBytes)} (${(100 * g.growthShare).toFixed(1)} %); counts as growth above ${mb(soakTargets.heapGrowthMaxBytes)} and ${100 * soakTargets.heapGrowthMaxShare} % together: ${g.verdict}`,
  )
  out.push(
    reportFooter({
      loadAverage: r.loadAverage,
      machine: r.machine,
      setup: [r.machine.database, 'not pinned'],
      warnings: r.warnings,
      failed: r.failed,
      passed: 'every answer was right and every save stored (heap growth above is reported, not enforced)',
    }),
  )
  return out.join('\n')
}

/** Runs, prints, writes tests/bench/results/soak-latest.json; true when every answer was right. */
export async function soakMain({ skipBuild = false } = {}): Promise<boolean> {
  const report = await runSoak({ skipBuild })
  console.log(formatSoakReport(report))
  writeResult('soak', report)
  return report.failed.length === 0
}

await runWhenMain(import.meta.url, 'soak', soakMain)
