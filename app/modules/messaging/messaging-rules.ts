// The messaging channel's rules, with no I/O: codes, retries, rate limits and the
// words an applicant may send. Numbers here are the ones the README documents.

/** A one-time code is valid this long after it was sent. */
export const CODE_TTL_MS = 10 * 60 * 1000
/** Wrong guesses before a code is void (a new one must be asked for). */
export const CODE_MAX_ATTEMPTS = 5
/** Codes one user may ask for per hour. */
export const CODES_PER_HOUR = 3

/** Messages sent to one user: at most this many per hour and per day; the rest wait. */
export const RATE_PER_HOUR = 5
export const RATE_PER_DAY = 20
export const HOUR_MS = 60 * 60 * 1000
export const DAY_MS = 24 * HOUR_MS

/** Transient failures (5xx, timeout) on one channel before it counts as failed for good. */
export const MAX_ATTEMPTS = 5
/** One provider request gives up after this long (then retried like a 5xx). */
export const REQUEST_TIMEOUT_MS = 10_000
/** Signed callbacks are accepted this long either side of their timestamp; a nonce once. */
export const REPLAY_WINDOW_S = 300

/** Wait before retry n (1-based): 30 s doubling, at most an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), HOUR_MS)
}

/**
 * When a message to a user may go out, given the instants of the messages already sent
 * to them (any order): `now` when under both limits, else the instant a slot frees.
 */
export function nextSlot(sentAt: readonly Date[], now: Date): Date {
  const t = now.getTime()
  // Newest first: the limit-th newest send in a window frees its slot when it leaves the window.
  const times = sentAt
    .map((d) => d.getTime())
    .filter((s) => s <= t)
    .sort((a, b) => b - a)
  const freeAt = (limit: number, window: number) => {
    const oldest = times[limit - 1]
    return oldest !== undefined && oldest > t - window ? oldest + window : t
  }
  return new Date(Math.max(t, freeAt(RATE_PER_HOUR, HOUR_MS), freeAt(RATE_PER_DAY, DAY_MS)))
}

/** What an inbound message asks for: the first word decides, case and spacing aside. */
export type InboundCommand = { kind: 'stop' } | { kind: 'status'; receipt: string | null } | { kind: 'other' }

export function parseInbound(text: string): InboundCommand {
  const words = text.trim().split(/\s+/).filter(Boolean)
  const first = (words[0] ?? '').toUpperCase()
  if (['STOP', 'BERHENTI', 'UNSUBSCRIBE'].includes(first) && words.length === 1) return { kind: 'stop' }
  if (first === 'STATUS') {
    const receipt = words[1]?.toUpperCase() ?? null
    return { kind: 'status', receipt: receipt && /^[A-Z0-9-]{3,40}$/.test(receipt) ? receipt : receipt ? '' : null }
  }
  return { kind: 'other' }
}

/** Delivery states only move forward: a late "sent" never overwrites "delivered". */
const RANK = { queued: 0, logged: 1, sent: 1, delivered: 2, failed: 3 } as const
export function advances(from: keyof typeof RANK, to: 'sent' | 'delivered' | 'failed'): boolean {
  return RANK[to] > RANK[from] || (from === 'queued' && to === 'sent')
}
