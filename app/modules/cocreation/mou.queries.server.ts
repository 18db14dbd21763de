import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { MouStatus } from './mou-rules.ts'

// The MoU queries (issue 15): Kysely only, every one inside the caller's transaction and
// naming the province, on top of row-level security.

/** The venture's name as submitted (a finalist was submitted: docs/decisions/006). */
const ventureOf = (trx: Trx) =>
  trx
    .selectFrom('applications as a')
    .innerJoin('venture_snapshots as vs', (j) =>
      j.onRef('vs.province_id', '=', 'a.province_id').onRef('vs.id', '=', 'a.venture_snapshot_id'),
    )

/** The province's finalist applications of every edition, for the "new MoU" form. */
export function listFinalistOptions(trx: Trx, provinceId: string) {
  return ventureOf(trx)
    .innerJoin('calls as k', (j) => j.onRef('k.province_id', '=', 'a.province_id').onRef('k.id', '=', 'a.call_id'))
    .innerJoin('editions as e', 'e.id', 'k.edition_id')
    .select(['a.id', 'vs.name as venture', 'e.name as edition'])
    .where('a.province_id', '=', provinceId)
    .where('a.status', '=', 'finalist')
    .orderBy('e.starts_on', 'desc')
    .orderBy('vs.name')
    .execute()
}

/** A finalist application of the province, or undefined. */
export function findFinalist(trx: Trx, provinceId: string, applicationId: string) {
  return ventureOf(trx)
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .select(['a.id', 'a.applicant_id', 'vs.name as venture', 'u.name as applicant_name', 'u.email', 'u.locale'])
    .where('a.province_id', '=', provinceId)
    .where('a.id', '=', applicationId)
    .where('a.status', '=', 'finalist')
    .executeTakeFirst()
}

/** The province's active OPDs (agencies a MoU can name). */
export function listAgencyOptions(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('opds')
    .select(['id', 'name', 'short_name'])
    .where('province_id', '=', provinceId)
    .where('active', '=', true)
    .orderBy('name')
    .execute()
}

export async function activeOpdIds(trx: Trx, provinceId: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  const rows = await trx
    .selectFrom('opds')
    .select('id')
    .where('province_id', '=', provinceId)
    .where('active', '=', true)
    .where('id', 'in', ids)
    .execute()
  return rows.map((r) => r.id)
}

const mouList = (trx: Trx, provinceId: string) =>
  ventureOf(trx)
    .innerJoin('mous as m', (j) =>
      j.onRef('m.province_id', '=', 'a.province_id').onRef('m.application_id', '=', 'a.id'),
    )
    .where('m.province_id', '=', provinceId)

/** One page of the province's MoUs, newest start first, with their agencies. */
export function listMous(trx: Trx, provinceId: string, page: { limit: number; offset: number }) {
  return mouList(trx, provinceId)
    .select([
      'm.id',
      'm.title',
      'm.status',
      'm.starts_on',
      'm.ends_on',
      'vs.name as venture',
      sql<string>`(select string_agg(o.short_name, ', ' order by p.joined_on nulls first, o.short_name)
        from mou_parties p join opds o on o.province_id = p.province_id and o.id = p.opd_id
        where p.province_id = m.province_id and p.mou_id = m.id)`.as('agencies'),
    ])
    .orderBy('m.starts_on', 'desc')
    .orderBy('m.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function countMous(trx: Trx, provinceId: string): Promise<number> {
  const total = await mouList(trx, provinceId)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(total.n)
}

/** One MoU of the province with its venture, or undefined. */
export function findMou(trx: Trx, provinceId: string, mouId: string) {
  return mouList(trx, provinceId)
    .leftJoin('files as f', (j) =>
      j.onRef('f.province_id', '=', 'm.province_id').onRef('f.id', '=', 'm.signed_file_id'),
    )
    .select([
      'm.id',
      'm.application_id',
      'm.title',
      'm.scope',
      'm.status',
      'm.starts_on',
      'm.ends_on',
      'm.signed_on',
      'm.signed_file_id',
      'f.original_name as signed_file_name',
      'm.terminated_reason',
      'm.status_changed_at',
      'a.applicant_id',
      'vs.name as venture',
    ])
    .where('m.id', '=', mouId)
    .executeTakeFirst()
}

/** Locks a MoU row for a change of state. */
export function lockMou(trx: Trx, provinceId: string, mouId: string) {
  return trx
    .selectFrom('mous')
    .select(['id', 'status', 'starts_on', 'ends_on', 'application_id', 'title'])
    .where('province_id', '=', provinceId)
    .where('id', '=', mouId)
    .forUpdate()
    .executeTakeFirst()
}

/** Moves a MoU on from the status its caller read (`from`, under `lockMou`), and from no other. */
export function setMouStatus(
  trx: Trx,
  provinceId: string,
  mouId: string,
  change: { from: MouStatus; to: MouStatus },
  now: Date,
  extra: { signed_on?: string; signed_file_id?: string; terminated_reason?: string } = {},
) {
  return trx
    .updateTable('mous')
    .set({ status: change.to, status_changed_at: now, ...extra })
    .where('province_id', '=', provinceId)
    .where('id', '=', mouId)
    .where('status', '=', change.from)
    .execute()
}

export function listParties(trx: Trx, provinceId: string, mouId: string) {
  return trx
    .selectFrom('mou_parties as p')
    .innerJoin('opds as o', (j) => j.onRef('o.province_id', '=', 'p.province_id').onRef('o.id', '=', 'p.opd_id'))
    .select(['p.opd_id', 'o.name', 'o.short_name', 'p.joined_on'])
    .where('p.province_id', '=', provinceId)
    .where('p.mou_id', '=', mouId)
    .orderBy(sql`p.joined_on nulls first`)
    .orderBy('o.name')
    .execute()
}

export function listSignatories(trx: Trx, provinceId: string, mouId: string) {
  return trx
    .selectFrom('mou_signatories as s')
    .leftJoin('opds as o', (j) => j.onRef('o.province_id', '=', 's.province_id').onRef('o.id', '=', 's.opd_id'))
    .select(['s.id', 's.side', 's.opd_id', 's.name', 's.role', 'o.short_name'])
    .where('s.province_id', '=', provinceId)
    .where('s.mou_id', '=', mouId)
    .orderBy('s.side', 'desc')
    .orderBy('s.created_at')
    .execute()
}

export function listDeliverables(trx: Trx, provinceId: string, mouId: string) {
  return trx
    .selectFrom('mou_deliverables')
    .select(['id', 'title', 'due_on', 'done_at'])
    .where('province_id', '=', provinceId)
    .where('mou_id', '=', mouId)
    .orderBy('due_on')
    .orderBy('created_at')
    .execute()
}

export function listReports(trx: Trx, provinceId: string, mouId: string) {
  return trx
    .selectFrom('mou_reports as r')
    .innerJoin('users as u', 'u.id', 'r.submitted_by')
    .select([
      'r.id',
      'r.quarter',
      'r.body',
      'r.status',
      'r.submitted_at',
      'r.reviewed_at',
      'r.review_comment',
      'u.name as submitted_by_name',
    ])
    .where('r.province_id', '=', provinceId)
    .where('r.mou_id', '=', mouId)
    .orderBy('r.quarter')
    .execute()
}

/** The MoUs of one finalist application (the venture's own view). */
export function listMousOfApplication(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('mous')
    .select(['id', 'title', 'scope', 'status', 'starts_on', 'ends_on', 'signed_on', 'signed_file_id'])
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .orderBy('starts_on', 'desc')
    .execute()
}

/** An application of the applicant that is a finalist, or undefined. */
export function findOwnFinalist(trx: Trx, provinceId: string, applicantId: string, applicationId: string) {
  return ventureOf(trx)
    .select(['a.id', 'vs.name as venture'])
    .where('a.province_id', '=', provinceId)
    .where('a.id', '=', applicationId)
    .where('a.applicant_id', '=', applicantId)
    .where('a.status', '=', 'finalist')
    .executeTakeFirst()
}

/** The Bappeda admins of the province (they act for the agencies), for mail. */
export function listProvinceAdmins(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('memberships as ms')
    .innerJoin('users as u', 'u.id', 'ms.user_id')
    .select(['u.email', 'u.name', 'u.locale'])
    .where('ms.province_id', '=', provinceId)
    .where('ms.role', '=', 'province_admin')
    .where('u.active', '=', true)
    .distinct()
    .execute()
}

/**
 * Every active province with its MoUs counted by status, the reports waiting for Bappeda's
 * review and the deliverables done of all, for the ministry and ERAT (national scope).
 */
export function countMousByProvince(trx: Trx) {
  const byStatus = (status: MouStatus) => sql<string>`count(*) filter (where m.status = ${status})`.as(status)
  return trx
    .selectFrom('provinces as p')
    .leftJoin('mous as m', 'm.province_id', 'p.id')
    .select([
      'p.id',
      'p.slug',
      'p.name',
      sql<string>`count(m.id)`.as('total'),
      byStatus('draft'),
      byStatus('negotiated'),
      byStatus('signed'),
      byStatus('active'),
      byStatus('completed'),
      byStatus('expired'),
      byStatus('terminated'),
      sql<string>`(select count(*) from mou_reports r where r.province_id = p.id and r.status = 'submitted')`.as(
        'reports_waiting',
      ),
      sql<string>`(select count(*) filter (where d.done_at is not null) from mou_deliverables d where d.province_id = p.id)`.as(
        'deliverables_done',
      ),
      sql<string>`(select count(*) from mou_deliverables d where d.province_id = p.id)`.as('deliverables'),
    ])
    .where('p.active', '=', true)
    .groupBy(['p.id', 'p.slug', 'p.name'])
    .orderBy('p.name')
    .execute()
}
