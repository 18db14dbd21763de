import { snapshotVenture } from '#app/modules/applications/application.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

// Test data for Bappeda's side of the review (issue 7), written as the owner through the
// same tenant scope the app uses: applicants with a submitted application, reviewers.

export interface SubmittedSpec {
  province: string
  edition: string
  call: string
  issue: string
  email: string
  applicant: string
  locale?: 'id' | 'en'
  venture: string
  receipt: string
  members?: string[]
  submittedAt: Date
}

/** A user with an applicant membership, a venture (with team) and one submitted application. */
export async function createSubmitted(owner: DB, s: SubmittedSpec): Promise<{ id: string; applicantId: string }> {
  const user = await owner
    .insertInto('users')
    .values({
      email: s.email,
      name: s.applicant,
      phone: '0812',
      password_hash: 'x',
      email_verified_at: new Date(),
      locale: s.locale ?? 'id',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return withTenant(owner, { provinceId: s.province }, async (trx) => {
    await trx
      .insertInto('memberships')
      .values({ user_id: user.id, role: 'applicant', province_id: s.province, opd_id: null })
      .execute()
    const venture = await trx
      .insertInto('ventures')
      .values({ province_id: s.province, owner_id: user.id, name: s.venture, legal_form: 'koperasi', stage: 'idea' })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [i, name] of (s.members ?? []).entries()) {
      await trx
        .insertInto('venture_members')
        .values({
          province_id: s.province,
          venture_id: venture.id,
          name,
          role: 'pendiri',
          gender: 'unspecified',
          age_band: 'unspecified',
          position: i + 1,
        })
        .execute()
    }
    const app = await trx
      .insertInto('applications')
      .values({
        province_id: s.province,
        edition_id: s.edition,
        call_id: s.call,
        applicant_id: user.id,
        venture_id: venture.id,
        issue_id: s.issue,
        status: 'submitted',
        venture_snapshot_id: await snapshotVenture(trx, s.province, venture.id, s.submittedAt),
        problem: `Masalah dari ${s.venture}`,
        submitted_at: s.submittedAt,
        receipt_number: s.receipt,
        consent_at: s.submittedAt,
        consent_version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: app.id, applicantId: user.id }
  })
}

/** A reviewer of the province, member of one of its OPDs. */
export async function createReviewer(
  owner: DB,
  s: { province: string; opd: string | null; email: string; name: string; locale?: 'id' | 'en' },
): Promise<string> {
  const user = await owner
    .insertInto('users')
    .values({
      email: s.email,
      name: s.name,
      phone: null,
      password_hash: 'x',
      email_verified_at: new Date(),
      locale: s.locale ?? 'id',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await withTenant(owner, { provinceId: s.province }, (trx) =>
    trx
      .insertInto('memberships')
      .values({ user_id: user.id, role: 'reviewer', province_id: s.province, opd_id: s.opd })
      .execute(),
  )
  return user.id
}
