import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Assignment,
  type AssignmentInput,
  type AssignmentResult,
  assignReviewers,
  rebalance,
} from '#app/modules/assignment/assignment.ts'

// Balanced reviewer assignment: rules checked as properties over random provinces, with a
// brute-force oracle on small ones, plus a few readable examples.
//
// "Enough reviewers" for an application means: reviewers already on it (listed, active) plus
// listed reviewers neither on it nor conflicted with it ≥ N. Reviewers have no capacity
// limit, so each application is judged on its own.

const key = (a: string, r: string) => `${a}|${r}`
const OPDS = ['opd-x', 'opd-y', 'opd-z'] as const

type Instance = { input: AssignmentInput; locked: Assignment[] }

/** Random province: a few OPDs, null owners and null OPDs included. */
function instance({ maxApps, maxRevs, maxN }: { maxApps: number; maxRevs: number; maxN: number }) {
  const opd = fc.option(fc.constantFrom(...OPDS), { nil: null, freq: 5 })
  return fc
    .record({ apps: fc.integer({ min: 0, max: maxApps }), revs: fc.integer({ min: 0, max: maxRevs }) })
    .chain(({ apps, revs }) => {
      const pairs = Array.from({ length: apps * revs }, (_, i) => ({
        applicationId: `a${Math.floor(i / revs)}`,
        reviewerId: `r${i % revs}`,
      }))
      return fc.record({
        applications: fc
          .array(opd, { minLength: apps, maxLength: apps })
          .map((owners) => owners.map((ownerOpdId, i) => ({ id: `a${i}`, ownerOpdId }))),
        reviewers: fc
          .array(opd, { minLength: revs, maxLength: revs })
          .map((opds) => opds.map((opdId, i) => ({ id: `r${i}`, opdId }))),
        conflicts: fc.subarray(pairs),
        existing: fc.subarray(pairs, { maxLength: Math.ceil(pairs.length / 3) }),
        locked: fc.subarray(pairs),
        perApplication: fc.integer({ min: 0, max: maxN }),
      })
    })
    .map(({ locked, ...input }): Instance => {
      const existing = new Set(input.existing.map((p) => key(p.applicationId, p.reviewerId)))
      return { input, locked: locked.filter((p) => existing.has(key(p.applicationId, p.reviewerId))) }
    })
}

/** Drops conflicts until every application has enough reviewers. */
function withEnough({ input }: Instance): AssignmentInput {
  const kept = input.conflicts.filter((c) => {
    const others = input.conflicts.filter((o) => o.applicationId === c.applicationId)
    return others.indexOf(c) < input.reviewers.length - input.perApplication
  })
  return { ...input, conflicts: kept }
}

/** Every rule that holds for any input; returns the final pairs per application. */
function checkRules(input: AssignmentInput, result: AssignmentResult) {
  const conflicted = new Set(input.conflicts.map((c) => key(c.applicationId, c.reviewerId)))
  const reviewerIds = new Set(input.reviewers.map((r) => r.id))
  const kept = new Set(
    (input.existing ?? []).filter((p) => reviewerIds.has(p.reviewerId)).map((p) => key(p.applicationId, p.reviewerId)),
  )
  const all = new Set(kept)
  for (const p of result.assignments) {
    const k = key(p.applicationId, p.reviewerId)
    expect(conflicted.has(k), `conflicted pair ${k}`).toBe(false)
    expect(all.has(k), `duplicate pair ${k}`).toBe(false)
    expect(reviewerIds.has(p.reviewerId)).toBe(true)
    all.add(k)
  }
  const loads = Object.fromEntries(input.reviewers.map((r) => [r.id, 0]))
  for (const k of all) loads[k.split('|')[1]!]! += 1
  expect(result.loads).toEqual(loads)

  const uncovered = new Map(result.uncovered.map((u) => [u.applicationId, u]))
  for (const app of input.applications) {
    const on = input.reviewers.filter((r) => all.has(key(app.id, r.id))).length
    const held = input.reviewers.filter((r) => kept.has(key(app.id, r.id))).length
    const possible = input.reviewers.filter((r) => kept.has(key(app.id, r.id)) || !conflicted.has(key(app.id, r.id)))
    const n = input.perApplication
    // Coverage: N whenever possible, never more new reviewers than needed.
    expect(on).toBe(Math.max(held, Math.min(n, possible.length)))
    if (on < n) expect(uncovered.get(app.id)).toEqual({ applicationId: app.id, assigned: on, missing: n - on })
    else expect(uncovered.has(app.id)).toBe(false)
  }
  expect(result.uncovered.length).toBe(input.applications.filter((a) => uncovered.has(a.id)).length)
  const appIds = new Set(input.applications.map((a) => a.id))
  const conflictedKept = [...kept].filter((k) => conflicted.has(k) && appIds.has(k.split('|')[0]!))
  expect(result.conflictedExisting.map((p) => key(p.applicationId, p.reviewerId)).sort()).toEqual(conflictedKept.sort())
  return all
}

const spread = (loads: Record<string, number>) => {
  const values = Object.values(loads)
  return values.length === 0 ? { min: 0, max: 0 } : { min: Math.min(...values), max: Math.max(...values) }
}

function* subsets(items: readonly string[], size: number, from = 0): Generator<string[]> {
  if (size === 0) yield []
  else
    for (let i = from; i <= items.length - size; i++)
      for (const rest of subsets(items, size - 1, i + 1)) yield [items[i]!, ...rest]
}

/**
 * The best reachable loads by exhaustive search: for each application, `fixed` reviewers
 * stay and `count` more are chosen among `open` ones. Returns the smallest possible maximum
 * and the largest possible minimum load.
 */
function bestLoads(base: Record<string, number>, slots: { open: string[]; count: number }[]) {
  let best = { max: Number.POSITIVE_INFINITY, min: Number.NEGATIVE_INFINITY }
  const walk = (i: number, loads: Record<string, number>) => {
    if (i === slots.length) {
      const s = spread(loads)
      best = { max: Math.min(best.max, s.max), min: Math.max(best.min, s.min) }
      return
    }
    for (const chosen of subsets(slots[i]!.open, slots[i]!.count)) {
      for (const r of chosen) loads[r]! += 1
      walk(i + 1, loads)
      for (const r of chosen) loads[r]! -= 1
    }
  }
  walk(0, { ...base })
  return best
}

describe('assignReviewers: properties', () => {
  it('never a conflicted or repeated pair; N whenever possible, else reported; existing kept', () => {
    fc.assert(
      fc.property(instance({ maxApps: 25, maxRevs: 12, maxN: 5 }), ({ input }) => {
        checkRules(input, assignReviewers(input))
      }),
      { numRuns: 300 },
    )
  })

  it('with enough non-conflicted reviewers every application gets N and nothing is uncovered', () => {
    fc.assert(
      fc.property(instance({ maxApps: 25, maxRevs: 12, maxN: 5 }), (generated) => {
        const input = withEnough(generated)
        fc.pre(input.reviewers.length >= input.perApplication)
        const result = assignReviewers(input)
        checkRules(input, result)
        expect(result.uncovered).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('loads differ by at most one when nothing blocks it (no conflicts, nothing kept)', () => {
    fc.assert(
      fc.property(instance({ maxApps: 60, maxRevs: 15, maxN: 5 }), ({ input }) => {
        const free = { ...input, conflicts: [], existing: [] }
        const { max, min } = spread(assignReviewers(free).loads)
        expect(max - min).toBeLessThanOrEqual(1)
      }),
      { numRuns: 300 },
    )
  })

  it('otherwise loads are as even as any assignment can make them (exhaustive search on small cases)', () => {
    fc.assert(
      fc.property(instance({ maxApps: 4, maxRevs: 4, maxN: 3 }), ({ input }) => {
        const result = assignReviewers(input)
        const final = checkRules(input, result)
        const base = Object.fromEntries(input.reviewers.map((r) => [r.id, 0]))
        const kept = new Set((input.existing ?? []).map((p) => key(p.applicationId, p.reviewerId)))
        for (const k of kept) if (k.split('|')[1]! in base) base[k.split('|')[1]!]! += 1
        const conflicted = new Set(input.conflicts.map((c) => key(c.applicationId, c.reviewerId)))
        const slots = input.applications.map((app) => {
          const open = input.reviewers
            .map((r) => r.id)
            .filter((r) => !kept.has(key(app.id, r)) && !conflicted.has(key(app.id, r)))
          const held = input.reviewers.filter((r) => kept.has(key(app.id, r.id))).length
          return { open, count: Math.min(open.length, Math.max(0, input.perApplication - held)) }
        })
        expect(spread(result.loads)).toEqual(bestLoads(base, slots))
        expect(final.size).toBe(kept.size + result.assignments.length)
      }),
      { numRuns: 400 },
    )
  })

  it('owner preference leaves no hand-over: no new non-owner pair whose owner reviewer is one lighter and free', () => {
    fc.assert(
      fc.property(instance({ maxApps: 30, maxRevs: 10, maxN: 4 }), ({ input }) => {
        const result = assignReviewers(input)
        const taken = new Set(
          [...(input.existing ?? []), ...result.assignments].map((p) => key(p.applicationId, p.reviewerId)),
        )
        const conflicted = new Set(input.conflicts.map((c) => key(c.applicationId, c.reviewerId)))
        const opdOf = new Map(input.reviewers.map((r) => [r.id, r.opdId]))
        const ownerOf = new Map(input.applications.map((a) => [a.id, a.ownerOpdId]))
        for (const p of result.assignments) {
          const owner = ownerOf.get(p.applicationId)
          if (owner === null || opdOf.get(p.reviewerId) === owner) continue
          for (const v of input.reviewers) {
            if (
              v.opdId !== owner ||
              taken.has(key(p.applicationId, v.id)) ||
              conflicted.has(key(p.applicationId, v.id))
            )
              continue
            expect(result.loads[v.id]).not.toBe(result.loads[p.reviewerId]! - 1)
          }
        }
      }),
      { numRuns: 200 },
    )
  })

  it('is deterministic and ignores input order', () => {
    fc.assert(
      fc.property(instance({ maxApps: 20, maxRevs: 8, maxN: 3 }), ({ input }) => {
        const reversed = {
          ...input,
          applications: [...input.applications].reverse(),
          reviewers: [...input.reviewers].reverse(),
          conflicts: [...input.conflicts].reverse(),
        }
        expect(assignReviewers(reversed)).toEqual(assignReviewers(input))
      }),
      { numRuns: 100 },
    )
  })
})

describe('rebalance: properties', () => {
  it('moves only movable pairs to legal reviewers, keeps coverage and evens loads as far as possible', () => {
    fc.assert(
      fc.property(instance({ maxApps: 4, maxRevs: 4, maxN: 3 }), ({ input, locked }) => {
        const existing = input.existing ?? []
        const result = rebalance({ ...input, existing, locked })
        const pairs = new Set(existing.map((p) => key(p.applicationId, p.reviewerId)))
        const conflicted = new Set(input.conflicts.map((c) => key(c.applicationId, c.reviewerId)))
        const fixed = new Set([
          ...locked.map((p) => key(p.applicationId, p.reviewerId)),
          ...[...pairs].filter((k) => conflicted.has(k)),
        ])
        for (const m of result.moves) {
          expect(fixed.has(key(m.applicationId, m.from))).toBe(false)
          expect(pairs.delete(key(m.applicationId, m.from))).toBe(true)
          expect(pairs.has(key(m.applicationId, m.to))).toBe(false)
          expect(conflicted.has(key(m.applicationId, m.to))).toBe(false)
          pairs.add(key(m.applicationId, m.to))
        }
        const loads = Object.fromEntries(input.reviewers.map((r) => [r.id, 0]))
        for (const k of pairs) loads[k.split('|')[1]!]! += 1
        expect(result.loads).toEqual(loads)
        const base = Object.fromEntries(input.reviewers.map((r) => [r.id, 0]))
        for (const k of fixed) base[k.split('|')[1]!]! += 1
        const slots = input.applications.map((app) => ({
          open: input.reviewers
            .map((r) => r.id)
            .filter((r) => !fixed.has(key(app.id, r)) && !conflicted.has(key(app.id, r))),
          count: existing.filter((p) => p.applicationId === app.id && !fixed.has(key(app.id, p.reviewerId))).length,
        }))
        expect(spread(result.loads)).toEqual(bestLoads(base, slots))
      }),
      { numRuns: 400 },
    )
  })
})

describe('assignReviewers: examples', () => {
  const reviewers = [
    { id: 'dinkes-1', opdId: 'dinkes' },
    { id: 'dinkes-2', opdId: 'dinkes' },
    { id: 'disdik-1', opdId: 'disdik' },
    { id: 'disdik-2', opdId: 'disdik' },
  ]

  it("prefers reviewers from the OPD that owns the application's issue", () => {
    const result = assignReviewers({
      applications: [
        { id: 'stunting-app', ownerOpdId: 'dinkes' },
        { id: 'school-app', ownerOpdId: 'disdik' },
      ],
      reviewers,
      conflicts: [],
      perApplication: 2,
    })
    expect(result.assignments).toEqual([
      { applicationId: 'school-app', reviewerId: 'disdik-1' },
      { applicationId: 'school-app', reviewerId: 'disdik-2' },
      { applicationId: 'stunting-app', reviewerId: 'dinkes-1' },
      { applicationId: 'stunting-app', reviewerId: 'dinkes-2' },
    ])
  })

  it('gives the owner OPD the heavier share when loads cannot be equal, but never breaks ±1', () => {
    const result = assignReviewers({
      applications: ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => ({ id, ownerOpdId: 'dinkes' })),
      reviewers,
      conflicts: [],
      perApplication: 1,
    })
    // 5 applications over 4 reviewers: one reviewer gets 2, and it is a Dinkes reviewer.
    expect(result.loads).toEqual({ 'dinkes-1': 2, 'dinkes-2': 1, 'disdik-1': 1, 'disdik-2': 1 })
  })

  it('goes beyond the tie-break: an exchange between equally loaded reviewers wins an owner pair', () => {
    const result = assignReviewers({
      applications: [
        { id: 'a-clinic', ownerOpdId: 'dinkes' },
        { id: 'b-school', ownerOpdId: 'disdik' },
        { id: 'c-market', ownerOpdId: null },
      ],
      reviewers: [
        { id: 'dinkes-1', opdId: 'dinkes' },
        { id: 'disdik-1', opdId: 'disdik' },
        { id: 'zz-pool', opdId: null },
      ],
      conflicts: [{ applicationId: 'c-market', reviewerId: 'zz-pool' }],
      perApplication: 1,
    })
    // Greedy alone: c-market (fewest candidates) takes dinkes-1 by id, a-clinic then goes to
    // the lighter disdik-1, b-school to zz-pool: no owner pair. Swapping a-clinic and c-market
    // between dinkes-1 and disdik-1 keeps every load at 1 and gives a-clinic its own OPD.
    expect(result.assignments).toEqual([
      { applicationId: 'a-clinic', reviewerId: 'dinkes-1' },
      { applicationId: 'b-school', reviewerId: 'zz-pool' },
      { applicationId: 'c-market', reviewerId: 'disdik-1' },
    ])
    expect(result.loads).toEqual({ 'dinkes-1': 1, 'disdik-1': 1, 'zz-pool': 1 })
  })

  it('reports what cannot be covered: conflicts, too few reviewers, no reviewers', () => {
    const conflicted = assignReviewers({
      applications: [{ id: 'app', ownerOpdId: 'dinkes' }],
      reviewers,
      conflicts: [
        { applicationId: 'app', reviewerId: 'dinkes-1' },
        { applicationId: 'app', reviewerId: 'disdik-2' },
      ],
      perApplication: 3,
    })
    expect(conflicted.assignments.map((p) => p.reviewerId)).toEqual(['dinkes-2', 'disdik-1'])
    expect(conflicted.uncovered).toEqual([{ applicationId: 'app', assigned: 2, missing: 1 }])

    const allConflicted = assignReviewers({
      applications: [{ id: 'app', ownerOpdId: null }],
      reviewers,
      conflicts: reviewers.map((r) => ({ applicationId: 'app', reviewerId: r.id })),
      perApplication: 3,
    })
    expect(allConflicted.assignments).toEqual([])
    expect(allConflicted.uncovered).toEqual([{ applicationId: 'app', assigned: 0, missing: 3 }])

    const tooFew = assignReviewers({
      applications: [{ id: 'app', ownerOpdId: null }],
      reviewers,
      conflicts: [],
      perApplication: 6,
    })
    expect(tooFew.assignments).toHaveLength(4)
    expect(tooFew.uncovered).toEqual([{ applicationId: 'app', assigned: 4, missing: 2 }])

    const nobody = assignReviewers({
      applications: [
        { id: 'a', ownerOpdId: 'dinkes' },
        { id: 'b', ownerOpdId: null },
      ],
      reviewers: [],
      conflicts: [],
      perApplication: 3,
    })
    expect(nobody).toEqual({
      assignments: [],
      uncovered: [
        { applicationId: 'a', assigned: 0, missing: 3 },
        { applicationId: 'b', assigned: 0, missing: 3 },
      ],
      loads: {},
      conflictedExisting: [],
    })
  })

  it('keeps existing pairs, tops up to N, and reports kept pairs that are now conflicted', () => {
    const result = assignReviewers({
      applications: [{ id: 'app', ownerOpdId: 'disdik' }],
      reviewers,
      conflicts: [{ applicationId: 'app', reviewerId: 'dinkes-1' }],
      existing: [
        { applicationId: 'app', reviewerId: 'dinkes-1' },
        { applicationId: 'app', reviewerId: 'retired-reviewer' }, // no longer active: ignored
        { applicationId: 'other-call-app', reviewerId: 'disdik-1' }, // still counts as load
      ],
      perApplication: 3,
    })
    // disdik-1 already carries a review elsewhere; taking this one too would leave loads
    // 1/0/2/1, so balance wins over owner preference and the idle dinkes-2 comes in.
    expect(result.assignments).toEqual([
      { applicationId: 'app', reviewerId: 'dinkes-2' },
      { applicationId: 'app', reviewerId: 'disdik-2' },
    ])
    expect(result.loads).toEqual({ 'dinkes-1': 1, 'dinkes-2': 1, 'disdik-1': 1, 'disdik-2': 1 })
    expect(result.conflictedExisting).toEqual([{ applicationId: 'app', reviewerId: 'dinkes-1' }])
  })

  it('treats a null OPD as no OPD: a reviewer without OPD is never an owner', () => {
    const result = assignReviewers({
      applications: [{ id: 'app', ownerOpdId: null }],
      reviewers: [
        { id: 'a-no-opd', opdId: null },
        { id: 'b-dinkes', opdId: 'dinkes' },
      ],
      conflicts: [],
      perApplication: 1,
    })
    expect(result.assignments).toEqual([{ applicationId: 'app', reviewerId: 'a-no-opd' }])
  })

  it('rejects a broken input instead of guessing', () => {
    const base = { applications: [], reviewers, conflicts: [], perApplication: 3 }
    expect(() => assignReviewers({ ...base, perApplication: -1 })).toThrow(RangeError)
    expect(() => assignReviewers({ ...base, perApplication: 1.5 })).toThrow(RangeError)
    expect(() => assignReviewers({ ...base, reviewers: [...reviewers, reviewers[0]!] })).toThrow(/duplicate reviewer/)
  })

  it('rebalances a lopsided hand assignment with the fewest moves and leaves locked pairs alone', () => {
    const apps = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']
    const result = rebalance({
      applications: apps.map((id) => ({ id, ownerOpdId: 'dinkes' })),
      reviewers: reviewers.slice(0, 3),
      conflicts: [{ applicationId: 'a6', reviewerId: 'disdik-1' }],
      perApplication: 1,
      existing: apps.map((id) => ({ applicationId: id, reviewerId: 'dinkes-1' })),
      locked: [{ applicationId: 'a1', reviewerId: 'dinkes-1' }],
    })
    expect(result.loads).toEqual({ 'dinkes-1': 2, 'dinkes-2': 2, 'disdik-1': 2 })
    expect(result.moves).toHaveLength(4)
    expect(result.moves.some((m) => m.applicationId === 'a1')).toBe(false)
    expect(result.moves).not.toContainEqual(expect.objectContaining({ applicationId: 'a6', to: 'disdik-1' }))
  })

  // Its speed is measured by the review benchmark in tests/bench, not asserted here.
  it('covers 5,000 applications with 60 reviewers (N = 3) and keeps loads within one', () => {
    const opds = ['dinkes', 'disdik', 'dinsos', 'dpupr', 'dp3a', 'dlh']
    const applications = Array.from({ length: 5000 }, (_, i) => ({ id: `app-${i}`, ownerOpdId: opds[(i * 7) % 6]! }))
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `rev-${i}`, opdId: i % 11 === 0 ? null : opds[i % 6]! }))
    const conflicts = applications
      .filter((_, i) => i % 20 === 0)
      .map((a, i) => ({ applicationId: a.id, reviewerId: `rev-${i % 60}` }))
    const result = assignReviewers({ applications, reviewers: many, conflicts, perApplication: 3 })
    expect(result.assignments).toHaveLength(15_000)
    expect(result.uncovered).toEqual([])
    const { max, min } = spread(result.loads)
    expect(max - min).toBeLessThanOrEqual(1)
  })
})
