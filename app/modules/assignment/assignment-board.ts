// The application × reviewer matrix behind reviewer assignment, and the two passes that
// improve an assignment without breaking any rule: load balancing and owner-OPD preference.
// Pure: no I/O. Indices (not ids) everywhere so 5,000 × 60 stays a flat typed array.

/** What a cell of the matrix holds. */
export const FREE = 0 // may be assigned
export const CONFLICT = 1 // never assigned
export const FIXED = 2 // assigned and must stay (kept existing pair)
export const MOVABLE = 3 // assigned by us (or handed to `rebalance`) and may move to another reviewer

export type Board = {
  apps: number
  revs: number
  /** cell[a * revs + r] */
  cell: Uint8Array
  /** 1 when reviewer r belongs to the OPD that owns application a. */
  owner: Uint8Array
  /** Assignments per reviewer, fixed ones included. */
  load: Int32Array
}

export function createBoard(apps: number, revs: number): Board {
  return {
    apps,
    revs,
    cell: new Uint8Array(apps * revs),
    owner: new Uint8Array(apps * revs),
    load: new Int32Array(revs),
  }
}

function move(board: Board, app: number, from: number, to: number) {
  board.cell[app * board.revs + from] = FREE
  board.cell[app * board.revs + to] = MOVABLE
  board.load[from] = board.load[from]! - 1
  board.load[to] = board.load[to]! + 1
}

/** Applications each reviewer holds as MOVABLE, ascending. */
function movableByReviewer(board: Board): number[][] {
  const held: number[][] = Array.from({ length: board.revs }, () => [])
  for (let a = 0; a < board.apps; a++) {
    for (let r = 0; r < board.revs; r++) if (board.cell[a * board.revs + r] === MOVABLE) held[r]!.push(a)
  }
  return held
}

/**
 * Finds one improving path: reviewers u = x0 → x1 → … → xk = v where each arrow hands one
 * movable application to a reviewer who may take it, and load(u) ≥ load(v) + 2. Shifting
 * along it lowers u by one, raises v by one and leaves everyone between unchanged.
 *
 * One traversal answers it for all pairs: reviewers are expanded from the most loaded down,
 * so the first search to reach a reviewer comes from the heaviest reviewer that can reach
 * it at all. Returns false when no improving path exists.
 */
function shiftAlongImprovingPath(board: Board): boolean {
  const { revs, cell, load } = board
  const held = movableByReviewer(board)
  const reachedFrom = new Int32Array(revs).fill(-1) // load of the search root that reached r
  const viaApp = new Int32Array(revs).fill(-1)
  const parent = new Int32Array(revs).fill(-1)
  const byLoad = [...Array(revs).keys()].sort((x, y) => load[y]! - load[x]! || x - y)
  for (const root of byLoad) {
    if (reachedFrom[root] !== -1) continue
    reachedFrom[root] = load[root]!
    const queue = [root]
    for (let head = 0; head < queue.length; head++) {
      const x = queue[head]!
      for (const a of held[x]!) {
        const row = a * revs
        for (let v = 0; v < revs; v++) {
          if (reachedFrom[v] !== -1 || cell[row + v] !== FREE) continue
          reachedFrom[v] = load[root]!
          parent[v] = x
          viaApp[v] = a
          if (load[v]! <= load[root]! - 2) {
            // Shift from the end backwards; each hop moves a different (app, reviewer) cell.
            for (let to = v; parent[to] !== -1; to = parent[to]!) move(board, viaApp[to]!, parent[to]!, to)
            return true
          }
          queue.push(v)
        }
      }
    }
  }
  return false
}

/**
 * The cheap first stage: hand an application straight from a heavier reviewer to one at
 * least two lighter, heaviest and lightest first. It removes most imbalance (and, in a
 * rebalance, with the fewest moves) so the path search only handles what conflicts block.
 */
function moveDirectly(board: Board): void {
  const { revs, cell, load } = board
  const held = movableByReviewer(board)
  const order = [...Array(revs).keys()]
  for (let moved = true; moved; ) {
    moved = false
    order.sort((x, y) => load[x]! - load[y]! || x - y)
    search: for (let hi = revs - 1; hi > 0; hi--) {
      const u = order[hi]!
      for (let lo = 0; lo < hi && load[u]! - load[order[lo]!]! >= 2; lo++) {
        const v = order[lo]!
        const i = held[u]!.findIndex((a) => cell[a * revs + v] === FREE)
        if (i === -1) continue
        const [a] = held[u]!.splice(i, 1)
        held[v]!.push(a!)
        move(board, a!, u, v)
        moved = true
        break search
      }
    }
  }
}

/**
 * Moves movable assignments until no improving path is left. That state minimises the sum
 * of squared loads (a convex-cost flow is optimal exactly when its residual graph has no
 * negative cycle, and those cycles are the improving paths), which also gives the smallest
 * possible maximum and largest possible minimum load. So max − min ≤ 1 is reached whenever
 * any assignment with the same fixed pairs and conflicts reaches it.
 */
export function balance(board: Board): void {
  moveDirectly(board)
  for (;;) {
    let min = Number.POSITIVE_INFINITY
    let max = Number.NEGATIVE_INFINITY
    for (const l of board.load) {
      min = Math.min(min, l)
      max = Math.max(max, l)
    }
    if (max - min <= 1 || !shiftAlongImprovingPath(board)) return
  }
}

/**
 * Raises the number of owner-OPD pairs without changing the multiset of loads, so balance
 * is untouched:
 * - hand-over: a non-owner u with load L gives the application to an owner v with load L − 1
 *   (afterwards u has L − 1 and v has L);
 * - exchange: u gives application a to owner v and takes back an application b of v's,
 *   as long as b does not lose more owner pairs than a gains (loads unchanged).
 * Each step adds at least one owner pair, so the loop ends.
 */
export function preferOwners(board: Board, ownersOf: (app: number) => readonly number[]): void {
  const { revs, cell, owner, load } = board
  // Only movable applications outside the holder's OPD can gain: for u the one handed over,
  // for v the one given back (if b were v's own, u would have to share v's OPD, and then
  // a would already have been u's own).
  const foreign = movableByReviewer(board).map((apps, r) => apps.filter((a) => owner[a * revs + r] === 0))
  // "v has nothing u can take back" stays true until v gains a foreign application or u
  // is freed from one; remembering when it was last seen false skips most repeat scans.
  let clock = 1
  const gained = new Int32Array(revs)
  const freed = new Int32Array(revs)
  const noExchangeAt = new Int32Array(revs * revs)
  const handOver = (a: number, from: number, to: number) => {
    move(board, a, from, to)
    foreign[from]!.splice(foreign[from]!.indexOf(a), 1)
    freed[from] = ++clock
    if (owner[a * revs + to] === 0) {
      foreign[to]!.push(a)
      gained[to] = clock
    }
  }
  let improved = true
  while (improved) {
    improved = false
    for (let u = 0; u < revs; u++) {
      for (const a of [...foreign[u]!]) {
        for (const v of ownersOf(a)) {
          if (cell[a * revs + v] !== FREE) continue
          if (load[v] === load[u]! - 1) {
            handOver(a, u, v)
            improved = true
            break
          }
          const seen = noExchangeAt[u * revs + v]!
          if (seen > gained[v]! && seen > freed[u]!) continue
          const b = foreign[v]!.find((b) => cell[b * revs + u] === FREE)
          if (b === undefined) {
            noExchangeAt[u * revs + v] = ++clock
            continue
          }
          handOver(a, u, v)
          handOver(b, v, u)
          improved = true
          break
        }
      }
    }
  }
}
