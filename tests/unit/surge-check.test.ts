import { describe, expect, it } from 'vitest'
import { checkReceiptSequence, checkSaves, percentile, type SaveRecord, summarize } from '#tests/bench/surge-check.ts'
import type { Outcome, Sent } from '#tests/bench/surge-driver.ts'

// The surge benchmark's verdicts: a wrong "no lost writes" would hide exactly the bug
// the benchmark exists to find.

const ok: Outcome = { kind: 'response', status: 302, retryAfter: null, location: '/p/kalbar/apply/x/problem?saved=1' }
const busy: Outcome = { kind: 'response', status: 503, retryAfter: '5', location: null }
const timeout: Outcome = { kind: 'timeout' }

function save(seq: number, sentMs: number, doneMs: number, outcome: Outcome = ok): SaveRecord {
  return { seq, sent: { scheduledMs: sentMs, sentMs, doneMs, outcome } }
}

describe('lost writes of section saves', () => {
  it('accepts the last acknowledged save being stored', () => {
    expect(checkSaves('a', [save(1, 0, 10), save(2, 20, 30)], 2)).toEqual([])
  })

  it('accepts overlapping saves committing in either order', () => {
    // #2 was sent before #1 was acknowledged: either may be last.
    expect(checkSaves('a', [save(1, 0, 50), save(2, 10, 40)], 1)).toEqual([])
    expect(checkSaves('a', [save(1, 0, 50), save(2, 10, 40)], 2)).toEqual([])
  })

  it('flags an acknowledged save overwritten by one acknowledged before it was sent', () => {
    const problems = checkSaves('a', [save(1, 0, 10), save(2, 20, 30)], 1)
    expect(problems).toHaveLength(1)
    expect(problems[0]?.problem).toMatch(/save #2 .* is lost/)
  })

  it('flags acknowledged saves when nothing of them is stored', () => {
    expect(checkSaves('a', [save(1, 0, 10)], null)).toHaveLength(1)
    expect(checkSaves('a', [save(1, 0, 10)], 99)).toHaveLength(1)
  })

  it('flags a refused save whose text is stored anyway', () => {
    const problems = checkSaves('a', [save(1, 0, 10), save(2, 20, 30, busy)], 2)
    expect(problems[0]?.problem).toMatch(/answered 503/)
  })

  it('lets a save that timed out be the last one: it may have committed late', () => {
    expect(checkSaves('a', [save(1, 0, 15_000, timeout), save(2, 20, 30)], 1)).toEqual([])
  })

  it('has nothing to check when no save was acknowledged', () => {
    expect(checkSaves('a', [save(1, 0, 10, busy)], null)).toEqual([])
  })
})

describe('receipt numbers', () => {
  it('accepts 1…n matching the counter in any order', () => {
    expect(checkReceiptSequence([3, 1, 2], 3)).toEqual([])
    expect(checkReceiptSequence([], 0)).toEqual([])
  })

  it('flags a gap, a repeat and a counter that ran ahead', () => {
    expect(checkReceiptSequence([1, 3], 3)).toHaveLength(2)
    expect(checkReceiptSequence([1, 2, 2], 3)).toHaveLength(1)
    expect(checkReceiptSequence([1, 2], 3)).toHaveLength(1)
  })
})

describe('summary of answers', () => {
  const sent = (outcome: Outcome, latency: number): Sent => ({
    scheduledMs: 0,
    sentMs: 0,
    doneMs: latency,
    outcome,
  })

  it('counts 503 with Retry-After as a refusal, 500 and 503 without it as crashes', () => {
    const s = summarize([
      sent(ok, 10),
      sent(busy, 1),
      sent({ kind: 'response', status: 503, retryAfter: null, location: null }, 1),
      sent({ kind: 'response', status: 500, retryAfter: null, location: null }, 5),
      sent({ kind: 'socketError', code: 'ECONNRESET' }, 5),
      sent(timeout, 15_000),
    ])
    expect(s.byClass).toEqual({ '2xx': 0, '3xx': 1, '4xx': 0, '5xx': 3 })
    expect(s.overload).toEqual({ answers: 2, withRetryAfter: 1 })
    expect(s.serverErrors).toBe(2)
    expect(s.socketErrors).toEqual({ ECONNRESET: 1 })
    expect(s.timeouts).toBe(1)
    expect(s.maxMs).toBe(15_000)
  })

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 99)).toBe(99)
    expect(percentile([], 99)).toBe(0)
  })
})
