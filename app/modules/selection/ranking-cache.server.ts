import {
  type BoardRow,
  boardRowOf,
  type ChosenRow,
  entriesOfIssue,
  type RankedBoard,
  type RankingMethod,
} from './leaderboard.ts'

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

// What the pages derive from a board (rows, flag counts, the chosen entries) depends only on
// the board and the issue filter, so it is derived once per board and kept beside it: a
// request then slices one page of rows instead of re-mapping every entry. Keyed by the
// board object, so it goes when the board is replaced by a newer version or dropped.

export interface BoardView {
  rows: readonly BoardRow[]
  flagged: { disagreement: number; tie: number }
}

const views = new WeakMap<RankedBoard, Map<string, BoardView>>()
const chosen = new WeakMap<RankedBoard, readonly ChosenRow[]>()

/** The rows of the board's leaderboard (one issue's when filtered), ranked, with the flags counted. */
export function boardView(board: RankedBoard, issue: string | null): BoardView {
  const key = issue ?? ''
  let byIssue = views.get(board)
  const known = byIssue?.get(key)
  if (known) return known
  const rows = entriesOfIssue(board.all, issue).map(boardRowOf)
  const flagged = { disagreement: 0, tie: 0 }
  for (const r of rows) {
    if (r.disagreement) flagged.disagreement++
    if (r.tie) flagged.tie++
  }
  const view = { rows, flagged }
  // Only issues the board ranks are kept: any id typed in the query string must not grow it.
  if (issue === null || rows.length > 0) {
    if (!byIssue) {
      byIssue = new Map()
      views.set(board, byIssue)
    }
    byIssue.set(key, view)
  }
  return view
}

/** The shortlisted and finalist entries of the board, ranked. */
export function chosenRows(board: RankedBoard): readonly ChosenRow[] {
  const known = chosen.get(board)
  if (known) return known
  const rows = board.all
    .filter((e) => e.stage !== null)
    .map((e) => ({ ...boardRowOf(e), justification: e.justification }))
  chosen.set(board, rows)
  return rows
}
