// Pure rules for where a call stands at a given instant.

export type CallStatus =
  | { kind: 'none' }
  | { kind: 'upcoming'; opensAt: Date; closesAt: Date; daysUntilOpen: number }
  | { kind: 'open'; opensAt: Date; closesAt: Date }
  | { kind: 'closed'; opensAt: Date; closesAt: Date }

export interface CallWindow {
  opens_at: Date
  closes_at: Date
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The call that speaks for a province at `now`: an open one wins; otherwise the next
 * upcoming one; otherwise the most recently closed. The closing instant itself still
 * counts as open; one millisecond later it is closed.
 */
export function currentCall<T extends CallWindow>(calls: readonly T[], now: Date): T | undefined {
  const t = now.getTime()
  const open = calls.find((c) => c.opens_at.getTime() <= t && t <= c.closes_at.getTime())
  if (open) return open
  const upcoming = calls
    .filter((c) => c.opens_at.getTime() > t)
    .sort((a, b) => a.opens_at.getTime() - b.opens_at.getTime())[0]
  if (upcoming) return upcoming
  return calls.filter((c) => c.closes_at.getTime() < t).sort((a, b) => b.closes_at.getTime() - a.closes_at.getTime())[0]
}

/** Status of a province's calls at `now`, from the call that speaks for it (see currentCall). */
export function callStatusAt(calls: readonly CallWindow[], now: Date): CallStatus {
  const call = currentCall(calls, now)
  if (!call) return { kind: 'none' }
  const t = now.getTime()
  const window = { opensAt: call.opens_at, closesAt: call.closes_at }
  if (call.opens_at.getTime() > t) {
    return { kind: 'upcoming', ...window, daysUntilOpen: Math.ceil((call.opens_at.getTime() - t) / DAY_MS) }
  }
  if (t <= call.closes_at.getTime()) return { kind: 'open', ...window }
  return { kind: 'closed', ...window }
}
