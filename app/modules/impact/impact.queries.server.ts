import { type Insertable, sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { ImpactMeasurementsTable } from '#db/schema.ts'

// Impact queries (issue 15): Kysely only, the transaction first, the province named.
// An innovation's indicators are its finalist application's (baseline → target, as
// typed) and its province issue's baselines; measurements point at one of them.

/** The innovation with the applicant of its finalist application (the venture that measures). */
export function findImpactInnovation(trx: Trx, provinceId: string, innovationId: string) {
  return trx
    .selectFrom('innovations as i')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'i.province_id').onRef('a.id', '=', 'i.application_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'i.province_id').onRef('pi.id', '=', 'i.province_issue_id'),
    )
    .select([
      'i.id',
      'i.province_id',
      'i.title',
      'i.venture_name',
      'i.started_on',
      'i.status',
      'i.application_id',
      'i.province_issue_id',
      'a.applicant_id',
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
    ])
    .where('i.province_id', '=', provinceId)
    .where('i.id', '=', innovationId)
    .executeTakeFirst()
}

export function listApplicationIndicators(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('application_indicators')
    .select(['id', 'name', 'baseline', 'target', 'unit'])
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .orderBy('position')
    .orderBy('id')
    .execute()
}

export function listIssueIndicators(trx: Trx, provinceId: string, issueId: string) {
  return trx
    .selectFrom('issue_indicators')
    .select(['id', 'name_id', 'name_en', 'value', 'unit', 'year', 'source'])
    .where('province_id', '=', provinceId)
    .where('issue_id', '=', issueId)
    .orderBy('position')
    .orderBy('id')
    .execute()
}

/** Every measurement of an innovation, oldest first, with who entered and decided it. */
export function listMeasurements(trx: Trx, provinceId: string, innovationId: string) {
  return trx
    .selectFrom('impact_measurements as m')
    .innerJoin('users as e', 'e.id', 'm.entered_by')
    .leftJoin('users as d', 'd.id', 'm.decided_by')
    .select([
      'm.id',
      'm.application_indicator_id',
      'm.issue_indicator_id',
      'm.value',
      'm.measured_on',
      'm.source',
      'm.note',
      'm.status',
      'm.entered_at',
      'm.decided_at',
      'm.return_reason',
      'e.name as entered_by_name',
      'd.name as decided_by_name',
    ])
    .where('m.province_id', '=', provinceId)
    .where('m.innovation_id', '=', innovationId)
    .orderBy('m.measured_on')
    .orderBy('m.entered_at')
    .execute()
}

export function insertMeasurement(trx: Trx, row: Insertable<ImpactMeasurementsTable>) {
  return trx.insertInto('impact_measurements').values(row).returning('id').executeTakeFirstOrThrow()
}

/** One measurement of the innovation, locked for a decision. */
export function lockMeasurement(trx: Trx, provinceId: string, innovationId: string, id: string) {
  return trx
    .selectFrom('impact_measurements')
    .select(['id', 'status', 'value', 'measured_on', 'entered_by'])
    .where('province_id', '=', provinceId)
    .where('innovation_id', '=', innovationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** Who entered a measurement and what it is about, for the mail telling them of the decision. */
export function measurementMailFacts(trx: Trx, provinceId: string, innovationId: string, userId: string) {
  return trx
    .selectFrom('innovations as i')
    .innerJoin('provinces as p', 'p.id', 'i.province_id')
    .innerJoin('users as u', (j) => j.on('u.id', '=', userId))
    .select(['i.title', 'p.name as province_name', 'u.email', 'u.name', 'u.locale'])
    .where('i.province_id', '=', provinceId)
    .where('i.id', '=', innovationId)
    .executeTakeFirst()
}

export function decideMeasurementRow(
  trx: Trx,
  provinceId: string,
  id: string,
  decision: { status: 'confirmed' | 'returned'; by: string; reason: string | null },
) {
  return (
    trx
      .updateTable('impact_measurements')
      .set({
        status: decision.status,
        decided_by: decision.by,
        decided_at: sql`now()`,
        return_reason: decision.reason,
      })
      .where('province_id', '=', provinceId)
      .where('id', '=', id)
      // Only a measurement still awaiting Bappeda (canDecide); decided is decided once.
      .where('status', '=', 'entered')
      .execute()
  )
}

/**
 * A page of the province's innovations with how many measurements await Bappeda; only
 * the applicant's own when `applicantId` is given.
 */
export function listImpactInnovations(
  trx: Trx,
  provinceId: string,
  applicantId: string | null,
  page: { limit: number; offset: number },
) {
  return trx
    .selectFrom('innovations as i')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'i.province_id').onRef('a.id', '=', 'i.application_id'),
    )
    .select(['i.id', 'i.title', 'i.venture_name', 'i.started_on', 'i.status'])
    .select((eb) => [
      eb
        .selectFrom('impact_measurements as m')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('m.province_id', '=', 'i.province_id')
        .whereRef('m.innovation_id', '=', 'i.id')
        .where('m.status', '=', 'entered')
        .as('pending'),
      eb
        .selectFrom('impact_measurements as m')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('m.province_id', '=', 'i.province_id')
        .whereRef('m.innovation_id', '=', 'i.id')
        .where('m.status', '=', 'confirmed')
        .as('confirmed'),
    ])
    .where('i.province_id', '=', provinceId)
    .$if(applicantId !== null, (q) => q.where('a.applicant_id', '=', applicantId as string))
    .orderBy('i.started_on', 'desc')
    .orderBy('i.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function countImpactInnovations(trx: Trx, provinceId: string, applicantId: string | null) {
  const row = await trx
    .selectFrom('innovations as i')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'i.province_id').onRef('a.id', '=', 'i.application_id'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('i.province_id', '=', provinceId)
    .$if(applicantId !== null, (q) => q.where('a.applicant_id', '=', applicantId as string))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
