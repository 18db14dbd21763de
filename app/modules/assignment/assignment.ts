// Balanced reviewer assignment (issue 7). Pure: the workflow loads eligible applications,
// active reviewers, conflicts and current assignments, calls this, and stores the result.
//
// Rules, in order of strength:
// 1. never a conflicted pair, never the same reviewer twice on an application;
// 2. every application reaches N reviewers when it has enough reviewers: an application
//    can reach N exactly when (reviewers already on it) + (listed reviewers not on it and
//    not conflicted with it) ≥ N. Reviewers have no capacity limit, so applications never
//    compete for coverage; the rest are reported in `uncovered` with how many are missing;
// 3. loads of all reviewers differ by at most one whenever any assignment can do it. The
//    result minimises the sum of squared loads over all assignments that satisfy 1 and 2
//    and keep the kept pairs, so it has the smallest possible maximum and the largest
//    possible minimum load at once (see `balance`). ±1 is always reached without conflicts
//    and kept pairs (round-robin exists; with N ≥ reviewers everyone takes everything).
//    It is out of reach when a reviewer is conflicted with so many applications that they
//    cannot catch up (free for only 2 applications while the average load is 45), or when
//    kept pairs already load some reviewers above what the new pairs can even out (kept
//    pairs never move here; `rebalance` moves them);
// 4. prefer reviewers of the application's owner OPD: first as the tie-breaker among
//    equally loaded candidates, then by hand-overs and exchanges that keep every load.
//    That is a local search, not an optimum: against exhaustive search on 2,000 small
//    random cases it found the most owner pairs balance allows in 1,982, one short in 18;
// 5. ties end on ids, and inputs are sorted by id first, so input order never matters.
import { balance, CONFLICT, createBoard, FIXED, FREE, MOVABLE, preferOwners } from './assignment-board.ts'

export const DEFAULT_REVIEWERS_PER_APPLICATION = 3

export type AssignmentInput = {
  /** Eligible applications; ownerOpdId is the lead OPD of the application's issue. */
  applications: readonly { id: string; ownerOpdId: string | null }[]
  /** Active reviewers of the province. */
  reviewers: readonly { id: string; opdId: string | null }[]
  /** Declared or detected conflicts: these pairs are never assigned. */
  conflicts: readonly { reviewerId: string; applicationId: string }[]
  /** N, reviewers wanted per application (DEFAULT_REVIEWERS_PER_APPLICATION). */
  perApplication: number
  /**
   * Pairs already stored (assigned earlier or set by an admin). They are kept as they are,
   * count towards coverage and load, and are not repeated in the result. Pairs naming a
   * reviewer who is not listed (no longer active) are ignored: such a reviewer will not
   * review, so the application is covered by someone else.
   */
  existing?: readonly { applicationId: string; reviewerId: string }[]
}

export type Assignment = { applicationId: string; reviewerId: string }

export type AssignmentResult = {
  /** New pairs only; existing ones are not repeated. */
  assignments: Assignment[]
  /** Applications that could not reach N: `assigned` counts existing and new reviewers. */
  uncovered: { applicationId: string; assigned: number; missing: number }[]
  /** Final load per listed reviewer, existing pairs included. */
  loads: Record<string, number>
  /** Kept existing pairs that are now conflicted: the workflow should remove them. */
  conflictedExisting: Assignment[]
}

type Prepared = ReturnType<typeof prepare>

/** Sorts and indexes the input and fills the board with conflicts and kept pairs. */
function prepare(input: AssignmentInput, movableExisting: boolean, locked: readonly Assignment[] = []) {
  const { perApplication: n } = input
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`perApplication must be a whole number ≥ 0, got ${n}`)
  const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)
  const apps = [...input.applications].sort(byId)
  const revs = [...input.reviewers].sort(byId)
  const appIndex = indexOf(apps, 'application')
  const revIndex = indexOf(revs, 'reviewer')
  const board = createBoard(apps.length, revs.length)
  const ownersByOpd = new Map<string, number[]>()
  revs.forEach((r, i) => {
    if (r.opdId !== null) ownersByOpd.set(r.opdId, [...(ownersByOpd.get(r.opdId) ?? []), i])
  })
  apps.forEach((app, a) => {
    for (const r of (app.ownerOpdId !== null && ownersByOpd.get(app.ownerOpdId)) || [])
      board.owner[a * revs.length + r] = 1
  })
  for (const c of input.conflicts) {
    const a = appIndex.get(c.applicationId)
    const r = revIndex.get(c.reviewerId)
    if (a !== undefined && r !== undefined) board.cell[a * revs.length + r] = CONFLICT
  }
  const lockedKeys = new Set(locked.map((p) => `${p.applicationId}\u0000${p.reviewerId}`))
  const conflictedExisting: Assignment[] = []
  for (const pair of input.existing ?? []) {
    const r = revIndex.get(pair.reviewerId)
    if (r === undefined) continue
    const a = appIndex.get(pair.applicationId)
    if (a === undefined) {
      // Still work for that reviewer (e.g. kept while the application is re-screened).
      board.load[r] = board.load[r]! + 1
      continue
    }
    const at = a * revs.length + r
    if (board.cell[at] === FIXED || board.cell[at] === MOVABLE) continue // listed twice
    if (board.cell[at] === CONFLICT)
      conflictedExisting.push({ applicationId: pair.applicationId, reviewerId: pair.reviewerId })
    const keep =
      board.cell[at] === CONFLICT || !movableExisting || lockedKeys.has(`${pair.applicationId}\u0000${pair.reviewerId}`)
    board.cell[at] = keep ? FIXED : MOVABLE
    board.load[r] = board.load[r]! + 1
  }
  const ownersOf = (a: number) => {
    const opd = apps[a]!.ownerOpdId
    return (opd !== null && ownersByOpd.get(opd)) || []
  }
  return { n, apps, revs, board, ownersOf, conflictedExisting }
}

function indexOf(items: readonly { id: string }[], what: string): Map<string, number> {
  const index = new Map<string, number>()
  for (const [i, item] of items.entries()) {
    if (index.has(item.id)) throw new Error(`duplicate ${what} id ${item.id}`)
    index.set(item.id, i)
  }
  return index
}

function loadsOf({ revs, board }: Prepared): Record<string, number> {
  return Object.fromEntries(revs.map((r, i) => [r.id, board.load[i]!]))
}

export function assignReviewers(input: AssignmentInput): AssignmentResult {
  const prepared = prepare(input, false)
  const { n, apps, revs, board, ownersOf } = prepared
  const R = revs.length
  const { cell, owner, load } = board

  // Per application: reviewers already on it, and free candidates.
  const held = new Int32Array(apps.length)
  const free = new Int32Array(apps.length)
  for (let a = 0; a < apps.length; a++) {
    for (let r = 0; r < R; r++) {
      if (cell[a * R + r] === FIXED) held[a] = held[a]! + 1
      else if (cell[a * R + r] === FREE) free[a] = free[a]! + 1
    }
  }
  // Greedy, most constrained first (fewest spare candidates), so the applications with the
  // least choice take the reviewers they can have before loads pile up on them.
  const need = (a: number) => Math.max(0, n - held[a]!)
  const order = [...apps.keys()].sort((x, y) => free[x]! - need(x) - (free[y]! - need(y)) || x - y)
  for (const a of order) {
    const k = Math.min(need(a), free[a]!)
    if (k === 0) continue
    // Lowest load first; among equals the owner OPD's reviewers; then id (index order).
    // Packed into one number per candidate so a numeric typed-array sort does the work.
    const keys = new Float64Array(free[a]!)
    let c = 0
    for (let r = 0; r < R; r++) {
      if (cell[a * R + r] === FREE) keys[c++] = (load[r]! * 2 + 1 - owner[a * R + r]!) * R + r
    }
    keys.sort()
    for (let i = 0; i < k; i++) {
      const r = keys[i]! % R
      cell[a * R + r] = MOVABLE
      load[r] = load[r]! + 1
    }
  }
  balance(board)
  preferOwners(board, ownersOf)

  const assignments: Assignment[] = []
  const uncovered: AssignmentResult['uncovered'] = []
  for (let a = 0; a < apps.length; a++) {
    let assigned = 0
    for (let r = 0; r < R; r++) {
      const c = cell[a * R + r]
      if (c === MOVABLE) assignments.push({ applicationId: apps[a]!.id, reviewerId: revs[r]!.id })
      if (c === MOVABLE || c === FIXED) assigned++
    }
    if (assigned < n) uncovered.push({ applicationId: apps[a]!.id, assigned, missing: n - assigned })
  }
  return { assignments, uncovered, loads: loadsOf(prepared), conflictedExisting: prepared.conflictedExisting }
}

export type RebalanceInput = AssignmentInput & {
  existing: readonly Assignment[]
  /** Existing pairs that must not move, e.g. already scored or set by hand. */
  locked?: readonly Assignment[]
}

export type RebalanceResult = {
  /** Net changes: per application, each reviewer taken off paired with one put on. */
  moves: { applicationId: string; from: string; to: string }[]
  loads: Record<string, number>
}

/**
 * Moves existing assignments until loads differ by at most one (or as close as conflicts and
 * locked pairs allow). Only moves: it adds no coverage (run `assignReviewers` for that) and
 * leaves conflicted existing pairs where they are (they are reported by `assignReviewers`).
 * It does not chase owner-OPD preference, so that an admin's rebalance moves as few
 * assignments as it can and reviewers are not reshuffled needlessly.
 */
export function rebalance(input: RebalanceInput): RebalanceResult {
  const prepared = prepare(input, true, input.locked)
  const { apps, revs, board } = prepared
  const R = revs.length
  const before = Uint8Array.from(board.cell)
  balance(board)
  const moves: RebalanceResult['moves'] = []
  for (let a = 0; a < apps.length; a++) {
    const off: string[] = []
    const on: string[] = []
    for (let r = 0; r < R; r++) {
      const was = before[a * R + r] === MOVABLE
      const is = board.cell[a * R + r] === MOVABLE
      if (was && !is) off.push(revs[r]!.id)
      if (is && !was) on.push(revs[r]!.id)
    }
    for (const [i, from] of off.entries()) moves.push({ applicationId: apps[a]!.id, from, to: on[i]! })
  }
  return { moves, loads: loadsOf(prepared) }
}
