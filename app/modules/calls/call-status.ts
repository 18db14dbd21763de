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
 * Status of a province's calls at `now`. An open call wins; otherwise the next
 * upcoming one; otherwise the most recently closed. The closing instant itself
 * still counts as open; one millisecond later it is closed.
 */
export function callStatusAt(calls: readonly CallWindow[], now: Date): CallStatus {
  const t = now.getTime()
  const open = calls.find((c) => c.opens_at.getTime() <= t && t <= c.closes_at.getTime())
  if (open) return { kind: 'open', opensAt: open.opens_at, closesAt: open.closes_at }
  const upcoming = calls
    .filter((c) => c.opens_at.getTime() > t)
    .sort((a, b) => a.opens_at.getTime() - b.opens_at.getTime())[0]
  if (upcoming) {
    return {
      kind: 'upcoming',
      opensAt: upcoming.opens_at,
      closesAt: upcoming.closes_at,
      daysUntilOpen: Math.ceil((upcoming.opens_at.getTime() - t) / DAY_MS),
    }
  }
  const last = calls
    .filter((c) => c.closes_at.getTime() < t)
    .sort((a, b) => b.closes_at.getTime() - a.closes_at.getTime())[0]
  if (last) return { kind: 'closed', opensAt: last.opens_at, closesAt: last.closes_at }
  return { kind: 'none' }
}
