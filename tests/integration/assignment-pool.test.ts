import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reviewProgress } from '#app/modules/assignment/assignments.queries.server.ts'
import { runAssignment } from '#app/modules/assignment/assignments.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { assignmentFacts } from '#tests/bench/assignment-facts.ts'
import { type ScaleFixture, seedReviewAtScale } from '#tests/bench/review-setup.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// One assignment run over a pool with the review benchmark's fixture (bulk SQL),
// including declared conflicts (every 97th application) and planted ones (every 157th
// and 211th): 240 applications hold some of each. The pool that does not fit one INSERT (4,000
// applications × 3 reviewers × 6 columns > PostgreSQL's 65,535 bind parameters) is
// the benchmark's: tests/bench/assignment-at-scale.ts.

let t: TestDatabase
let fixture: ScaleFixture
const applications = 240
const now = new Date()

beforeAll(async () => {
  t = await createTestDatabase()
  fixture = await t.asOwner((db) => seedReviewAtScale(db, { applications, reviewers: 12 }, now))
})

afterAll(async () => {
  await t?.close()
})

describe('assignment of a pool', () => {
  it('covers every application with three reviewers, none conflicted, loads even, one review event each', async () => {
    const actor = { userId: fixture.admin.id, ip: null, now, origin: 'http://localhost' }
    const run = await runAssignment(t.db, fixture.province, actor, fixture.callId)
    expect(run.uncovered).toEqual([])
    expect(run.assigned).toBe(applications * 3)
    expect(run.reviewers).toBe(12)

    const facts = await t.asOwner((db) => assignmentFacts(db, fixture.province.id))
    expect(facts.perApplication).toHaveLength(applications)
    expect(new Set(facts.perApplication.map((r) => Number(r.n)))).toEqual(new Set([3]))
    const loads = facts.perReviewer.map((r) => Number(r.n))
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2)
    expect(Number(facts.conflicted.n)).toBe(0)
    // The fixture plants e-mail domains and namesakes; detection must have found them.
    expect(Number(facts.detected.n)).toBeGreaterThanOrEqual(fixture.plantedDetections)
    expect(fixture.declaredConflicts).toBeGreaterThan(0)
    expect(Number(facts.events.n)).toBe(applications)
    expect(Number(facts.inReview.n)).toBe(applications)

    // Sending the form again finds nothing to add.
    const again = await runAssignment(t.db, fixture.province, { ...actor, now: new Date() }, fixture.callId)
    expect(again.assigned).toBe(0)
    expect(again.uncovered).toEqual([])
  })

  it('reports the review progress summed in the database: pool, assignments, scores, applications short of N', async () => {
    const provinceId = fixture.province.id
    // Two applications lose a reviewer, three reviews are finished.
    await t.asOwner(async (db) => {
      const rows = await db
        .selectFrom('review_assignments')
        .select(['application_id', 'reviewer_id'])
        .where('province_id', '=', provinceId)
        .orderBy('application_id')
        .orderBy('reviewer_id')
        .limit(12)
        .execute()
      for (const r of [rows[0], rows[3]]) {
        await db
          .deleteFrom('review_assignments')
          .where('province_id', '=', provinceId)
          .where('application_id', '=', r!.application_id)
          .where('reviewer_id', '=', r!.reviewer_id)
          .execute()
      }
      for (const r of [rows[6], rows[7], rows[9]]) {
        await db
          .updateTable('review_assignments')
          .set({ scored_at: now, total: 70 })
          .where('province_id', '=', provinceId)
          .where('application_id', '=', r!.application_id)
          .where('reviewer_id', '=', r!.reviewer_id)
          .execute()
      }
    })
    const progress = await withTenant(t.db, { provinceId }, (trx) => reviewProgress(trx, provinceId, fixture.callId, 3))
    expect(progress).toEqual({ pool: applications, assigned: applications * 3 - 2, scored: 3, uncovered: 2 })
    const none = await withTenant(t.db, { provinceId }, (trx) =>
      reviewProgress(trx, provinceId, '00000000-0000-4000-8000-000000000000', 3),
    )
    expect(none).toEqual({ pool: 0, assigned: 0, scored: 0, uncovered: 0 })
  })
})
