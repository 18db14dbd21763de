import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { createApplicant, createReviewer } from './accounts.ts'
import { createApplication } from './applications.ts'
import { createVenture } from './ventures.ts'

// Fixtures for the selection tests (issue 7), written as the owner through SQL:
// reviewers of an OPD, applications under review with their applicants, and completed
// reviews (the call under review is provinceFixture's, in province.ts). Every password
// is FIXTURE_PASSWORD.

export const FIXTURE_PASSWORD = 'selection-fixture-2026'

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
  const user = { email, name: spec.name, phone: '081200000000', locale: spec.locale, password: FIXTURE_PASSWORD }
  const id =
    role === 'reviewer'
      ? await createReviewer(owner, provinceId, { ...user, opdId: spec.opdId ?? null })
      : await createApplicant(owner, provinceId, user)
  return { id, email }
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
  const ventureId = await createVenture(owner, f.provinceId, applicant.id, {
    name: s.venture,
    legal_form: 'koperasi',
    stage: 'operating',
  })
  const at = new Date(Date.now() - 3 * 86_400_000)
  const id = await createApplication(owner, {
    province_id: f.provinceId,
    edition_id: f.editionId,
    call_id: f.callId,
    applicant_id: applicant.id,
    venture_id: ventureId,
    issue_id: s.issueId,
    status: s.status ?? 'in_review',
    problem: `Masalah yang diselesaikan ${s.venture}`,
    submitted_at: at,
    receipt_number: s.receipt,
    consent_at: at,
    consent_version: 1,
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
