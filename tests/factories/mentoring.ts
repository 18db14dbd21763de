import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { ProvinceFixture } from './demo.ts'
import { createApplicationInReview } from './selection.ts'

// Fixtures for the mentoring tests (issue 14), written as the owner: a province's
// selection published with its three finalists (what the selection workflow leaves
// behind: entries at the finalist stage, applications in the finalist status), and a
// mentor named on a cohort directly (the invitation path has its own test).

export interface Finalist {
  id: string
  applicant: { id: string; email: string }
  venture: string
}

/** Three (or `ventures.length`) finalists of the province's call, published. */
export async function publishFinalists(owner: DB, fx: ProvinceFixture, ventures: string[]): Promise<Finalist[]> {
  const issue = fx.issues[0]
  if (!issue) throw new Error('the fixture province has no published issue')
  const out: Finalist[] = []
  for (const [n, venture] of ventures.entries()) {
    const app = await createApplicationInReview(
      owner,
      { provinceId: fx.province.id, editionId: fx.editionId, callId: fx.callId },
      {
        venture,
        applicant: `Finalis ${venture}`,
        issueId: issue.id,
        receipt: `WNR-${fx.province.slug.toUpperCase()}-M${String(n + 1).padStart(3, '0')}`,
      },
    )
    out.push({ id: app.id, applicant: app.applicant, venture })
  }
  await withTenant(owner, { provinceId: fx.province.id }, async (trx) => {
    await trx
      .insertInto('selections')
      .values({ province_id: fx.province.id, call_id: fx.callId, status: 'published', published_at: new Date() })
      .execute()
    for (const f of out) {
      await trx
        .insertInto('selection_entries')
        .values({
          province_id: fx.province.id,
          call_id: fx.callId,
          application_id: f.id,
          stage: 'finalist',
          justification: 'Dampak sosial terukur dan model usaha yang berkelanjutan.',
        })
        .execute()
      await trx
        .updateTable('applications')
        .set({ status: 'finalist' })
        .where('province_id', '=', fx.province.id)
        .where('id', '=', f.id)
        .execute()
    }
  })
  return out
}

/** Names a user as a mentor of a cohort (with the province's mentor membership). */
export async function nameMentor(
  owner: DB,
  provinceId: string,
  cohortId: string,
  userId: string,
  kind: 'expert' | 'opd_staff' | 'erat_coordinator' = 'expert',
) {
  await withTenant(owner, { provinceId }, async (trx) => {
    await trx
      .insertInto('memberships')
      .values({ user_id: userId, role: 'mentor', province_id: provinceId, opd_id: null })
      .onConflict((oc) => oc.doNothing())
      .execute()
    await trx
      .insertInto('cohort_mentors')
      .values({
        province_id: provinceId,
        cohort_id: cohortId,
        user_id: userId,
        kind,
        organisation: 'Fixture',
        expertise: ['uji'],
      })
      .execute()
  })
}
