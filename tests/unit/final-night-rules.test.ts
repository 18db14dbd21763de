import { describe, expect, it } from 'vitest'
import { formatTime } from '#app/i18n/format.ts'
import {
  type Criterion,
  DEFAULT_FINAL_NIGHT_RUBRIC,
  decideAwards,
  drawOrder,
  jurorPoints,
  NEXT_STATES,
  pitchStartsAt,
  rankPitches,
  type Score,
  seededRandom,
  weightsValid,
} from '#app/modules/final-night/final-night-rules.ts'

// Fixed tables, every figure worked out by hand.
//
// Table 1. Rubric: A weight 60 (position 1), B weight 40 (position 2); scores 1–10,
// juror points = 60·A + 40·B, total = points / 10.
//
//        J1                         J2                          mean total   A mean  B mean  min
//   P1   8,6 → 480+240 = 720        7,7 → 420+280 = 700          710 → 71.00  7.5     6.5     70.0
//   P2   6,9 → 360+360 = 720        7,7 → 700                    710 → 71.00  6.5     8.0     70.0
//   P3   9,9 → 900                  (conflict: no scores)        900 → 90.00  9       9       90.0
//   P4   5,5 → 500                  A=10 only (incomplete)       500 → 50.00  5       5       50.0
//   P5   (nobody)                                                 unranked
//
// Ranking: P3 (90), then P1 and P2 tied on 71.00 — broken by A, the heaviest criterion
// (7.5 > 6.5): P1, P2 — then P4 (50), then P5 unranked.
//
// Table 2. Rubric: A 50 (position 1), B 50 (position 2): equal weights, rubric order.
//
//        J1        J2        mean   A   B   min
//   Q1   6,6=600   8,8=800   700    7   7   60      stage position 2
//   Q2   7,7=700   7,7=700   700    7   7   70      stage position 3
//   Q3   7,7=700   7,7=700   700    7   7   70      stage position 1
//   R1   8,6=700   —         700    8   6   70      stage position 4
//   R2   6,8=700   —         700    6   8   70      stage position 5
//
// All five tie on 70.00. Criterion A (first in rubric order, equal weights): R1 8 >
// Q1=Q2=Q3 7 > R2 6. Among Q1–Q3, B is 7 for all; the lowest juror total decides Q2
// and Q3 (70) ahead of Q1 (60); Q2 and Q3 are identical, so the stage order puts Q3
// (position 1) before Q2 (position 3). Ranking: R1, Q3, Q2, Q1, R2.

const t1: Criterion[] = [
  { id: 'A', weight: 60, position: 1 },
  { id: 'B', weight: 40, position: 2 },
]
const s = (pitchId: string, jurorId: string, a: number | null, b: number | null): Score[] => [
  ...(a === null ? [] : [{ pitchId, jurorId, criterionId: 'A', score: a }]),
  ...(b === null ? [] : [{ pitchId, jurorId, criterionId: 'B', score: b }]),
]

describe('the jury maths', () => {
  it('a juror’s points need every criterion', () => {
    expect(
      jurorPoints(
        t1,
        new Map([
          ['A', 8],
          ['B', 6],
        ]),
      ),
    ).toBe(720)
    expect(jurorPoints(t1, new Map([['A', 8]]))).toBeNull()
  })

  it('ranks table 1 as computed by hand, the tie broken by the heaviest criterion', () => {
    const pitches = [1, 2, 3, 4, 5].map((n) => ({ id: `P${n}`, position: n }))
    const scores = [
      ...s('P1', 'J1', 8, 6),
      ...s('P1', 'J2', 7, 7),
      ...s('P2', 'J1', 6, 9),
      ...s('P2', 'J2', 7, 7),
      ...s('P3', 'J1', 9, 9),
      ...s('P4', 'J1', 5, 5),
      ...s('P4', 'J2', 10, null),
    ]
    const board = rankPitches(pitches, t1, scores)
    expect(board.map((e) => [e.pitchId, e.rank, e.total, e.jurors, e.minimum, e.tied])).toEqual([
      ['P3', 1, 90, 1, 90, false],
      ['P1', 2, 71, 2, 70, true],
      ['P2', 3, 71, 2, 70, true],
      ['P4', 4, 50, 1, 50, false],
      ['P5', null, null, 0, null, false],
    ])
    expect(board[1]?.criteria).toEqual({ A: 7.5, B: 6.5 })
    expect(board[2]?.criteria).toEqual({ A: 6.5, B: 8 })
    expect(board[1]?.brokenBy).toEqual({ by: 'criterion', criterionId: 'A' })
    expect(board[2]?.brokenBy).toBeNull()
  })

  it('ranks table 2 as computed by hand: rubric order, lowest juror total, stage order', () => {
    const t2: Criterion[] = [
      { id: 'A', weight: 50, position: 1 },
      { id: 'B', weight: 50, position: 2 },
    ]
    const pitches = [
      { id: 'Q1', position: 2 },
      { id: 'Q2', position: 3 },
      { id: 'Q3', position: 1 },
      { id: 'R1', position: 4 },
      { id: 'R2', position: 5 },
    ]
    const scores = [
      ...s('Q1', 'J1', 6, 6),
      ...s('Q1', 'J2', 8, 8),
      ...s('Q2', 'J1', 7, 7),
      ...s('Q2', 'J2', 7, 7),
      ...s('Q3', 'J1', 7, 7),
      ...s('Q3', 'J2', 7, 7),
      ...s('R1', 'J1', 8, 6),
      ...s('R2', 'J1', 6, 8),
    ]
    const board = rankPitches(pitches, t2, scores)
    expect(board.map((e) => e.pitchId)).toEqual(['R1', 'Q3', 'Q2', 'Q1', 'R2'])
    expect(board.every((e) => e.tied && e.total === 70)).toBe(true)
    expect(board.map((e) => e.brokenBy)).toEqual([
      { by: 'criterion', criterionId: 'A' },
      { by: 'order' },
      { by: 'minimum' },
      { by: 'criterion', criterionId: 'A' },
      null,
    ])
    expect(board.find((e) => e.pitchId === 'Q1')?.minimum).toBe(60)
  })

  it('decides the awards from the ranking; hand-chosen ones stay', () => {
    const board = rankPitches(
      [1, 2, 3].map((n) => ({ id: `P${n}`, position: n })),
      t1,
      [...s('P1', 'J1', 5, 5), ...s('P2', 'J1', 9, 9), ...s('P3', 'J1', 7, 7)],
    )
    const issueOf = new Map([
      ['P1', 'water'],
      ['P2', 'waste'],
      ['P3', 'water'],
    ])
    const winners = decideAwards(
      [
        { id: 'overall', kind: 'best_overall', nationalIssueId: null, winnerPitchId: null },
        { id: 'water', kind: 'best_issue', nationalIssueId: 'water', winnerPitchId: null },
        { id: 'waste', kind: 'best_issue', nationalIssueId: 'waste', winnerPitchId: null },
        { id: 'health', kind: 'best_issue', nationalIssueId: 'health', winnerPitchId: null },
        { id: 'audience', kind: 'audience', nationalIssueId: null, winnerPitchId: 'P1' },
      ],
      board,
      issueOf,
    )
    expect(Object.fromEntries(winners)).toEqual({
      overall: 'P2',
      water: 'P3',
      waste: 'P2',
      health: null,
      audience: 'P1',
    })
  })

  it('validates rubric weights: integers 1–100 adding up to 100', () => {
    expect(weightsValid([30, 25, 25, 20])).toBe(true)
    expect(weightsValid(DEFAULT_FINAL_NIGHT_RUBRIC.map((c) => c.weight))).toBe(true)
    expect(weightsValid([50, 49])).toBe(false)
    expect(weightsValid([100, 0])).toBe(false)
    expect(weightsValid([50.5, 49.5])).toBe(false)
    expect(weightsValid([])).toBe(false)
  })

  it('closing can be undone until confirmation; publication is final', () => {
    expect(NEXT_STATES.closed).toEqual(['voting', 'confirmed'])
    expect(NEXT_STATES.published).toEqual([])
  })
})

describe('the seeded draw', () => {
  const ids = Array.from({ length: 18 }, (_, i) => `pitch-${String(i).padStart(2, '0')}`)
  const seed = '0123456789abcdef0123456789abcdef'

  it('is reproducible from its seed, whatever order the ids come in', () => {
    const first = drawOrder(ids, seed)
    expect(drawOrder([...ids].reverse(), seed)).toEqual(first)
    expect([...first].sort()).toEqual(ids)
  })

  it('a different seed gives a different order', () => {
    const a = drawOrder(ids, seed)
    const b = drawOrder(ids, 'fedcba9876543210fedcba9876543210')
    const c = drawOrder(ids, '0123456789abcdef0123456789abcdee')
    expect(b).not.toEqual(a)
    expect(c).not.toEqual(a)
  })

  it('the generator is fixed: the same first numbers on every machine', () => {
    const r1 = seededRandom(seed)
    const r2 = seededRandom(seed)
    const first = [r1(), r1(), r1()]
    expect([r2(), r2(), r2()]).toEqual(first)
    expect(first.every((v) => v >= 0 && v < 1)).toBe(true)
    expect(() => seededRandom('not-a-seed')).toThrow()
  })
})

describe('the running order', () => {
  it('puts each pitch after the minutes of those before it, shown in Jakarta time', () => {
    // 19:00 WIB is 12:00 UTC; the third pitch at 7 minutes each starts 14 minutes later.
    const start = new Date('2026-12-20T12:00:00Z')
    const third = pitchStartsAt(start, 7, 3)
    expect(third.toISOString()).toBe('2026-12-20T12:14:00.000Z')
    expect(formatTime(third, 'id', 'Asia/Jakarta')).toBe('19.14 WIB')
    expect(formatTime(third, 'en', 'Asia/Jakarta')).toBe('19:14 WIB')
  })
})
