import type { DB } from '#db/client.ts'
import { createApplicant } from './accounts.ts'
import { createApplication } from './applications.ts'
import { createVenture } from './ventures.ts'

// Test data for Bappeda's side of the review (issue 7), written as the owner through the
// same tenant scope the app uses: applicants with a submitted application (reviewers: accounts.ts).

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
  const applicantId = await createApplicant(owner, s.province, {
    email: s.email,
    name: s.applicant,
    phone: '0812',
    locale: s.locale,
  })
  const ventureId = await createVenture(owner, s.province, applicantId, {
    name: s.venture,
    legal_form: 'koperasi',
    stage: 'idea',
    members: (s.members ?? []).map((name) => ({
      name,
      role: 'pendiri',
      gender: 'unspecified',
      age_band: 'unspecified',
    })),
  })
  const id = await createApplication(owner, {
    province_id: s.province,
    edition_id: s.edition,
    call_id: s.call,
    applicant_id: applicantId,
    venture_id: ventureId,
    issue_id: s.issue,
    status: 'submitted',
    problem: `Masalah dari ${s.venture}`,
    submitted_at: s.submittedAt,
    receipt_number: s.receipt,
    consent_at: s.submittedAt,
    consent_version: 1,
  })
  return { id, applicantId }
}
