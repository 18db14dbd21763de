// Scoring maths for review and selection (issue 7). Pure: no I/O.
//
// A review scores each rubric criterion 1–5; its weighted total is on a 0–100 scale
// (Σ weight × score / 5 with weights summing to 100, so all 5s give 100 and all 1s give 20).
// Applications are ranked by the mean of their totals or by a normalised score that cancels
// each reviewer's own strictness (z-scores per reviewer), so a harsh and a lenient reviewer
// count alike.

export type Criterion = { key: string; weight: number }

export const MIN_SCORE = 1
export const MAX_SCORE = 5

/**
 * A rubric is valid when it has criteria, no key twice, every weight a whole number from
 * 1 to 100, and the weights sum to exactly 100. Checked in that order; the first failure wins.
 */
export function validateWeights(
  criteria: readonly Criterion[],
): { ok: true } | { ok: false; reason: 'sum' | 'range' | 'duplicate' | 'empty' } {
  if (criteria.length === 0) return { ok: false, reason: 'empty' }
  if (new Set(criteria.map((c) => c.key)).size !== criteria.length) return { ok: false, reason: 'duplicate' }
  if (criteria.some((c) => !Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100)) {
    return { ok: false, reason: 'range' }
  }
  if (criteria.reduce((sum, c) => sum + c.weight, 0) !== 100) return { ok: false, reason: 'sum' }
  return { ok: true }
}

/**
 * Weighted total of one review on the 0–100 scale. Throws on an invalid rubric, a missing
 * criterion, a score for an unknown criterion, or a score that is not a whole number 1–5:
 * the form validates first, so reaching here with bad data is a bug, not user input.
 */
export function weightedTotal(criteria: readonly Criterion[], scores: Readonly<Record<string, number>>): number {
  const valid = validateWeights(criteria)
  if (!valid.ok) throw new Error(`invalid rubric weights: ${valid.reason}`)
  const known = new Set(criteria.map((c) => c.key))
  for (const key of Object.keys(scores)) if (!known.has(key)) throw new Error(`score for unknown criterion ${key}`)
  let sum = 0
  for (const { key, weight } of criteria) {
    const score = scores[key]
    if (score === undefined) throw new Error(`missing score for criterion ${key}`)
    if (!Number.isInteger(score) || score < MIN_SCORE || score > MAX_SCORE) {
      throw new RangeError(`score for ${key} must be a whole number ${MIN_SCORE}–${MAX_SCORE}, got ${score}`)
    }
    sum += weight * score
  }
  return sum / MAX_SCORE
}

export type ReviewTotal = { applicationId: string; reviewerId: string; total: number }
export type RankMethod = 'mean' | 'zscore'

export type RankedApplication = {
  applicationId: string
  reviews: number
  mean: number
  /** Highest minus lowest total. */
  spread: number
  /** Population standard deviation of the totals. */
  sd: number
  /** grand mean + zMean × grand sd: zMean put back on the 0–100 scale of all totals. */
  normalised: number
  /** Mean of the reviews' z-scores (each against its own reviewer's mean and sd). */
  zMean: number
  /** `mean` or `normalised`, by method. */
  score: number
  /** Competition ranking: 1, 2, 2, 4. */
  rank: number
  /** Shares its score (within tieEpsilon) with another application. */
  tie: boolean
  /** spread ≥ disagreementThreshold. */
  disagreement: boolean
}

export const DEFAULT_RANK_METHOD: RankMethod = 'zscore'
export const DEFAULT_DISAGREEMENT_THRESHOLD = 25
export const DEFAULT_TIE_EPSILON = 1e-6

type Stats = { count: number; mean: number; sd: number; min: number; max: number }

function stats(values: readonly number[]): Stats {
  const count = values.length
  const mean = values.reduce((s, v) => s + v, 0) / count
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / count
  return { count, mean, sd: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}

/**
 * Per application: mean, spread, sd, normalised score, rank, tie and disagreement flags.
 * Only applications with at least one review appear.
 *
 * Pass all totals of one call: reviewer means and sds come from what is passed. For a
 * leaderboard per issue, rank the whole call and pass the result to `rankWithin` rather
 * than filtering the input, so each reviewer's scale is
 * measured on their whole workload.
 *
 * z-score of a review = (total − reviewer's mean) / reviewer's population sd. A reviewer
 * with a single review, or whose totals are all equal, has no scale to normalise against:
 * their reviews count as z = 0 (exactly average) rather than being dropped, so the
 * application keeps its review count and the other reviewers' z-scores still decide.
 *
 * Ties: applications are sorted by score, highest first (then by id so the order is stable);
 * an application ties with the one before it when their scores differ by at most tieEpsilon.
 * Tied applications share the rank of the first of their run, the next rank skips.
 */
export function rankApplications(
  totals: readonly ReviewTotal[],
  options: { method?: RankMethod; disagreementThreshold?: number; tieEpsilon?: number } = {},
): RankedApplication[] {
  const method = options.method ?? DEFAULT_RANK_METHOD
  const threshold = options.disagreementThreshold ?? DEFAULT_DISAGREEMENT_THRESHOLD
  const epsilon = options.tieEpsilon ?? DEFAULT_TIE_EPSILON
  if (totals.length === 0) return []
  const seen = new Set<string>()
  for (const t of totals) {
    const pair = `${t.applicationId}\u0000${t.reviewerId}`
    if (seen.has(pair)) throw new Error(`two totals from reviewer ${t.reviewerId} for ${t.applicationId}`)
    seen.add(pair)
    if (!Number.isFinite(t.total)) throw new RangeError(`total must be a finite number, got ${t.total}`)
  }

  const grand = stats(totals.map((t) => t.total))
  const byReviewer = new Map(
    [...groupBy(totals, (t) => t.reviewerId)].map(([id, reviews]) => [id, stats(reviews.map((r) => r.total))]),
  )
  const z = (t: ReviewTotal) => {
    const reviewer = byReviewer.get(t.reviewerId)!
    return reviewer.count < 2 || reviewer.sd === 0 ? 0 : (t.total - reviewer.mean) / reviewer.sd
  }

  const rows = [...groupBy(totals, (t) => t.applicationId)].map(([applicationId, reviews]) => {
    const own = stats(reviews.map((r) => r.total))
    const zMean = reviews.reduce((s, r) => s + z(r), 0) / reviews.length
    const normalised = grand.mean + zMean * grand.sd
    return {
      applicationId,
      reviews: own.count,
      mean: own.mean,
      spread: own.max - own.min,
      sd: own.sd,
      normalised,
      zMean,
      score: method === 'mean' ? own.mean : normalised,
      rank: 0,
      tie: false,
      disagreement: own.max - own.min >= threshold,
    }
  })
  return withRanks(rows, epsilon)
}

/** Sorts by score (then id) and sets competition ranks and tie flags. */
function withRanks(rows: RankedApplication[], epsilon: number): RankedApplication[] {
  rows.sort((x, y) => y.score - x.score || (x.applicationId < y.applicationId ? -1 : 1))
  rows.forEach((row, i) => {
    const previous = rows[i - 1]
    row.tie = false
    if (previous && previous.score - row.score <= epsilon) {
      row.rank = previous.rank
      row.tie = true
      previous.tie = true
    } else {
      row.rank = i + 1
    }
  })
  return rows
}

/**
 * Ranks and tie flags recomputed within a subset of a call's ranking (e.g. one issue's
 * leaderboard), keeping every score as computed over the whole call.
 */
export function rankWithin(
  ranked: readonly RankedApplication[],
  keep: (applicationId: string) => boolean,
  options: { tieEpsilon?: number } = {},
): RankedApplication[] {
  const subset = ranked.filter((row) => keep(row.applicationId)).map((row) => ({ ...row }))
  return withRanks(subset, options.tieEpsilon ?? DEFAULT_TIE_EPSILON)
}

/**
 * Krippendorff's alpha for the call, interval metric: units are applications, coders are
 * reviewers, values are weighted totals; missing ratings are allowed.
 *   α = 1 − D_o / D_e
 *   D_o = (1/n) Σ_u Σ_{i≠j in u} (v_i − v_j)² / (m_u − 1)    (observed, within applications)
 *   D_e = (1/(n(n−1))) Σ_{i≠j} (v_i − v_j)²                   (expected, over all pairable values)
 * where only applications with m_u ≥ 2 ratings are pairable and n counts their values.
 * Returns null when it is not computable: fewer than one pairable application, or every
 * pairable value equal (D_e = 0).
 */
export function krippendorffAlpha(ratings: readonly ReviewTotal[], metric: 'interval' = 'interval'): number | null {
  if (metric !== 'interval') throw new Error(`unsupported metric ${metric}`)
  const units = [...groupBy(ratings, (r) => r.applicationId).values()]
    .map((unit) => unit.map((r) => r.total))
    .filter((values) => values.length >= 2)
  const values = units.flat()
  const n = values.length
  if (n < 2) return null
  // Σ over ordered pairs of (a − b)² equals 2(m Σv² − (Σv)²), which avoids the O(n²) loop.
  const pairSum = (vs: readonly number[]) => {
    const sum = vs.reduce((s, v) => s + v, 0)
    const squares = vs.reduce((s, v) => s + v * v, 0)
    return 2 * (vs.length * squares - sum * sum)
  }
  const observed = units.reduce((s, unit) => s + pairSum(unit) / (unit.length - 1), 0) / n
  const expected = pairSum(values) / (n * (n - 1))
  if (expected <= 1e-12) return null
  return 1 - observed / expected
}
