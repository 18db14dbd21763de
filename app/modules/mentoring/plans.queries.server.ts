import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Kysely only. The finalists' mentoring plans (issue 14): milestones, their evidence and
// sign-off, and the finalist's own place in a cohort. Every function takes `trx` first
// and names the province (docs/ARCHITECTURE.md#tenancy, layer 4).

/** Adds the default milestones to new finalists' plans (a key already there is left alone). */
export async function insertDefaultMilestones(
  trx: Trx,
  provinceId: string,
  cohortId: string,
  applicationIds: string[],
  keys: readonly string[],
  createdBy: string,
) {
  if (applicationIds.length === 0) return
  await trx
    .insertInto('plan_milestones')
    .values(
      applicationIds.flatMap((a) =>
        keys.map((key, i) => ({
          province_id: provinceId,
          cohort_id: cohortId,
          application_id: a,
          key,
          position: i + 1,
          created_by: createdBy,
        })),
      ),
    )
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function insertMilestone(
  trx: Trx,
  m: { provinceId: string; cohortId: string; applicationId: string; title: string; createdBy: string },
) {
  const last = await trx
    .selectFrom('plan_milestones')
    .select((eb) => eb.fn.max('position').as('n'))
    .where('province_id', '=', m.provinceId)
    .where('application_id', '=', m.applicationId)
    .executeTakeFirst()
  return trx
    .insertInto('plan_milestones')
    .values({
      province_id: m.provinceId,
      cohort_id: m.cohortId,
      application_id: m.applicationId,
      title: m.title,
      position: Number(last?.n ?? 0) + 1,
      created_by: m.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** A finalist's plan, in order, with who gave evidence and who signed off. */
export function listMilestones(trx: Trx, provinceId: string, cohortId: string, applicationId: string) {
  return trx
    .selectFrom('plan_milestones as m')
    .leftJoin('users as eu', 'eu.id', 'm.evidence_by')
    .leftJoin('users as su', 'su.id', 'm.signed_off_by')
    .leftJoin('files as f', (j) =>
      j.onRef('f.province_id', '=', 'm.province_id').onRef('f.id', '=', 'm.evidence_file_id'),
    )
    .select([
      'm.id',
      'm.key',
      'm.title',
      'm.evidence_text',
      'm.evidence_link',
      'm.evidence_file_id',
      'f.original_name as evidence_file_name',
      'm.evidence_at',
      'eu.name as evidence_by_name',
      'm.signed_off_at',
      'su.name as signed_off_by_name',
    ])
    .where('m.province_id', '=', provinceId)
    .where('m.cohort_id', '=', cohortId)
    .where('m.application_id', '=', applicationId)
    .orderBy('m.position')
    .execute()
}

export function findMilestone(
  trx: Trx,
  provinceId: string,
  cohortId: string,
  applicationId: string,
  milestoneId: string,
) {
  return trx
    .selectFrom('plan_milestones')
    .select(['id', 'evidence_text', 'evidence_link', 'evidence_file_id', 'signed_off_at'])
    .where('province_id', '=', provinceId)
    .where('cohort_id', '=', cohortId)
    .where('application_id', '=', applicationId)
    .where('id', '=', milestoneId)
    .forUpdate()
    .executeTakeFirst()
}

export function setEvidence(
  trx: Trx,
  provinceId: string,
  milestoneId: string,
  e: { text: string | null; link: string | null; fileId: string | null; by: string; at: Date },
) {
  return trx
    .updateTable('plan_milestones')
    .set({
      evidence_text: e.text,
      evidence_link: e.link,
      evidence_file_id: e.fileId,
      evidence_by: e.by,
      evidence_at: e.at,
    })
    .where('province_id', '=', provinceId)
    .where('id', '=', milestoneId)
    .execute()
}

export function signOffMilestone(trx: Trx, provinceId: string, milestoneId: string, by: string, at: Date) {
  return trx
    .updateTable('plan_milestones')
    .set({ signed_off_by: by, signed_off_at: at })
    .where('province_id', '=', provinceId)
    .where('id', '=', milestoneId)
    .execute()
}

/** Plan progress per finalist of a cohort: milestones and how many are signed off. */
export function planProgress(trx: Trx, provinceId: string, cohortId: string) {
  return trx
    .selectFrom('plan_milestones')
    .select((eb) => [
      'application_id',
      eb.fn.countAll<string>().as('total'),
      eb.fn.count<string>('signed_off_at').as('signed'),
    ])
    .where('province_id', '=', provinceId)
    .where('cohort_id', '=', cohortId)
    .groupBy('application_id')
    .execute()
}

/** The milestone that holds an evidence file, with its cohort and finalist application. */
export function findEvidenceOwner(trx: Trx, provinceId: string, fileId: string) {
  return trx
    .selectFrom('plan_milestones as m')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'm.province_id').onRef('a.id', '=', 'm.application_id'),
    )
    .select(['m.cohort_id', 'm.application_id', 'a.applicant_id', 'a.status'])
    .where('m.province_id', '=', provinceId)
    .where('m.evidence_file_id', '=', fileId)
    .executeTakeFirst()
}

/**
 * An applicant's own application once published as a finalist, with its cohort (null
 * while mentoring has not started); undefined for anything else.
 */
export function findOwnCohortPlace(trx: Trx, provinceId: string, applicantId: string, applicationId: string) {
  return trx
    .selectFrom('applications as a')
    .leftJoin('cohort_finalists as f', (j) =>
      j.onRef('f.province_id', '=', 'a.province_id').onRef('f.application_id', '=', 'a.id'),
    )
    .select(['f.cohort_id', 'a.id'])
    .where('a.province_id', '=', provinceId)
    .where('a.id', '=', applicationId)
    .where('a.applicant_id', '=', applicantId)
    .where('a.status', '=', 'finalist')
    .executeTakeFirst()
}
