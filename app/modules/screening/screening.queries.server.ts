import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { ApplicationStatus, ScreeningReason } from '#db/schema.ts'
import type { ScreeningFilter } from './screening.schema.ts'

// Kysely only. Screening (issue 7): the call's submitted applications and the decision
// written on one of them. Every query names the province (docs/ARCHITECTURE.md#tenancy, layer 4).

/** Statuses reached once an application passed screening. */
export const PASSED: readonly ApplicationStatus[] = ['eligible', 'in_review', 'shortlisted', 'finalist', 'not_selected']
/** Every status an application can have once it was submitted and not withdrawn. */
export const SCREENABLE: readonly ApplicationStatus[] = ['submitted', 'ineligible', ...PASSED]

const STATUSES: Record<ScreeningFilter, readonly ApplicationStatus[]> = {
  pending: ['submitted'],
  eligible: PASSED,
  ineligible: ['ineligible'],
}

function screeningRows(trx: Trx, provinceId: string, callId: string, filter: ScreeningFilter | null) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .where('a.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', filter ? STATUSES[filter] : SCREENABLE)
}

export async function countScreening(trx: Trx, provinceId: string, callId: string, filter: ScreeningFilter | null) {
  const row = await screeningRows(trx, provinceId, callId, filter)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** One page of the call's applications in the order they were submitted. */
export function listScreening(
  trx: Trx,
  provinceId: string,
  callId: string,
  filter: ScreeningFilter | null,
  page: { limit: number; offset: number },
) {
  return screeningRows(trx, provinceId, callId, filter)
    .select([
      'a.id',
      'a.status',
      'a.receipt_number',
      'a.submitted_at',
      'a.screening_reason',
      'a.screening_note',
      'a.screened_at',
      'v.name as venture_name',
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
    ])
    .orderBy('a.submitted_at')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

/** Applications of the call waiting for screening (countByScreeningState's `pending`), as a subquery for one round trip. */
export function awaitingScreening(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .where('status', '=', 'submitted')
}

/** How many of the call's applications sit in each screening state. */
export async function countByScreeningState(trx: Trx, provinceId: string, callId: string) {
  const rows = await trx
    .selectFrom('applications')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .where('status', 'in', SCREENABLE)
    .groupBy('status')
    .execute()
  const count = (statuses: readonly ApplicationStatus[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + Number(r.n), 0)
  return { pending: count(['submitted']), eligible: count(PASSED), ineligible: count(['ineligible']) }
}

/** One application with what screening needs (its call's review state, the applicant's contact), locked. */
export function findForScreening(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 'a.province_id').onRef('c.id', '=', 'a.call_id'))
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .select([
      'a.id',
      'a.call_id',
      'a.status',
      'a.receipt_number',
      'a.submitted_at',
      'a.screening_reason',
      'a.screening_note',
      'a.screened_at',
      'c.review_started_at',
      'v.name as venture_name',
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
      'u.name as applicant_name',
      'u.email as applicant_email',
      'u.locale as applicant_locale',
      'a.applicant_id',
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.id', '=', applicationId)
    .where('a.status', '<>', 'draft')
    .forUpdate(['a'])
    .executeTakeFirst()
}

export function writeScreening(
  trx: Trx,
  provinceId: string,
  applicationId: string,
  values: {
    status: 'eligible' | 'ineligible'
    reason: ScreeningReason | null
    note: string | null
    at: Date
    by: string
  },
) {
  return trx
    .updateTable('applications')
    .set({
      status: values.status,
      screening_reason: values.reason,
      screening_note: values.note,
      screened_at: values.at,
      screened_by: values.by,
      updated_at: values.at,
    })
    .where('province_id', '=', provinceId)
    .where('id', '=', applicationId)
    .execute()
}

/** The call an application belongs to (to lock it before the application). */
export async function findCallOf(trx: Trx, provinceId: string, applicationId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('applications')
    .select('call_id')
    .where('province_id', '=', provinceId)
    .where('id', '=', applicationId)
    .executeTakeFirst()
  return row?.call_id
}
