import type { RankedBoard, RankingMethod } from './leaderboard.ts'

// The ranking computed once per change (issue 18, docs/decisions/022-ranking-computed-once-per-change.md):
// each process keeps the last ranked board of a call with the version it was computed at.
// The version is read from ranking_versions in the request's own transaction and changes
// in the transaction of every change that affects the leaderboard (database triggers),
// so another process's write is seen at its commit: no notification, no expiry.

export interface RankingProgress {
  assigned: number
  complete: number
  applications: number
}

export interface CachedRanking {
  board: RankedBoard
  progress: RankingProgress
}

interface Slot extends CachedRanking {
  version: string | null
  method: RankingMethod
}

/** Calls kept per process: one call under review per province, 38 provinces; a 5,000-application board is a few MB. */
const MAX_CALLS = 48
const slots = new Map<string, Slot>()

const keyOf = (provinceId: string, callId: string) => `${provinceId}:${callId}`

/** The cached ranking of a call when it was computed at this version with this method. */
export function cachedRanking(
  provinceId: string,
  callId: string,
  version: string | null,
  method: RankingMethod,
): CachedRanking | null {
  const key = keyOf(provinceId, callId)
  const slot = slots.get(key)
  if (!slot || slot.version !== version || slot.method !== method) return null
  // Most recently used last, so the first key is the one to drop when full.
  slots.delete(key)
  slots.set(key, slot)
  return slot
}

/** Keeps a call's ranking computed at `version` (replacing any other version of it). */
export function keepRanking(
  provinceId: string,
  callId: string,
  version: string | null,
  method: RankingMethod,
  ranking: CachedRanking,
) {
  const key = keyOf(provinceId, callId)
  slots.delete(key)
  slots.set(key, { ...ranking, version, method })
  while (slots.size > MAX_CALLS) {
    const oldest = slots.keys().next().value
    if (oldest === undefined) break
    slots.delete(oldest)
  }
}

/** Empties the cache (tests that compare against a computation from scratch). */
export function clearRankingCache() {
  slots.clear()
}
