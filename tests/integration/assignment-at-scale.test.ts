import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAssignment } from '#app/modules/assignment/assignments.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { type ScaleFixture, seedReviewAtScale } from '#tests/bench/review-setup.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// One assignment run over a pool whose assignments do not fit one INSERT: 4,000
// applications × 3 reviewers × 6 columns is more than PostgreSQL's 65,535 bind
// parameters, which failed the whole run before assignments were written in slices.
// Uses the review benchmark's fixture (bulk SQL), including planted and declared conflicts.

let t: TestDatabase
let fixture: ScaleFixture
const applications = 4000
const now = new Date()

beforeAll(async () => {
  t = await createTestDatabase()
  fixture = await t.asOwner((db) => seedReviewAtScale(db, { applications, reviewers: 12 }, now))
}, 120_000)

afterAll(async () => {
  await t?.close()
})

describe('assignment of a large pool', () => {
  it('covers every application with three reviewers, none conflicted, loads even, one review event each', async () => {
    const actor = { userId: fixture.admin.id, ip: null, now, origin: 'http://localhost' }
    const run = await runAssignment(t.db, fixture.province, actor, fixture.callId)
    expect(run.uncovered).toEqual([])
    expect(run.assigned).toBe(applications * 3)
    expect(run.reviewers).toBe(12)

    const facts = await t.asOwner((db) =>
      withTenant(db, { provinceId: fixture.province.id }, async (trx) => {
        const perApplication = await trx
          .selectFrom('review_assignments')
          .select(['application_id', (eb) => eb.fn.countAll<string>().as('n')])
          .where('province_id', '=', fixture.province.id)
          .groupBy('application_id')
          .execute()
        const perReviewer = await trx
          .selectFrom('review_assignments')
          .select(['reviewer_id', (eb) => eb.fn.countAll<string>().as('n')])
          .where('province_id', '=', fixture.province.id)
          .groupBy('reviewer_id')
          .execute()
        const conflicted = await trx
          .selectFrom('review_assignments as ra')
          .innerJoin('review_conflicts as rc', (j) =>
            j.onRef('rc.application_id', '=', 'ra.application_id').onRef('rc.reviewer_id', '=', 'ra.reviewer_id'),
          )
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('ra.province_id', '=', fixture.province.id)
          .executeTakeFirstOrThrow()
        const detected = await trx
          .selectFrom('review_conflicts')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('province_id', '=', fixture.province.id)
          .where('source', '=', 'detected')
          .executeTakeFirstOrThrow()
        const events = await trx
          .selectFrom('application_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('province_id', '=', fixture.province.id)
          .where('status', '=', 'review')
          .executeTakeFirstOrThrow()
        const inReview = await trx
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('province_id', '=', fixture.province.id)
          .where('status', '=', 'in_review')
          .executeTakeFirstOrThrow()
        return { perApplication, perReviewer, conflicted, detected, events, inReview }
      }),
    )
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
  }, 120_000)
})
