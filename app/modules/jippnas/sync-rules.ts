import type { InnovationSyncState } from '#db/schema.ts'

// The JIPPNas sync's rules, with no I/O: how often and how long we try, the key that
// makes a re-send harmless, and what a record's sync state reads as on a page. The
// numbers are the ones docs/jippnas.md documents.

/** Transient failures (5xx, 429, timeout, no answer) of one version before it is failed for good. */
export const MAX_ATTEMPTS = 6
/** One request gives up after this long (then it counts as a transient failure). */
export const REQUEST_TIMEOUT_MS = 15_000
/** A row still `sending` this long after it was claimed lost its worker: the sweep fails it. */
export const STUCK_AFTER_MS = 5 * 60_000
const BASE_MS = 30_000
const CAP_MS = 60 * 60_000

/**
 * Wait before retry n (1-based): 30 s doubling up to an hour, with "equal jitter" — half
 * the step fixed, half random — so records that failed together do not return together.
 * `random` is in [0, 1).
 */
export function backoffMs(attempt: number, random: number): number {
  const step = Math.min(BASE_MS * 2 ** Math.max(0, attempt - 1), CAP_MS)
  return Math.round(step / 2 + (step / 2) * Math.min(Math.max(random, 0), 1))
}

/** The Idempotency-Key of a record version: the same on every retry of that version. */
export function idempotencyKey(innovationId: string, version: number): string {
  return `winner-innovation-${innovationId}-v${version}`
}

/** What a record's sync reads as on a page. */
export type SyncDisplay = 'not_configured' | 'pending' | 'sending' | 'sent' | 'failed'

/**
 * Without an endpoint nothing is sent, so a record that was never sent is "not
 * configured"; one that was sent before keeps saying so for the version it was sent in.
 */
export function syncDisplay(
  configured: boolean,
  sync: { state: InnovationSyncState; version: number; sent_version: number | null } | null,
): SyncDisplay {
  if (!sync) return configured ? 'pending' : 'not_configured'
  if (!configured && sync.state !== 'sent') return 'not_configured'
  return sync.state
}

/** Our own reasons (no remote message) are stored as `winner:<code>` and translated on the page. */
export const OWN_REASONS = ['timeout', 'no-answer', 'stuck', 'bad-answer', 'server-error'] as const
export type OwnReason = (typeof OWN_REASONS)[number]
export const ownReason = (code: OwnReason) => `winner:${code}`

/** Splits a stored message into one of our codes or the remote's own text. */
export function readReason(message: string | null): { own: OwnReason } | { remote: string } | null {
  if (!message) return null
  const code = message.startsWith('winner:') ? message.slice(7) : null
  return code && (OWN_REASONS as readonly string[]).includes(code) ? { own: code as OwnReason } : { remote: message }
}
