import type { Check, Verdict } from './report.ts'

// Issue 18's targets and the verdicts the benches print next to their figures, as pure
// functions (tests/unit/bench-targets.test.ts): a wrong PASS would hide the regression
// the bench exists to show.

export const signedInTargets = {
  /** ≥ 4× the ratio measured before issue 18 (0.0038 for the applicant's page, the highest was 0.0058). */
  ratioMin: 0.015,
  p99MaxMs: 100,
}

export const surgeTargets = {
  servedP99MaxMs: 500,
  servedShareMin: 0.99,
}

/**
 * Heap growth over a soak that counts as growth: more than 5 MB and more than 10 % of
 * the heap before. Both readings come after a forced full GC and after a warm-up that
 * has filled every bounded cache (page cache, prepared statements, i18n, route modules),
 * so only live objects remain; between two such readings on a steady server the heap
 * moves by 1–3 MB (code, feedback vectors and allocation-site data V8 keeps on the heap).
 * A leak of one kilobyte per request crosses 5 MB after 5,000 requests, which a
 * 5-minute soak makes many times over.
 */
export const soakTargets = {
  heapGrowthMaxBytes: 5 * 1024 * 1024,
  heapGrowthMaxShare: 0.1,
}

const verdict = (pass: boolean): Verdict => (pass ? 'PASS' : 'MISS')

export interface PageFigures {
  reqPerSec: number
  latencyP99Ms: number
}

export interface PageVerdict {
  ratio: number
  ratioVerdict: Verdict
  p99Verdict: Verdict
}

/** A signed-in page against the bare server that answered the same bytes in the same run. */
export function signedInVerdict(app: PageFigures, bare: PageFigures): PageVerdict {
  const ratio = bare.reqPerSec > 0 ? app.reqPerSec / bare.reqPerSec : 0
  return {
    ratio,
    // A bare server that answered nothing is a broken run, never a pass.
    ratioVerdict: bare.reqPerSec > 0 ? verdict(ratio >= signedInTargets.ratioMin) : 'MISS',
    p99Verdict: app.reqPerSec > 0 ? verdict(app.latencyP99Ms < signedInTargets.p99MaxMs) : 'MISS',
  }
}

export interface SurgeFigures {
  requests: number
  /** Answers that did the work (2xx/3xx). */
  served: number
  servedP99Ms: number
  lostWrites: number
  receiptProblems: number
  /** Peak resident memory of the server (all its processes) during the load, kB; null where /proc is missing. */
  peakRssKb: number | null
}

export function surgeChecks(f: SurgeFigures): Check[] {
  const share = f.requests > 0 ? f.served / f.requests : 0
  return [
    {
      name: 'p99 of served requests',
      value: `${f.servedP99Ms.toFixed(0)} ms`,
      target: `< ${surgeTargets.servedP99MaxMs} ms`,
      // No request served means no latency to judge: a miss, not a vacuous pass.
      verdict: f.served > 0 ? verdict(f.servedP99Ms < surgeTargets.servedP99MaxMs) : 'MISS',
    },
    {
      name: 'served (2xx/3xx) of requests sent',
      value: `${(100 * share).toFixed(1)} % (${f.served} of ${f.requests})`,
      target: `≥ ${100 * surgeTargets.servedShareMin} %`,
      verdict: verdict(f.requests > 0 && share >= surgeTargets.servedShareMin),
    },
    { name: 'lost writes', value: String(f.lostWrites), target: '0', verdict: verdict(f.lostWrites === 0) },
    {
      name: 'receipt problems (gapless, one each)',
      value: String(f.receiptProblems),
      target: '0',
      verdict: verdict(f.receiptProblems === 0),
    },
    {
      name: 'server peak RSS during the surge',
      value: f.peakRssKb === null ? 'n/a' : `${(f.peakRssKb / 1024).toFixed(1)} MB`,
      target: 'printed',
      verdict: f.peakRssKb === null ? 'SKIP' : 'PASS',
    },
  ]
}

export interface HeapGrowth {
  growthBytes: number
  /** Growth relative to the heap before. */
  growthShare: number
  verdict: Verdict
}

export function heapGrowth(beforeBytes: number, afterBytes: number): HeapGrowth {
  const growthBytes = afterBytes - beforeBytes
  const growthShare = beforeBytes > 0 ? growthBytes / beforeBytes : 0
  const grew = growthBytes > soakTargets.heapGrowthMaxBytes && growthShare > soakTargets.heapGrowthMaxShare
  return { growthBytes, growthShare, verdict: verdict(!grew) }
}

/**
 * Warnings about a machine too busy for the figures to mean what they say. Before the
 * bench, a 1-minute load average above half the cores means others hold a core already.
 * At the end the bench itself keeps about two runnable (server and load generator), so
 * above cores + 1 others ran alongside.
 */
export function loadWarnings(before: number[], after: number[], cpus: number): string[] {
  const warnings: string[] = []
  const b = before[0] ?? 0
  const a = after[0] ?? 0
  if (b > cpus / 2) {
    warnings.push(`the machine was busy before the run (load average ${b.toFixed(2)} on ${cpus} cores)`)
  }
  if (a > cpus + 1) {
    warnings.push(`other work ran alongside (load average ${a.toFixed(2)} at the end on ${cpus} cores)`)
  }
  return warnings
}

/** One locale string with its {{name}} variables filled in (i18next's default interpolation). */
export function interpolate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => vars[name] ?? whole)
}

/** A key such as `home.title` looked up in one namespace's JSON. */
export function lookup(namespace: unknown, key: string): string {
  let node: unknown = namespace
  for (const part of key.split('.')) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  }
  if (typeof node !== 'string') throw new Error(`no string at ${key}`)
  return node
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Whether a page is the whole page with this h1 (not the sign-in form, an error page or a cut-off body). */
export function isPageWithHeading(html: string, heading: string): boolean {
  return html.includes(`>${escapeHtml(heading)}</h1>`) && html.trimEnd().includes('</html>')
}

/** What the bench's heap probe (heap-probe.mjs) writes: memory after a forced full GC. */
export interface HeapSample {
  pid: number
  /** Date.now() when it was taken. */
  at: number
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  /** The highest heapUsed seen (sampled every 250 ms) since the previous reading. */
  peakHeapUsed: number
}

export function parseHeapSample(text: string): HeapSample {
  const value: unknown = JSON.parse(text)
  const fields = ['pid', 'at', 'rss', 'heapUsed', 'heapTotal', 'external', 'peakHeapUsed'] as const
  if (value === null || typeof value !== 'object') throw new Error('heap sample: not an object')
  const record = value as Record<string, unknown>
  for (const field of fields) {
    if (typeof record[field] !== 'number' || !Number.isFinite(record[field])) {
      throw new Error(`heap sample: ${field} is not a number`)
    }
  }
  return Object.fromEntries(fields.map((f) => [f, record[f]])) as unknown as HeapSample
}

/** The samples of all the server's processes as one (cluster workers add up). */
export function sumHeapSamples(samples: HeapSample[]): Omit<HeapSample, 'pid' | 'at'> {
  const sum = (field: 'rss' | 'heapUsed' | 'heapTotal' | 'external' | 'peakHeapUsed') =>
    samples.reduce((total, s) => total + s[field], 0)
  return {
    rss: sum('rss'),
    heapUsed: sum('heapUsed'),
    heapTotal: sum('heapTotal'),
    external: sum('external'),
    peakHeapUsed: sum('peakHeapUsed'),
  }
}
