// The Final Night's rules with no I/O (issue 14): the seeded draw of the pitch order,
// the rubric's weights, the jury's maths, the ranking with its documented tie rule,
// the awards a ranking decides and the event's states. Tested against tables computed
// by hand in tests/unit/final-night-rules.test.ts.

import type { FinalNightStatus } from '#db/schema.ts'

/** The Final Night is in Jakarta: its date and time are entered and shown in WIB. */
export const EVENT_ZONE = 'Asia/Jakarta'

// ---------------------------------------------------------------- the seeded draw

/** A draw seed: 32 hex digits (128 bits), stored on the event so the order can be recomputed. */
export const SEED_PATTERN = /^[0-9a-f]{32}$/

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator) seeded with the four
 * 32-bit words of the hex seed: the same seed yields the same sequence on every
 * machine and Node version (only 32-bit integer arithmetic).
 */
export function seededRandom(seed: string): () => number {
  if (!SEED_PATTERN.test(seed)) throw new Error('a draw seed is 32 hex digits')
  let a = Number.parseInt(seed.slice(0, 8), 16) >>> 0
  let b = Number.parseInt(seed.slice(8, 16), 16) >>> 0
  let c = Number.parseInt(seed.slice(16, 24), 16) >>> 0
  let d = Number.parseInt(seed.slice(24, 32), 16) >>> 0
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t / 4294967296
  }
  // Warm up so seeds that differ in few bits diverge at once.
  for (let i = 0; i < 12; i++) next()
  return next
}

/**
 * The stage order drawn from a seed: a Fisher–Yates shuffle of the ids taken in
 * sorted order (so the database's row order does not matter). Reproducible: the same
 * ids and seed always give the same order.
 */
export function drawOrder(ids: readonly string[], seed: string): string[] {
  const random = seededRandom(seed)
  const order = [...ids].sort()
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const tmp = order[i] as string
    order[i] = order[j] as string
    order[j] = tmp
  }
  return order
}

// ---------------------------------------------------------------- the rubric

export const SCORE_MIN = 1
export const SCORE_MAX = 10
export const MAX_CRITERIA = 8

/** Whether a rubric's weights add up to 100 (each weight 1–100). */
export function weightsValid(weights: readonly number[]): boolean {
  return (
    weights.length > 0 &&
    weights.every((w) => Number.isInteger(w) && w >= 1 && w <= 100) &&
    weights.reduce((s, w) => s + w, 0) === 100
  )
}

/** The rubric a new event starts with (weights sum to 100); the ministry may change it before voting. */
export const DEFAULT_FINAL_NIGHT_RUBRIC: readonly { title: { id: string; en: string }; weight: number }[] = [
  { title: { id: 'Dampak sosial', en: 'Social impact' }, weight: 30 },
  { title: { id: 'Model usaha dan keberlanjutan', en: 'Business model and sustainability' }, weight: 25 },
  {
    title: { id: 'Kelayakan pelaksanaan bersama pemerintah daerah', en: 'Feasibility with the local government' },
    weight: 25,
  },
  { title: { id: 'Presentasi dan tanya jawab', en: 'Pitch and answers' }, weight: 20 },
]

// ---------------------------------------------------------------- the jury's maths

export interface Criterion {
  id: string
  weight: number
  position: number
}
export interface PitchRef {
  id: string
  position: number
}
export interface Score {
  pitchId: string
  jurorId: string
  criterionId: string
  score: number
}

/**
 * A juror's points for one pitch: Σ weight × score over the rubric, 100–1000 with
 * weights summing to 100 and scores 1–10 (ten times the 0–100 total). Null unless the
 * juror scored every criterion.
 */
export function jurorPoints(criteria: readonly Criterion[], scores: ReadonlyMap<string, number>): number | null {
  let points = 0
  for (const c of criteria) {
    const s = scores.get(c.id)
    if (s === undefined) return null
    points += c.weight * s
  }
  return points
}

/** An exact mean as a fraction, so comparisons never meet floating-point noise. */
interface Mean {
  sum: number
  n: number
}
const compareMeans = (a: Mean, b: Mean) => a.sum * b.n - b.sum * a.n

export type TieBreak = { by: 'criterion'; criterionId: string } | { by: 'minimum' } | { by: 'order' }

export interface BoardEntry {
  pitchId: string
  position: number
  /** Jurors who scored every criterion. */
  jurors: number
  /** Mean weighted total, 0–100 (null with no complete score). */
  total: number | null
  /** Mean score per criterion id (1–10). */
  criteria: Record<string, number>
  /** Lowest juror total, 0–100. */
  minimum: number | null
  /** 1… after the tie rule; null when nobody has scored the pitch yet. */
  rank: number | null
  /** Another pitch has exactly the same mean total. */
  tied: boolean
  /** What separated this pitch from the next one with the same mean total. */
  brokenBy: TieBreak | null
}

interface Tally {
  pitch: PitchRef
  jurors: number
  total: Mean
  criteria: Map<string, Mean>
  minimum: number
}

/**
 * The ranking with its tie rule (README "Final Night", tie rule):
 * 1. the higher mean weighted total;
 * 2. if equal, the higher mean on each criterion in turn, heaviest weight first
 *    (equal weights: rubric order);
 * 3. if still equal, the higher lowest juror total (the pitch no juror rated poorly);
 * 4. if still equal, the earlier stage position.
 * Pitches nobody has scored completely come last, unranked, in stage order.
 */
export function rankPitches(
  pitches: readonly PitchRef[],
  criteria: readonly Criterion[],
  scores: readonly Score[],
): BoardEntry[] {
  const byPitchJuror = new Map<string, Map<string, Map<string, number>>>()
  for (const s of scores) {
    const jurors = byPitchJuror.get(s.pitchId) ?? new Map<string, Map<string, number>>()
    byPitchJuror.set(s.pitchId, jurors)
    const own = jurors.get(s.jurorId) ?? new Map<string, number>()
    jurors.set(s.jurorId, own)
    own.set(s.criterionId, s.score)
  }
  const tallies: Tally[] = []
  const unscored: PitchRef[] = []
  for (const pitch of pitches) {
    const tally: Tally = {
      pitch,
      jurors: 0,
      total: { sum: 0, n: 0 },
      criteria: new Map(criteria.map((c) => [c.id, { sum: 0, n: 0 }])),
      minimum: Number.POSITIVE_INFINITY,
    }
    for (const own of byPitchJuror.get(pitch.id)?.values() ?? []) {
      const points = jurorPoints(criteria, own)
      if (points === null) continue
      tally.jurors += 1
      tally.total.sum += points
      tally.total.n += 1
      tally.minimum = Math.min(tally.minimum, points)
      for (const c of criteria) {
        const m = tally.criteria.get(c.id) as Mean
        m.sum += own.get(c.id) as number
        m.n += 1
      }
    }
    if (tally.jurors === 0) unscored.push(pitch)
    else tallies.push(tally)
  }
  const order = [...criteria].sort((a, b) => b.weight - a.weight || a.position - b.position)
  /** Negative when a ranks before b, with what decided it (null when the totals differ). */
  const decide = (a: Tally, b: Tally): { cmp: number; by: TieBreak | null } => {
    const total = compareMeans(b.total, a.total)
    if (total !== 0) return { cmp: total, by: null }
    for (const c of order) {
      const cmp = compareMeans(b.criteria.get(c.id) as Mean, a.criteria.get(c.id) as Mean)
      if (cmp !== 0) return { cmp, by: { by: 'criterion', criterionId: c.id } }
    }
    if (a.minimum !== b.minimum) return { cmp: b.minimum - a.minimum, by: { by: 'minimum' } }
    return { cmp: a.pitch.position - b.pitch.position, by: { by: 'order' } }
  }
  tallies.sort((a, b) => decide(a, b).cmp)
  const round2 = (v: number) => Math.round(v * 100) / 100
  const entries: BoardEntry[] = tallies.map((t, i) => {
    const prev = tallies[i - 1]
    const next = tallies[i + 1]
    const tiedPrev = prev !== undefined && compareMeans(prev.total, t.total) === 0
    const tiedNext = next !== undefined && compareMeans(next.total, t.total) === 0
    return {
      pitchId: t.pitch.id,
      position: t.pitch.position,
      jurors: t.jurors,
      total: round2(t.total.sum / t.total.n / 10),
      criteria: Object.fromEntries(criteria.map((c) => [c.id, round2((t.criteria.get(c.id) as Mean).sum / t.jurors)])),
      minimum: round2(t.minimum / 10),
      rank: i + 1,
      tied: tiedPrev || tiedNext,
      brokenBy: tiedNext && next ? decide(t, next).by : null,
    }
  })
  for (const p of [...unscored].sort((a, b) => a.position - b.position)) {
    entries.push({
      pitchId: p.id,
      position: p.position,
      jurors: 0,
      total: null,
      criteria: {},
      minimum: null,
      rank: null,
      tied: false,
      brokenBy: null,
    })
  }
  return entries
}

// ---------------------------------------------------------------- awards

export interface AwardRef {
  id: string
  kind: 'best_overall' | 'best_issue' | 'audience' | 'custom'
  nationalIssueId: string | null
  winnerPitchId: string | null
}

/**
 * The winner of each award: best overall is rank 1; best per national issue is the
 * best-ranked pitch on that issue (the overall winner may also win it); audience and
 * ministry-added awards keep the pitch chosen by hand. Null where nobody qualifies.
 */
export function decideAwards(
  awards: readonly AwardRef[],
  board: readonly BoardEntry[],
  issueOf: ReadonlyMap<string, string>,
): Map<string, string | null> {
  const ranked = board.filter((e) => e.rank !== null)
  const result = new Map<string, string | null>()
  for (const a of awards) {
    if (a.kind === 'best_overall') result.set(a.id, ranked[0]?.pitchId ?? null)
    else if (a.kind === 'best_issue')
      result.set(a.id, ranked.find((e) => issueOf.get(e.pitchId) === a.nationalIssueId)?.pitchId ?? null)
    else result.set(a.id, a.winnerPitchId)
  }
  return result
}

// ---------------------------------------------------------------- running order

/** When a pitch is due on stage: the event's start plus the minutes of the pitches before it. */
export function pitchStartsAt(eventStartsAt: Date, minutesPerPitch: number, position: number): Date {
  return new Date(eventStartsAt.getTime() + (position - 1) * minutesPerPitch * 60_000)
}

// ---------------------------------------------------------------- states

/** Set-up (details, pitches, order, rubric, awards) changes only before voting opens. */
export const setUpOpen = (status: FinalNightStatus) => status === 'planning'
/** Jurors score (and change their scores) only while voting is open. */
export const votingOpen = (status: FinalNightStatus) => status === 'voting'
/** Hand-chosen winners (audience, added awards) and closing/reopening happen before confirmation. */
export const beforeConfirmation = (status: FinalNightStatus) =>
  status === 'planning' || status === 'voting' || status === 'closed'
/** What may follow each state (the organiser's buttons). */
export const NEXT_STATES: Record<FinalNightStatus, readonly FinalNightStatus[]> = {
  planning: ['voting'],
  voting: ['closed'],
  closed: ['voting', 'confirmed'],
  confirmed: ['published'],
  published: [],
}
