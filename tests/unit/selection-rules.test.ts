import { describe, expect, it } from 'vitest'
import { buildLeaderboard, type RankedApplicationRow, type TotalRow } from '#app/modules/selection/leaderboard.ts'
import { rankApplications } from '#app/modules/selection/score-maths.ts'
import {
  outcomeOf,
  selectionAwaitsDecision,
  selectionIsEditable,
  selectionIsPublishable,
  submitProblem,
} from '#app/modules/selection/selection-rules.ts'

// The pure rules of the selection (issue 7) and the leaderboard built on the maths.

const app = (id: string, issue: string): RankedApplicationRow => ({
  id,
  receipt_number: `R-${id}`,
  status: 'in_review',
  issue_id: issue,
  issue_title_id: `Isu ${issue}`,
  issue_title_en: `Issue ${issue}`,
  venture_name: `Usaha ${id}`,
  stage: null,
  justification: null,
})
const total = (application_id: string, reviewer_id: string, t: number): TotalRow => ({
  application_id,
  reviewer_id,
  reviewer_name: `Nama ${reviewer_id}`,
  total: t.toFixed(2),
})

describe('selection states', () => {
  it('lets Bappeda edit only while open or returned, the ministry decide only while awaiting, publish only when confirmed', () => {
    expect(['open', 'returned'].every((s) => selectionIsEditable(s as 'open'))).toBe(true)
    expect(['awaiting_confirmation', 'confirmed', 'published'].some((s) => selectionIsEditable(s as 'open'))).toBe(
      false,
    )
    expect(selectionAwaitsDecision('awaiting_confirmation')).toBe(true)
    expect(selectionAwaitsDecision('open')).toBe(false)
    expect(selectionIsPublishable('confirmed')).toBe(true)
    for (const s of ['open', 'awaiting_confirmation', 'returned', 'published'] as const) {
      expect(selectionIsPublishable(s)).toBe(false)
    }
  })

  it('submits exactly three finalists, each justified with at least 20 characters', () => {
    const f = (justification: string) => ({ stage: 'finalist' as const, justification })
    const ok = 'Alasan yang cukup panjang.'
    expect(submitProblem([f(ok), f(ok)])).toBe('finalistCount')
    expect(submitProblem([f(ok), f(ok), f(ok), f(ok)])).toBe('finalistCount')
    expect(submitProblem([f(ok), f(ok), f('   pendek sekali     ')])).toBe('justification')
    expect(submitProblem([f(ok), f(ok), f(ok), { stage: 'shortlisted', justification: '' }])).toBeNull()
  })

  it('maps stages to outcomes: no stage means not selected', () => {
    expect(outcomeOf('finalist')).toBe('finalist')
    expect(outcomeOf('shortlisted')).toBe('shortlisted')
    expect(outcomeOf(null)).toBe('not_selected')
  })
})

describe('leaderboard', () => {
  const totals = [
    total('a', 'r1', 80),
    total('a', 'r2', 70),
    total('b', 'r1', 60),
    total('b', 'r2', 95),
    total('c', 'r1', 40),
    total('c', 'r2', 50),
  ]
  const apps = [app('a', 'x'), app('b', 'y'), app('c', 'y')]

  it('carries the maths output and ranks within an issue when filtered', () => {
    const all = buildLeaderboard({ totals, applications: apps, method: 'mean', blind: false })
    const maths = rankApplications(
      totals.map((t) => ({ applicationId: t.application_id, reviewerId: t.reviewer_id, total: Number(t.total) })),
      { method: 'mean' },
    )
    expect(all.entries.map((e) => [e.id, e.rank, e.mean, e.spread])).toEqual(
      maths.map((m) => [m.applicationId, m.rank, m.mean, m.spread]),
    )
    // b (77.5) beats a (75): rank 1 and 2 in the province; within issue y, b 1 and c 2.
    expect(all.entries.map((e) => e.id)).toEqual(['b', 'a', 'c'])
    const y = buildLeaderboard({ totals, applications: apps, method: 'mean', blind: false, issue: 'y' })
    expect(y.entries.map((e) => [e.id, e.rank, e.shownRank])).toEqual([
      ['b', 1, 1],
      ['c', 3, 2],
    ])
    expect(all.reviewSlots).toBe(2)
    expect(all.alpha).not.toBeNull()
  })

  it('names reviewers, or numbers them per application when the call is blind', () => {
    const named = buildLeaderboard({ totals, applications: apps, method: 'zscore', blind: false })
    expect(named.entries[0]?.reviews.map((r) => r.reviewer)).toEqual(['Nama r1', 'Nama r2'])
    const blind = buildLeaderboard({ totals, applications: apps, method: 'zscore', blind: true })
    for (const e of blind.entries) {
      expect(e.reviews.map((r) => [r.slot, r.reviewer])).toEqual([
        [1, null],
        [2, null],
      ])
    }
  })
})
