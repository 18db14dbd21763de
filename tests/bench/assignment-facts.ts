import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

// What one assignment run left in a province, read as the owner: shared by the
// assignment benchmark (assignment-at-scale.ts) and its small integration twin
// (tests/integration/assignment-pool.test.ts).

export async function assignmentFacts(owner: DB, provinceId: string) {
  return withTenant(owner, { provinceId }, async (trx) => {
    const perApplication = await trx
      .selectFrom('review_assignments')
      .select(['application_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('province_id', '=', provinceId)
      .groupBy('application_id')
      .execute()
    const perReviewer = await trx
      .selectFrom('review_assignments')
      .select(['reviewer_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('province_id', '=', provinceId)
      .groupBy('reviewer_id')
      .execute()
    const conflicted = await trx
      .selectFrom('review_assignments as ra')
      .innerJoin('review_conflicts as rc', (j) =>
        j.onRef('rc.application_id', '=', 'ra.application_id').onRef('rc.reviewer_id', '=', 'ra.reviewer_id'),
      )
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ra.province_id', '=', provinceId)
      .executeTakeFirstOrThrow()
    const detected = await trx
      .selectFrom('review_conflicts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('province_id', '=', provinceId)
      .where('source', '=', 'detected')
      .executeTakeFirstOrThrow()
    const events = await trx
      .selectFrom('application_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('province_id', '=', provinceId)
      .where('status', '=', 'review')
      .executeTakeFirstOrThrow()
    const inReview = await trx
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('province_id', '=', provinceId)
      .where('status', '=', 'in_review')
      .executeTakeFirstOrThrow()
    return { perApplication, perReviewer, conflicted, detected, events, inReview }
  })
}
