import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { projectRoot } from '../support/app-process.ts'
import type { Visit } from './browser.ts'
import type { LoadOptions, LoadResult } from './load.ts'

// Budgets from the brief; KB here is 1000 bytes, the stricter reading.
export const targets = {
  ratioMin: 0.35,
  jsMaxBytes: 100_000,
  htmlCssMaxBytes: 50_000,
}

export type Verdict = 'PASS' | 'MISS' | 'SKIP'

export interface Check {
  name: string
  value: string
  target: string
  verdict: Verdict
}

export interface BenchReport {
  startedAt: string
  durationS: number
  machine: { cpus: number; node: string; pinning: string[] }
  load: LoadOptions & { rounds: number; pipelining: 1 }
  page: { path: string; bytes: number; contentType: string }
  app: LoadResult
  bare: LoadResult
  rounds: { app: LoadResult[]; bare: LoadResult[] }
  uncached: LoadResult | null
  ratio: number
  /** The same ratio per CPU-second each server used: steadier on a shared machine. */
  cpuRatio: number | null
  memory: { idleRssKb: number | null; peakRssKb: number | null; hwmKb: number | null }
  browser: Visit[] | { skipped: string }
  checks: Check[]
  notes: string[]
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`

export function checksFor(ratio: number, browser: BenchReport['browser']): Check[] {
  const checks: Check[] = [
    {
      name: 'req/s app / bare (/p/kalbar)',
      value: ratio.toFixed(3),
      target: `≥ ${targets.ratioMin}`,
      verdict: ratio >= targets.ratioMin ? 'PASS' : 'MISS',
    },
  ]
  if ('skipped' in browser) {
    checks.push({ name: 'first-visit JS (gzip)', value: '-', target: '', verdict: 'SKIP' })
    checks.push({ name: 'first-visit HTML+CSS (gzip)', value: '-', target: '', verdict: 'SKIP' })
    return checks
  }
  const apply = applySectionVisit(browser)
  if (apply) {
    checks.push({
      name: 'JS gzip bytes on first visit to an apply section page',
      value: `${apply.gzipTotals.js} B (${kb(apply.gzipTotals.js)})`,
      target: `≤ ${kb(targets.jsMaxBytes)}`,
      verdict: apply.gzipTotals.js <= targets.jsMaxBytes ? 'PASS' : 'MISS',
    })
  }
  for (const visit of browser) {
    const js = visit.totals.js
    const htmlCss = visit.totals.html + visit.totals.css
    checks.push({
      name: `first-visit JS ${visit.path}`,
      value: kb(js),
      target: `≤ ${kb(targets.jsMaxBytes)}`,
      verdict: js <= targets.jsMaxBytes ? 'PASS' : 'MISS',
    })
    checks.push({
      name: `first-visit HTML+CSS ${visit.path}`,
      value: kb(htmlCss),
      target: `≤ ${kb(targets.htmlCssMaxBytes)}`,
      verdict: htmlCss <= targets.htmlCssMaxBytes ? 'PASS' : 'MISS',
    })
  }
  return checks
}

/** The signed-in visit to an application section (tests/bench/apply-visit.ts), if it was made. */
export function applySectionVisit(visits: Visit[]): Visit | undefined {
  return visits.find((v) => /^\/p\/[^/]+\/apply\/[0-9a-f-]{36}\/[a-z]+$/.test(v.path))
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')).join('\n')
}

export function formatReport(r: BenchReport): string {
  const out: string[] = []
  out.push(
    `\n== Throughput (${r.load.connections} connections, ${r.load.durationS} s after ${r.load.warmupS} s warm-up, no pipelining; best of ${r.load.rounds} alternating rounds)`,
  )
  const loadRows = [['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'bytes/resp']]
  const cpuRows = [
    ['target', 'server cpu %', 'others on its core %', 'load generator cpu %', 'load core %', 'req per server cpu-s'],
  ]
  const na = (n: number | null | undefined) => (n === null || n === undefined ? 'n/a' : String(n))
  const row = (name: string, l: LoadResult) => {
    loadRows.push([
      name,
      l.reqPerSec.toFixed(0),
      String(l.latencyP50Ms),
      String(l.latencyP99Ms),
      String(l.requests),
      String(l.non2xx),
      String(l.errors + l.timeouts),
      String(l.bytesPerResponse),
    ])
    cpuRows.push([name, na(l.serverCpu), na(l.othersCpu), na(l.loadCpu), na(l.coreBusy.cpu1), na(l.reqPerCpuSecond)])
  }
  row(`app ${r.page.path}`, r.app)
  row('bare node, same bytes', r.bare)
  if (r.uncached) row(`app ${r.page.path} uncached (renders)`, r.uncached)
  out.push(table(loadRows))
  const list = (ls: LoadResult[]) => ls.map((l) => l.reqPerSec.toFixed(0)).join(' / ')
  out.push(`rounds req/s: app ${list(r.rounds.app)}; bare ${list(r.rounds.bare)}`)
  out.push(`ratio app/bare: ${r.ratio.toFixed(3)}   (page: ${r.page.bytes} bytes, ${r.page.contentType})`)
  out.push('\nCPU during the measured runs (servers share core 0, the load generator has core 1):')
  out.push(table(cpuRows))
  out.push(`ratio app/bare per server CPU-second: ${r.cpuRatio === null ? 'n/a' : r.cpuRatio.toFixed(3)}`)
  const mb = (k: number | null) => (k === null ? 'n/a' : `${(k / 1024).toFixed(1)} MB`)
  out.push(
    `app memory: RSS before load ${mb(r.memory.idleRssKb)}, peak RSS under load ${mb(r.memory.peakRssKb)}, VmHWM since start ${mb(r.memory.hwmKb)}`,
  )

  out.push('\n== First visit in Chromium (body bytes on the wire; gzip-if-compressed in brackets)')
  if ('skipped' in r.browser) {
    out.push(`skipped: ${r.browser.skipped}`)
  } else {
    const rows = [['page', 'JS', 'HTML', 'CSS', 'other', 'requests']]
    for (const v of r.browser) {
      const cell = (k: 'js' | 'html' | 'css' | 'other') => `${kb(v.totals[k])} [${kb(v.gzipTotals[k])}]`
      rows.push([v.path, cell('js'), cell('html'), cell('css'), cell('other'), String(v.resources.length)])
    }
    out.push(table(rows))
    const apply = applySectionVisit(r.browser)
    if (apply) {
      const scripts = apply.resources.filter((x) => x.kind === 'js').map((x) => new URL(x.url).pathname)
      out.push(
        `JS gzip bytes on first visit to an apply section page: ${apply.gzipTotals.js} B against the 100 KB budget (${scripts.join(', ') || 'no scripts'})`,
      )
    }
  }

  out.push('\n== Targets')
  out.push(table([['check', 'value', 'target', ''], ...r.checks.map((c) => [c.name, c.value, c.target, c.verdict])]))
  if (r.notes.length > 0) {
    out.push('\n== Notes')
    for (const n of r.notes) out.push(`- ${n}`)
  }
  out.push(`\nmachine: ${r.machine.cpus} CPUs, node ${r.machine.node}; run took ${r.durationS.toFixed(0)} s`)
  return out.join('\n')
}

/** Keeps a benchmark's full report as tests/bench/results/<name>-latest.json. */
export function writeResult(name: string, report: unknown): void {
  const dir = path.join(projectRoot, 'tests/bench/results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, `${name}-latest.json`), `${JSON.stringify(report, null, 2)}\n`)
}

/**
 * Runs a benchmark's main when its file is run directly (`npx tsx tests/bench/x.ts`):
 * exit 0 when it passed, 1 when it failed or its harness threw.
 */
export async function runWhenMain(moduleUrl: string, label: string, main: () => Promise<boolean>): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return
  let ok = false
  try {
    ok = await main()
  } catch (error) {
    console.error(`[${label}] the harness failed:`, error)
  }
  process.exit(ok ? 0 : 1)
}
