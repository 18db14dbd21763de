import { snapshotVenture } from '#app/modules/applications/application.queries.server.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

// Fixtures for the selection tests (issue 7), written as the owner through SQL: the
// call under review, reviewers of an OPD, applications under review with their
// applicants, a rubric and completed reviews. Every password is FIXTURE_PASSWORD.

export const FIXTURE_PASSWORD = 'selection-fixture-2026'

export interface Province {
  id: string
  slug: string
}

/** A province's id by slug, the current demo edition's call there and its published issues. */
export async function provinceFixture(owner: DB, slug: string) {
  const p = await owner
    .selectFrom('provinces')
    .select(['id', 'slug'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
  const edition = await owner
    .selectFrom('editions')
    .select('id')
    .where('slug', '=', 'demo-current')
    .executeTakeFirstOrThrow()
  const call = await owner
    .selectFrom('calls')
    .select('id')
    .where('province_id', '=', p.id)
    .where('edition_id', '=', edition.id)
    .executeTakeFirstOrThrow()
  const issues = await owner
    .selectFrom('province_issues')
    .select(['id', 'title_id', 'title_en'])
    .where('province_id', '=', p.id)
    .where('edition_id', '=', edition.id)
    .where('status', '=', 'published')
    .orderBy('priority')
    .execute()
  const opd = await owner.selectFrom('opds').select('id').where('province_id', '=', p.id).executeTakeFirstOrThrow()
  return { province: p, editionId: edition.id, callId: call.id, issues, opdId: opd.id }
}

let counter = 0
const next = () => {
  counter += 1
  return counter
}

/** A signed-in-able user with one membership in the province. */
export async function createMember(
  owner: DB,
  provinceId: string,
  role: 'reviewer' | 'applicant',
  spec: { name: string; email?: string; locale?: 'id' | 'en'; opdId?: string },
) {
  const email = spec.email ?? `${role}.${next()}@fixture.example.id`
  const user = await owner
    .insertInto('users')
    .values({
      email,
      name: spec.name,
      phone: '081200000000',
      password_hash: await hashPassword(FIXTURE_PASSWORD),
      email_verified_at: new Date(),
      locale: spec.locale ?? 'id',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await withTenant(owner, { provinceId }, (trx) =>
    trx
      .insertInto('memberships')
      .values({ user_id: user.id, role, province_id: provinceId, opd_id: role === 'reviewer' ? spec.opdId : null })
      .execute(),
  )
  return { id: user.id, email }
}

export interface ReviewApplicationSpec {
  venture: string
  applicant: string
  issueId: string
  receipt: string
  locale?: 'id' | 'en'
  status?: 'in_review' | 'eligible' | 'submitted'
}

/** An applicant with a venture and one application of the call, already under review. */
export async function createApplicationInReview(
  owner: DB,
  f: { provinceId: string; editionId: string; callId: string },
  s: ReviewApplicationSpec,
) {
  const applicant = await createMember(owner, f.provinceId, 'applicant', { name: s.applicant, locale: s.locale })
  const id = await withTenant(owner, { provinceId: f.provinceId }, async (trx) => {
    const venture = await trx
      .insertInto('ventures')
      .values({
        province_id: f.provinceId,
        owner_id: applicant.id,
        name: s.venture,
        legal_form: 'koperasi',
        stage: 'operating',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const at = new Date(Date.now() - 3 * 86_400_000)
    const app = await trx
      .insertInto('applications')
      .values({
        province_id: f.provinceId,
        edition_id: f.editionId,
        call_id: f.callId,
        applicant_id: applicant.id,
        venture_id: venture.id,
        issue_id: s.issueId,
        status: s.status ?? 'in_review',
        venture_snapshot_id: await snapshotVenture(trx, f.provinceId, venture.id, at),
        problem: `Masalah yang diselesaikan ${s.venture}`,
        submitted_at: at,
        receipt_number: s.receipt,
        consent_at: at,
        consent_version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return app.id
  })
  return { id, applicant }
}

/** A completed (total set) or pending (total null) review of an application. */
export async function addReview(
  owner: DB,
  provinceId: string,
  r: { applicationId: string; reviewerId: string; total: number | null },
) {
  await withTenant(owner, { provinceId }, (trx) =>
    trx
      .insertInto('review_assignments')
      .values({
        province_id: provinceId,
        application_id: r.applicationId,
        reviewer_id: r.reviewerId,
        total: r.total,
        scored_at: r.total === null ? null : new Date(),
        declared_at: new Date(),
      })
      .execute(),
  )
}
