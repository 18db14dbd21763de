// Pure rules of the inclusion figures (issue 16, docs/decisions/017): the categories
// people may declare, how a regency's kind reads as urban or rural, and small-count
// suppression of a table with its totals.

export const GENDERS = ['female', 'male', 'prefer_not'] as const
export const AGE_BANDS = ['under_25', '25_34', '35_44', '45_54', '55_plus', 'prefer_not'] as const
export const DISABILITIES = ['no', 'yes', 'prefer_not'] as const
export type Gender = (typeof GENDERS)[number]
export type AgeBand = (typeof AGE_BANDS)[number]
export type Disability = (typeof DISABILITIES)[number]

/** The two kinds of person counted: the applicant and the members of their team. */
export const PEOPLE = ['applicant', 'member'] as const

/**
 * Urban or rural as far as we know it: a kota is an urban municipality; a kabupaten is
 * mostly rural but holds towns too (BPS classifies villages, which we do not collect),
 * so it reads "kabupaten (mostly rural)", never "rural"; no regency given is unknown.
 */
export type Area = 'kota' | 'kabupaten' | 'unknown'
export const AREAS: readonly Area[] = ['kota', 'kabupaten', 'unknown']
export function areaOf(kind: 'kota' | 'kabupaten' | null | undefined): Area {
  return kind ?? 'unknown'
}

/** The team members' existing answers (venture profile, "unspecified") as a starting point of the form. */
export function fromTeamAnswer<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  if (value === 'unspecified') return 'prefer_not' as T
  return allowed.includes(value as T) ? (value as T) : undefined
}

/** No count under this is shown exactly. */
export const THRESHOLD = 5

/** exact: shown; small: under the threshold, shown as "<5"; secondary: hidden so a small one cannot be worked out. */
export type Mark = 'exact' | 'small' | 'secondary'
export interface Cell {
  value: number
  mark: Mark
}
export interface SuppressedTable {
  cells: Cell[][]
  rowTotals: Cell[]
  columnTotals: Cell[]
  total: Cell
}

/** Totals to hide from the start, because a table sharing them hides them. */
export interface Forced {
  columnTotals?: readonly boolean[]
  total?: boolean
}

/**
 * Suppresses tables that publish the same totals (the three questions share the number
 * of applicants and members; the area and spread lists share the number of
 * applications) until they agree: a total hidden in one is hidden in all, or the
 * others would give it back.
 */
export function suppressTogether(tables: readonly (readonly (readonly number[])[])[]): SuppressedTable[] {
  const columns = tables[0]?.[0]?.length ?? 0
  let forced: Required<Forced> = { columnTotals: Array.from({ length: columns }, () => false), total: false }
  for (let round = 0; round <= columns + 1; round++) {
    const out = tables.map((counts) => suppress(counts, forced))
    const next = {
      columnTotals: forced.columnTotals.map((_, c) => out.some((t) => t.columnTotals[c]?.mark !== 'exact')),
      total: out.some((t) => t.total.mark !== 'exact'),
    }
    if (next.total === forced.total && next.columnTotals.every((h, c) => h === forced.columnTotals[c])) return out
    forced = next
  }
  return tables.map((counts) => suppress(counts, forced))
}

interface Bound {
  lo: number
  hi: number
}

/**
 * Suppresses a table of counts shown with its row totals, column totals and grand total.
 * Primary: every count under THRESHOLD (totals included) reads "<5". Secondary: what a
 * reader could work out is computed by propagating the bounds of every hidden entry
 * through each row and column equation (cells add up to their total) until nothing
 * tightens; while any hidden entry is pinned to one value, the smallest visible entry on
 * one of its lines is hidden too. Hidden small entries are known to lie in 0..4, hidden
 * secondary ones in 5..∞. Covers recovery by sums along rows and columns and chains of
 * them; it is not a full linear-programming audit (docs/decisions/017).
 */
export function suppress(counts: readonly (readonly number[])[], forced: Forced = {}): SuppressedTable {
  const rows = counts.length
  const columns = counts[0]?.length ?? 0
  // The augmented grid: row totals in the last column, column totals in the last row.
  const grid: number[][] = counts.map((r) => [...r, r.reduce((a, b) => a + b, 0)])
  const last: number[] = []
  for (let c = 0; c <= columns; c++) last.push(grid.reduce((a, r) => a + (r[c] ?? 0), 0))
  grid.push(last)
  const marks: Mark[][] = grid.map((r) => r.map((v) => (v < THRESHOLD ? 'small' : 'exact')))
  // Totals hidden elsewhere (another table with the same totals) stay hidden here.
  const lastRow = marks[rows] as Mark[]
  forced.columnTotals?.forEach((hide, c) => {
    if (hide && lastRow[c] === 'exact') lastRow[c] = 'secondary'
  })
  if (forced.total && lastRow[columns] === 'exact') lastRow[columns] = 'secondary'
  const lines = linesOf(rows, columns)

  for (let guard = 0; guard < (rows + 1) * (columns + 1); guard++) {
    const pinned = pinnedEntries(grid, marks, lines)
    if (pinned.length === 0) break
    // A visible entry on a line of a pinned one; when all of those are hidden already the
    // value follows through a chain, and the smallest visible entry anywhere breaks it.
    const widened =
      pinned
        .flatMap(([pr, pc]) => lines.filter((line) => line.some(([r, c]) => r === pr && c === pc)))
        .map((line) => smallestVisible(grid, marks, line))
        .find((entry) => entry !== null) ?? smallestVisible(grid, marks, lines.flat())
    if (!widened) break
    ;(marks[widened[0]] as Mark[])[widened[1]] = 'secondary'
  }

  const cell = (r: number, c: number): Cell => ({ value: grid[r]?.[c] ?? 0, mark: marks[r]?.[c] ?? 'exact' })
  return {
    cells: counts.map((row, r) => row.map((_, c) => cell(r, c))),
    rowTotals: counts.map((_, r) => cell(r, columns)),
    columnTotals: Array.from({ length: columns }, (_, c) => cell(rows, c)),
    total: cell(rows, columns),
  }
}

type Entry = [number, number]

/** Each line lists its cells, then its total last. */
function linesOf(rows: number, columns: number): Entry[][] {
  const lines: Entry[][] = []
  for (let r = 0; r <= rows; r++) lines.push(Array.from({ length: columns + 1 }, (_, c): Entry => [r, c]))
  for (let c = 0; c <= columns; c++) lines.push(Array.from({ length: rows + 1 }, (_, r): Entry => [r, c]))
  return lines
}

/** The hidden entries whose value the visible ones give away. */
function pinnedEntries(grid: number[][], marks: Mark[][], lines: Entry[][]): Entry[] {
  const bounds: Bound[][] = grid.map((row, r) =>
    row.map((v, c) => {
      const mark = marks[r]?.[c]
      if (mark === 'exact') return { lo: v, hi: v }
      return mark === 'small' ? { lo: 0, hi: THRESHOLD - 1 } : { lo: THRESHOLD, hi: Number.POSITIVE_INFINITY }
    }),
  )
  const at = ([r, c]: Entry) => (bounds[r] as Bound[])[c] as Bound
  for (let changed = true, rounds = 0; changed && rounds < 100; rounds++) {
    changed = false
    for (const line of lines) {
      const parts = line.slice(0, -1)
      const total = at(line[line.length - 1] as Entry)
      const loSum = parts.reduce((a, e) => a + at(e).lo, 0)
      const hiSum = parts.reduce((a, e) => a + at(e).hi, 0)
      const tighten = (b: Bound, lo: number, hi: number) => {
        if (lo > b.lo) {
          b.lo = lo
          changed = true
        }
        if (hi < b.hi) {
          b.hi = hi
          changed = true
        }
      }
      tighten(total, loSum, hiSum)
      for (const e of parts) {
        // The others' sums, added afresh: ∞ − ∞ would be NaN.
        const others = parts.filter((o) => o !== e)
        const othersLo = others.reduce((a, o) => a + at(o).lo, 0)
        const othersHi = others.reduce((a, o) => a + at(o).hi, 0)
        tighten(at(e), total.lo - othersHi, total.hi - othersLo)
      }
    }
  }
  const pinned: Entry[] = []
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < (grid[r] as number[]).length; c++) {
      if (marks[r]?.[c] !== 'exact' && at([r, c]).lo === at([r, c]).hi) pinned.push([r, c])
    }
  }
  return pinned
}

/** The smallest still visible entry of a line, cells before the total, or null when all are hidden. */
function smallestVisible(grid: number[][], marks: Mark[][], line: Entry[]): Entry | null {
  const visible = line.filter(([r, c]) => marks[r]?.[c] === 'exact')
  const cells = visible.slice(0, visible.length - (visible.at(-1) === line.at(-1) ? 1 : 0))
  const pool = cells.length > 0 ? cells : visible
  let best: Entry | null = null
  for (const e of pool) if (!best || (grid[e[0]]?.[e[1]] ?? 0) < (grid[best[0]]?.[best[1]] ?? 0)) best = e
  return best
}

/** The figure as people read it: the number, "<5", or null for a secondary suppression (shown as a dash). */
export function shown(cell: Cell): string | null {
  if (cell.mark === 'exact') return String(cell.value)
  return cell.mark === 'small' ? `<${THRESHOLD}` : null
}
