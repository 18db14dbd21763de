import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { SelectionStatus } from '#db/schema.ts'

// Per-province counts for the national home, in the national (read-only) scope.

const SUBMITTED = [
  'submitted',
  'eligible',
  'ineligible',
  'in_review',
  'shortlisted',
  'finalist',
  'not_selected',
] as const
const ELIGIBLE = ['eligible', 'in_review', 'shortlisted', 'finalist', 'not_selected'] as const

/** Province admins, reviewers and registered applicants (applicant memberships) by province, in one statement. */
export async function countMembersByProvince(trx: Trx) {
  const rows = await trx
    .selectFrom('memberships')
    .select([
      'province_id',
      (eb) => eb.fn.countAll<string>().filterWhere('role', '=', 'province_admin').as('admins'),
      (eb) => eb.fn.countAll<string>().filterWhere('role', '=', 'reviewer').as('reviewers'),
      (eb) => eb.fn.countAll<string>().filterWhere('role', '=', 'applicant').as('registered'),
    ])
    .where('province_id', 'is not', null)
    .where('role', 'in', ['province_admin', 'reviewer', 'applicant'])
    .groupBy('province_id')
    .execute()
  const byProvince = new Map<string, { admins: number; reviewers: number; registered: number }>()
  for (const r of rows) {
    if (!r.province_id) continue
    byProvince.set(r.province_id, {
      admins: Number(r.admins),
      reviewers: Number(r.reviewers),
      registered: Number(r.registered),
    })
  }
  return byProvince
}

/** Applications submitted, found eligible, scored (at least one score sheet complete) and finalists, by province. */
export async function countFunnelByProvince(trx: Trx, editionId: string) {
  const applications = await trx
    .selectFrom('applications as a')
    .select([
      'a.province_id',
      (eb) => eb.fn.countAll<string>().filterWhere('a.status', 'in', SUBMITTED).as('submitted'),
      (eb) => eb.fn.countAll<string>().filterWhere('a.status', 'in', ELIGIBLE).as('eligible'),
      (eb) => eb.fn.countAll<string>().filterWhere('a.status', '=', 'finalist').as('finalists'),
      sql<string>`count(*) filter (where exists (
        select 1 from review_assignments ra
        where ra.province_id = a.province_id and ra.application_id = a.id and ra.scored_at is not null))`.as('scored'),
    ])
    .where('a.edition_id', '=', editionId)
    .groupBy('a.province_id')
    .execute()
  return new Map(
    applications.map((a) => [
      a.province_id,
      {
        submitted: Number(a.submitted),
        eligible: Number(a.eligible),
        scored: Number(a.scored),
        finalists: Number(a.finalists),
      },
    ]),
  )
}

/** The state of each province's finalist selection in the edition (a province with several calls: the furthest). */
export async function listSelectionStates(trx: Trx, editionId: string): Promise<Map<string, SelectionStatus>> {
  const rows = await trx
    .selectFrom('selections as s')
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 's.province_id').onRef('c.id', '=', 's.call_id'))
    .select(['s.province_id', 's.status'])
    .where('c.edition_id', '=', editionId)
    .execute()
  const order: SelectionStatus[] = ['open', 'returned', 'awaiting_confirmation', 'confirmed', 'published']
  const states = new Map<string, SelectionStatus>()
  for (const r of rows) {
    const known = states.get(r.province_id)
    if (!known || order.indexOf(r.status) > order.indexOf(known)) states.set(r.province_id, r.status)
  }
  return states
}
