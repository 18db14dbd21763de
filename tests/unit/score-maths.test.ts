import { describe, expect, it } from 'vitest'
import {
  type Criterion,
  krippendorffAlpha,
  type ReviewTotal,
  rankApplications,
  rankWithin,
  validateWeights,
  weightedTotal,
} from '#app/modules/selection/score-maths.ts'

// A fixed table, every figure worked out by hand below.
//
// Rubric: fit 40, novelty 40, feasibility 20 → total = (40·s1 + 40·s2 + 20·s3) / 5 = 8·s1 + 8·s2 + 4·s3.
// Reviewers: H is harsh, L is lenient, M is in between and did not rate D.
//
//          H (harsh)           L (lenient)          M (middle)
//   A   3,3,4 → 24+24+16 = 64   5,4,4 → 40+32+16 = 88   4,4,3 → 32+32+12 = 76
//   B   2,2,4 → 16+16+16 = 48   4,4,4 → 32+32+16 = 80   3,3,3 → 24+24+12 = 60
//   C   3,2,2 → 24+16+8  = 48   4,5,4 → 32+40+16 = 88   4,3,3 → 32+24+12 = 68
//   D   4,3,2 → 32+24+8  = 64   5,3,4 → 40+24+16 = 80   (missing)
//
// Per application (population sd):
//   A: mean (64+88+76)/3 = 76;       spread 88−64 = 24; sd √((144+144+0)/3) = √96 ≈ 9.7980
//   B: mean (48+80+60)/3 = 62.6667;  spread 80−48 = 32; sd √((12304 − 188²/3)/3) = √174.2222 ≈ 13.1993
//   C: mean (48+88+68)/3 = 68;       spread 88−48 = 40; sd √((400+400+0)/3) = √266.6667 ≈ 16.3299
//   D: mean (64+80)/2 = 72;          spread 80−64 = 16; sd √((64+64)/2) = 8
// Disagreement (spread ≥ 25): B and C; A (24) and D (16) not.
//
// Per reviewer:
//   H: mean (64+48+48+64)/4 = 56, sd √((64+64+64+64)/4) = 8  → z: A +1, B −1, C −1, D +1
//   L: mean (88+80+88+80)/4 = 84, sd √((16+16+16+16)/4) = 4  → z: A +1, B −1, C +1, D −1
//   M: mean (76+60+68)/3 = 68, sd √((64+64+0)/3) = 8·√(2/3) ≈ 6.5320 → z: A +√1.5 ≈ +1.2247, B −1.2247, C 0
// z̄: A (1+1+1.2247)/3 = 1.0749;  B −1.0749;  C (−1+1+0)/3 = 0;  D (1−1)/2 = 0
//
// Grand (all 11 totals): Σ = 224 + 336 + 204 = 764, mean 764/11 = 69.4545;
//   Σv² = 2·64² + 2·48² + 2·88² + 2·80² + 76² + 60² + 68² = 55088,
//   variance = (11·55088 − 764²)/11² = 22272/121 = 184.0661, sd ≈ 13.5671
// Normalised = 69.4545 + z̄ · 13.5671: A 84.0380, B 54.8711, C 69.4545, D 69.4545
//
// Ranks: by mean A 76 (1), D 72 (2), C 68 (3), B 62.67 (4), no ties;
//        by z-score A (1), C and D tie at 69.4545 (2, 2), B (4). D's mean looked better only
//        because the middle reviewer, who rated C at exactly her average, skipped it.
//
// Krippendorff's alpha (interval), n = 11 pairable values:
//   D_o = (1/n) Σ_u Σ_{i≠j} (v_i−v_j)² / (m_u−1)
//       A: 2·(24² + 12² + 12²)/2 = 864;  B: 2·(32² + 12² + 20²)/2 = 1568;
//       C: 2·(40² + 20² + 20²)/2 = 2400; D: 2·16²/1 = 512     → 5344/11 = 485.8182
//   D_e = Σ_{i≠j} (v_i−v_j)² / (n(n−1)) = 2·(11·55088 − 764²)/110 = 44544/110 = 404.9455
//   α = 1 − 485.8182/404.9455 = 1 − 53440/44544 ≈ −0.1997
// (negative: on raw totals the harsh/lenient gap outweighs the differences between ideas,
// which is exactly what the z-score ranking corrects).

const rubric: Criterion[] = [
  { key: 'fit', weight: 40 },
  { key: 'novelty', weight: 40 },
  { key: 'feasibility', weight: 20 },
]
const sheet: [app: string, reviewer: string, fit: number, novelty: number, feasibility: number, total: number][] = [
  ['A', 'H', 3, 3, 4, 64],
  ['B', 'H', 2, 2, 4, 48],
  ['C', 'H', 3, 2, 2, 48],
  ['D', 'H', 4, 3, 2, 64],
  ['A', 'L', 5, 4, 4, 88],
  ['B', 'L', 4, 4, 4, 80],
  ['C', 'L', 4, 5, 4, 88],
  ['D', 'L', 5, 3, 4, 80],
  ['A', 'M', 4, 4, 3, 76],
  ['B', 'M', 3, 3, 3, 60],
  ['C', 'M', 4, 3, 3, 68],
]
const totals: ReviewTotal[] = sheet.map(([applicationId, reviewerId, fit, novelty, feasibility]) => ({
  applicationId,
  reviewerId,
  total: weightedTotal(rubric, { fit, novelty, feasibility }),
}))

describe('weightedTotal', () => {
  it('computes the hand-worked totals of the table', () => {
    expect(totals.map((t) => t.total)).toEqual(sheet.map((row) => row[5]))
  })

  it('puts all 5s at 100 and all 1s at 20', () => {
    expect(weightedTotal(rubric, { fit: 5, novelty: 5, feasibility: 5 })).toBe(100)
    expect(weightedTotal(rubric, { fit: 1, novelty: 1, feasibility: 1 })).toBe(20)
  })

  it('throws on a missing, unknown or out-of-range score and on a broken rubric', () => {
    expect(() => weightedTotal(rubric, { fit: 3, novelty: 3 })).toThrow(/missing score for criterion feasibility/)
    expect(() => weightedTotal(rubric, { fit: 3, novelty: 3, feasibility: 3, team: 3 })).toThrow(/unknown criterion/)
    expect(() => weightedTotal(rubric, { fit: 0, novelty: 3, feasibility: 3 })).toThrow(RangeError)
    expect(() => weightedTotal(rubric, { fit: 6, novelty: 3, feasibility: 3 })).toThrow(RangeError)
    expect(() => weightedTotal(rubric, { fit: 2.5, novelty: 3, feasibility: 3 })).toThrow(RangeError)
    expect(() => weightedTotal([{ key: 'fit', weight: 90 }], { fit: 3 })).toThrow(/sum/)
  })
})

describe('rankApplications on the hand-worked table', () => {
  const byId = (rows: ReturnType<typeof rankApplications>) => Object.fromEntries(rows.map((r) => [r.applicationId, r]))

  it('means, spreads, sds, z-scores, normalised scores and disagreement flags', () => {
    const rows = byId(rankApplications(totals))
    const expected = {
      A: { reviews: 3, mean: 76, spread: 24, sd: 9.798, zMean: 1.0749, normalised: 84.038, disagreement: false },
      B: {
        reviews: 3,
        mean: 62.6667,
        spread: 32,
        sd: 13.1993,
        zMean: -1.0749,
        normalised: 54.8711,
        disagreement: true,
      },
      C: { reviews: 3, mean: 68, spread: 40, sd: 16.3299, zMean: 0, normalised: 69.4545, disagreement: true },
      D: { reviews: 2, mean: 72, spread: 16, sd: 8, zMean: 0, normalised: 69.4545, disagreement: false },
    }
    for (const [id, want] of Object.entries(expected)) {
      const row = rows[id]!
      expect(row.reviews).toBe(want.reviews)
      expect(row.mean).toBeCloseTo(want.mean, 4)
      expect(row.spread).toBeCloseTo(want.spread, 10)
      expect(row.sd).toBeCloseTo(want.sd, 3)
      expect(row.zMean).toBeCloseTo(want.zMean, 4)
      expect(row.normalised).toBeCloseTo(want.normalised, 3)
      expect(row.disagreement).toBe(want.disagreement)
    }
  })

  it('ranks by z-score by default: C and D tie at 2, B is 4th', () => {
    const rows = rankApplications(totals)
    expect(rows.map((r) => [r.applicationId, r.rank, r.tie])).toEqual([
      ['A', 1, false],
      ['C', 2, true],
      ['D', 2, true],
      ['B', 4, false],
    ])
    for (const r of rows) expect(r.score).toBe(r.normalised)
  })

  it('ranks by mean on request: D moves ahead of C and nothing ties', () => {
    const rows = rankApplications(totals, { method: 'mean' })
    expect(rows.map((r) => [r.applicationId, r.rank, r.tie])).toEqual([
      ['A', 1, false],
      ['D', 2, false],
      ['C', 3, false],
      ['B', 4, false],
    ])
    for (const r of rows) expect(r.score).toBe(r.mean)
  })

  it('honours the disagreement threshold and the tie epsilon', () => {
    const strict = byId(rankApplications(totals, { disagreementThreshold: 16 }))
    expect(Object.values(strict).map((r) => r.disagreement)).toEqual([true, true, true, true])
    // Means 76, 72, 68 are 4 apart each: an epsilon of 4 chains A, D and C into one tie.
    const loose = rankApplications(totals, { method: 'mean', tieEpsilon: 4 })
    expect(loose.map((r) => [r.applicationId, r.rank, r.tie])).toEqual([
      ['A', 1, true],
      ['D', 1, true],
      ['C', 1, true],
      ['B', 4, false],
    ])
  })

  it('re-ranks within a subset (one issue) without changing any score', () => {
    const call = rankApplications(totals)
    const issue = rankWithin(call, (id) => id !== 'A')
    expect(issue.map((r) => [r.applicationId, r.rank, r.tie])).toEqual([
      ['C', 1, true],
      ['D', 1, true],
      ['B', 3, false],
    ])
    expect(issue.map((r) => r.score)).toEqual(call.slice(1).map((r) => r.score))
    expect(call[1]!.rank).toBe(2) // the call's own ranking is untouched
  })

  it('gives z = 0 to a reviewer with a single review or no variation, and rejects a double review', () => {
    const rows = byId(
      rankApplications([
        { applicationId: 'X', reviewerId: 'once', total: 100 },
        { applicationId: 'X', reviewerId: 'flat', total: 60 },
        { applicationId: 'Y', reviewerId: 'flat', total: 60 },
      ]),
    )
    expect(rows.X!.zMean).toBe(0)
    expect(rows.Y!.zMean).toBe(0)
    expect(rows.X!.rank).toBe(1)
    expect(rows.Y!.rank).toBe(1)
    expect(rankApplications([])).toEqual([])
    expect(() =>
      rankApplications([
        { applicationId: 'X', reviewerId: 'r', total: 50 },
        { applicationId: 'X', reviewerId: 'r', total: 60 },
      ]),
    ).toThrow(/two totals/)
  })
})

describe('krippendorffAlpha (interval)', () => {
  it('matches the hand-worked table', () => {
    expect(krippendorffAlpha(totals, 'interval')).toBeCloseTo(1 - 53440 / 44544, 10)
    expect(krippendorffAlpha(totals)).toBeCloseTo(-0.1997, 4)
  })

  it('a second small case: units [2, 4] and [6, 6]', () => {
    // D_o = (2·(2−4)²/1 + 0)/4 = 2; values 2,4,6,6: Σv = 18, Σv² = 92,
    // D_e = 2·(4·92 − 18²)/(4·3) = 88/12; α = 1 − 2·12/88 = 8/11.
    const ratings = [
      { applicationId: 'u1', reviewerId: 'a', total: 2 },
      { applicationId: 'u1', reviewerId: 'b', total: 4 },
      { applicationId: 'u2', reviewerId: 'a', total: 6 },
      { applicationId: 'u2', reviewerId: 'b', total: 6 },
    ]
    expect(krippendorffAlpha(ratings)).toBeCloseTo(8 / 11, 10)
  })

  it('is 1 for perfect agreement and null when not computable', () => {
    const agree = ['p', 'q'].flatMap((app, i) =>
      ['a', 'b', 'c'].map((reviewerId) => ({ applicationId: app, reviewerId, total: 40 + 20 * i })),
    )
    expect(krippendorffAlpha(agree)).toBe(1)
    expect(krippendorffAlpha([])).toBeNull()
    // Single ratings only: nothing to pair.
    expect(krippendorffAlpha(totals.filter((t) => t.reviewerId === 'H'))).toBeNull()
    // Every value equal: no expected disagreement to compare with.
    expect(
      krippendorffAlpha(['a', 'b'].map((reviewerId) => ({ applicationId: 'p', reviewerId, total: 70 }))),
    ).toBeNull()
  })
})

describe('validateWeights', () => {
  it.each([
    [[], { ok: false, reason: 'empty' }],
    [
      [
        { key: 'a', weight: 50 },
        { key: 'a', weight: 50 },
      ],
      { ok: false, reason: 'duplicate' },
    ],
    [
      [
        { key: 'a', weight: 0 },
        { key: 'b', weight: 100 },
      ],
      { ok: false, reason: 'range' },
    ],
    [
      [
        { key: 'a', weight: 120 },
        { key: 'b', weight: -20 },
      ],
      { ok: false, reason: 'range' },
    ],
    [
      [
        { key: 'a', weight: 33.5 },
        { key: 'b', weight: 66.5 },
      ],
      { ok: false, reason: 'range' },
    ],
    [
      [
        { key: 'a', weight: 50 },
        { key: 'b', weight: 40 },
      ],
      { ok: false, reason: 'sum' },
    ],
    [[{ key: 'a', weight: 100 }], { ok: true }],
    [
      [
        { key: 'a', weight: 60 },
        { key: 'b', weight: 40 },
      ],
      { ok: true },
    ],
  ] as const)('%j → %j', (criteria, expected) => {
    expect(validateWeights(criteria)).toEqual(expected)
  })
})
