import { insertCriteria } from '#app/modules/review/rubric.queries.server.ts'
import { postgresStorage } from '#app/modules/storage/storage.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { ApplicationStatus } from '#db/schema.ts'
import { createApplicant, createReviewer } from './accounts.ts'
import { createApplication } from './applications.ts'
import { createVenture } from './ventures.ts'

// Fixtures for the reviewer's side of issue 7, written as the owner straight into the
// tables the screening and assignment steps would fill (those belong to other slices):
// a rubric, applications already in review with their applicant, venture, team and
// files, and review assignments.

export const RUBRIC = [
  { key: 'fit', weight: 50, title_id: 'Kesesuaian dengan isu', title_en: 'Fit with the issue' },
  { key: 'innovation', weight: 30, title_id: 'Kebaruan', title_en: 'Innovation' },
  { key: 'impact', weight: 20, title_id: 'Dampak sosial', title_en: 'Social impact' },
].map((c) => ({
  ...c,
  levels: [1, 2, 3, 4, 5].map((n) => ({ id: `${c.title_id}: tingkat ${n}`, en: `${c.title_en}: level ${n}` })),
}))

/** Writes the test rubric for a call and returns its criteria ids by key. */
export async function seedRubric(owner: DB, provinceId: string, callId: string): Promise<Record<string, string>> {
  return withTenant(owner, { provinceId }, async (trx) => {
    await insertCriteria(trx, provinceId, callId, RUBRIC)
    const rows = await trx
      .selectFrom('rubric_criteria')
      .select(['id', 'key'])
      .where('province_id', '=', provinceId)
      .where('call_id', '=', callId)
      .execute()
    return Object.fromEntries(rows.map((r) => [r.key, r.id]))
  })
}

/** A reviewer account of the province with an OPD (the province's first OPD). */
export async function addReviewer(owner: DB, provinceId: string, email: string, name: string): Promise<string> {
  const opd = await withTenant(owner, { provinceId }, (trx) =>
    trx.selectFrom('opds').select('id').where('province_id', '=', provinceId).orderBy('name').executeTakeFirstOrThrow(),
  )
  return createReviewer(owner, provinceId, { email, name, opdId: opd.id })
}

export interface ApplicationSeed {
  provinceId: string
  editionId: string
  callId: string
  issueId: string
  receipt: string
  status: ApplicationStatus
  applicant: { name: string; email: string; phone: string | null }
  venture: { name: string; address?: string; website?: string | null; social?: string }
  members?: string[]
  problem?: string
  files?: { name: string; bytes: Uint8Array; kind: 'proposal' | 'photo' }[]
  submittedAt: Date
}

/** An application past submission, with its applicant, venture, team, indicators and files. */
export async function addApplication(owner: DB, seed: ApplicationSeed): Promise<string> {
  const { provinceId } = seed
  const applicantId = await createApplicant(owner, provinceId, seed.applicant)
  const ventureId = await createVenture(owner, provinceId, applicantId, {
    name: seed.venture.name,
    legal_form: 'koperasi',
    stage: 'operating',
    address: seed.venture.address ?? '',
    website: seed.venture.website ?? null,
    social_links: seed.venture.social ?? '',
    members: (seed.members ?? []).map((name, i) => ({
      name,
      role: i === 0 ? 'Ketua' : 'Bendahara',
      gender: i === 0 ? 'female' : 'male',
      age_band: '25_34',
    })),
  })
  const applicationId = await createApplication(owner, {
    province_id: provinceId,
    edition_id: seed.editionId,
    call_id: seed.callId,
    applicant_id: applicantId,
    venture_id: ventureId,
    issue_id: seed.issueId,
    status: seed.status,
    problem: seed.problem ?? 'Sampah plastik menumpuk di bantaran sungai.',
    solution: 'Bank sampah keliling dengan aplikasi penjemputan.',
    impact: 'Sungai lebih bersih dan pendapatan warga bertambah.',
    beneficiaries_count: 1200,
    receipt_number: seed.receipt,
    submitted_at: seed.submittedAt,
    consent_at: seed.submittedAt,
  })
  return withTenant(owner, { provinceId }, async (trx) => {
    await trx
      .insertInto('application_indicators')
      .values([
        {
          province_id: provinceId,
          application_id: applicationId,
          name: 'Sampah terkumpul',
          baseline: '0',
          target: '5',
          unit: 'ton',
          position: 1,
        },
        {
          province_id: provinceId,
          application_id: applicationId,
          name: 'Nasabah aktif',
          baseline: '10',
          target: '300',
          unit: 'orang',
          position: 2,
        },
      ])
      .execute()
    for (const [i, file] of (seed.files ?? []).entries()) {
      const stored = await postgresStorage.put(trx, provinceId, {
        bytes: file.bytes,
        name: file.name,
        createdBy: applicantId,
        accept: ['application/pdf', 'image/png', 'image/jpeg'],
      })
      await trx
        .insertInto('application_files')
        .values({
          province_id: provinceId,
          application_id: applicationId,
          file_id: stored.id,
          kind: file.kind,
          position: i + 1,
        })
        .execute()
    }
    return applicationId
  })
}

/** Assigns an application to a reviewer, as the assignment step would. */
export async function assign(owner: DB, provinceId: string, applicationId: string, reviewerId: string) {
  await withTenant(owner, { provinceId }, (trx) =>
    trx
      .insertInto('review_assignments')
      .values({ province_id: provinceId, application_id: applicationId, reviewer_id: reviewerId })
      .execute(),
  )
}
