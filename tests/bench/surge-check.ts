import type { Outcome, Sent } from './surge-driver.ts'

// What the surge's answers and the database say afterwards, as pure functions.

export interface SaveRecord {
  /** The marker number written into the text (unique per request). */
  seq: number
  sent: Sent
}

/** A save counts as acknowledged when the app redirected to the saved page (Post/Redirect/Get). */
export function acknowledgedSave(outcome: Outcome): boolean {
  return outcome.kind === 'response' && outcome.status === 302 && /[?&]saved=1/.test(outcome.location ?? '')
}

/** A submit counts as acknowledged when the app redirected to the receipt. */
export function acknowledgedSubmit(outcome: Outcome): boolean {
  return outcome.kind === 'response' && outcome.status === 302 && /\/receipt$/.test(outcome.location ?? '')
}

/** Answered without doing anything: a refusal the client can see (4xx, 503 and the like). */
function refused(outcome: Outcome): boolean {
  return outcome.kind === 'response' && !acknowledgedSave(outcome) && outcome.status !== 500
}

export interface WriteProblem {
  application: string
  problem: string
}

/**
 * Lost writes of one application's saves against the marker found in the database.
 * The stored marker must be a linearisable last write: no acknowledged save may have
 * been sent after the stored one was acknowledged (that save would have overwritten
 * it), and a save the server refused must never be what is stored.
 */
export function checkSaves(application: string, saves: SaveRecord[], storedSeq: number | null): WriteProblem[] {
  const acked = saves.filter((s) => acknowledgedSave(s.sent.outcome))
  if (acked.length === 0 && storedSeq === null) return []
  const stored = storedSeq === null ? undefined : saves.find((s) => s.seq === storedSeq)
  if (!stored) {
    // The text from before the surge (or someone else's marker) is still there.
    if (acked.length === 0) return storedSeq === null ? [] : [{ application, problem: `unknown marker #${storedSeq}` }]
    return [{ application, problem: `${acked.length} acknowledged saves, none stored (found #${storedSeq ?? 'none'})` }]
  }
  if (refused(stored.sent.outcome)) {
    return [{ application, problem: `marker #${stored.seq} stored although its save was answered ${describe(stored)}` }]
  }
  // A save that timed out or lost its socket may have committed at any time: it can be last.
  const storedDone = stored.sent.outcome.kind === 'response' ? stored.sent.doneMs : Number.POSITIVE_INFINITY
  const overwritten = acked.filter((a) => a.seq !== stored.seq && a.sent.sentMs > storedDone)
  return overwritten.map((a) => ({
    application,
    problem: `save #${a.seq} acknowledged at ${a.sent.doneMs.toFixed(0)} ms, sent after #${stored.seq} was acknowledged, is lost`,
  }))
}

function describe(record: SaveRecord): string {
  const o = record.sent.outcome
  return o.kind === 'response' ? String(o.status) : o.kind === 'timeout' ? 'timeout' : o.code
}

/** Receipt numbers of one province and edition must run 1…n without gaps or repeats, n = the counter. */
export function checkReceiptSequence(numbers: number[], counter: number): string[] {
  const problems: string[] = []
  const sorted = [...numbers].sort((a, b) => a - b)
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i] !== i + 1) {
      problems.push(`receipt numbers are not 1…${sorted.length}: position ${i + 1} holds ${sorted[i]}`)
      break
    }
  }
  if (counter !== sorted.length) problems.push(`the counter says ${counter}, ${sorted.length} receipts exist`)
  return problems
}

export interface Summary {
  requests: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>
  byStatus: Record<string, number>
  /** 429 and 503 answers, and how many of them carried Retry-After. */
  overload: { answers: number; withRetryAfter: number }
  /** 5xx other than a 503 with Retry-After: a crash, not a refusal. */
  serverErrors: number
  socketErrors: Record<string, number>
  timeouts: number
  /** How late the driver sent requests against the schedule (its own overload). */
  sendLagP99Ms: number
  /** Requests resent after a stale keep-alive socket (not errors: the first never arrived). */
  resent: number
  /** Latency of the answers that did the work (2xx/3xx) and of the refusals (429/503). */
  servedP99Ms: number
  refusedP50Ms: number
  refusedP99Ms: number
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? 0
}

function latencyOf(sent: Sent[], which: (status: number) => boolean): number[] {
  return sent
    .filter((s) => s.outcome.kind === 'response' && which(s.outcome.status))
    .map((s) => s.doneMs - s.scheduledMs)
    .sort((a, b) => a - b)
}

export function summarize(sent: Sent[]): Summary {
  const latencies = sent.map((s) => s.doneMs - s.scheduledMs).sort((a, b) => a - b)
  const lags = sent.map((s) => s.sentMs - s.scheduledMs).sort((a, b) => a - b)
  const byClass = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 }
  const byStatus: Record<string, number> = {}
  const socketErrors: Record<string, number> = {}
  const overload = { answers: 0, withRetryAfter: 0 }
  let serverErrors = 0
  let timeouts = 0
  for (const s of sent) {
    const o = s.outcome
    if (o.kind === 'timeout') timeouts += 1
    else if (o.kind === 'socketError') socketErrors[o.code] = (socketErrors[o.code] ?? 0) + 1
    else {
      byStatus[o.status] = (byStatus[o.status] ?? 0) + 1
      const cls = `${Math.floor(o.status / 100)}xx`
      if (cls in byClass) byClass[cls as keyof typeof byClass] += 1
      const overloaded = o.status === 429 || o.status === 503
      if (overloaded) {
        overload.answers += 1
        if (o.retryAfter !== null && /^\d+$/.test(o.retryAfter)) overload.withRetryAfter += 1
      }
      if (o.status >= 500 && !(o.status === 503 && o.retryAfter !== null)) serverErrors += 1
    }
  }
  return {
    requests: sent.length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    byClass,
    byStatus,
    overload,
    serverErrors,
    socketErrors,
    timeouts,
    sendLagP99Ms: percentile(lags, 99),
    resent: sent.filter((s) => s.retried).length,
    servedP99Ms: percentile(
      latencyOf(sent, (status) => status < 400),
      99,
    ),
    refusedP50Ms: percentile(
      latencyOf(sent, (status) => status === 429 || status === 503),
      50,
    ),
    refusedP99Ms: percentile(
      latencyOf(sent, (status) => status === 429 || status === 503),
      99,
    ),
  }
}
