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

/** Applicants registered, applications submitted, found eligible, scored (at least one score sheet complete) and finalists, by province. */
export async function countFunnelByProvince(trx: Trx, editionId: string) {
  const registered = await trx
    .selectFrom('memberships')
    .select(['province_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('role', '=', 'applicant')
    .where('province_id', 'is not', null)
    .groupBy('province_id')
    .execute()
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
  const byProvince = new Map<
    string,
    { registered: number; submitted: number; eligible: number; scored: number; finalists: number }
  >()
  const row = (id: string) => {
    const found = byProvince.get(id)
    if (found) return found
    const fresh = { registered: 0, submitted: 0, eligible: 0, scored: 0, finalists: 0 }
    byProvince.set(id, fresh)
    return fresh
  }
  for (const r of registered) if (r.province_id) row(r.province_id).registered = Number(r.n)
  for (const a of applications) {
    Object.assign(row(a.province_id), {
      submitted: Number(a.submitted),
      eligible: Number(a.eligible),
      scored: Number(a.scored),
      finalists: Number(a.finalists),
    })
  }
  return byProvince
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
