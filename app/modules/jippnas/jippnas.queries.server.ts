import type { Updateable } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { InnovationStatus, InnovationSyncsTable } from '#db/schema.ts'

// Kysely only. JIPPNas records (issue 15): the innovations, the finalists they come from
// (the venture as submitted: venture_snapshots, never the live profile), their sync
// rows, and what a payload needs. Every function takes `trx` first and names the province
// (docs/ARCHITECTURE.md#tenancy, layer 4); `null` for the national lists (national scope).

/** The province's finalists (any edition) that have no record yet, newest edition first. */
export function listFinalistsWithoutRecord(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('editions as e', 'e.id', 'a.edition_id')
    .leftJoin('innovations as i', (j) =>
      j.onRef('i.province_id', '=', 'a.province_id').onRef('i.application_id', '=', 'a.id'),
    )
    .select(['a.id', 'v.name as venture_name', 'e.name as edition_name'])
    .where('a.province_id', '=', provinceId)
    .where('a.status', '=', 'finalist')
    .where('i.id', 'is', null)
    .orderBy('e.starts_on', 'desc')
    .orderBy('v.name')
    .execute()
}

/** A finalist application with what prefills its record, or undefined (not a finalist of the province). */
export function findFinalist(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .innerJoin('editions as e', 'e.id', 'a.edition_id')
    .select([
      'a.id',
      'a.edition_id',
      'a.solution',
      'a.problem',
      'a.submitted_at',
      'e.name as edition_name',
      'v.name as venture_name',
      'v.regency_code',
      'pi.id as province_issue_id',
      'pi.lead_opd_id',
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.id', '=', applicationId)
    .where('a.status', '=', 'finalist')
    .executeTakeFirst()
}

/** Choices of the record form: the province's issues (with their national issue), OPDs and kabupaten/kota. */
export async function listFormChoices(trx: Trx, provinceId: string) {
  const [issues, opds, regencies] = await Promise.all([
    trx
      .selectFrom('province_issues as pi')
      .innerJoin('editions as e', 'e.id', 'pi.edition_id')
      .select(['pi.id', 'pi.title_id', 'pi.title_en', 'pi.national_issue_id', 'e.name as edition_name'])
      .where('pi.province_id', '=', provinceId)
      .orderBy('e.starts_on', 'desc')
      .orderBy('pi.priority')
      .execute(),
    trx
      .selectFrom('opds')
      .select(['id', 'name', 'short_name'])
      .where('province_id', '=', provinceId)
      .where('active', '=', true)
      .orderBy('name')
      .execute(),
    trx
      .selectFrom('regencies')
      .select(['code', 'name'])
      .where('province_id', '=', provinceId)
      .orderBy('name')
      .execute(),
  ])
  return { issues, opds, regencies }
}

export interface InnovationValues {
  title: string
  summary: string
  national_issue_id: string
  province_issue_id: string
  regency_code: string | null
  opd_id: string | null
  venture_name: string
  started_on: string
  status: InnovationStatus
  stop_reason: string | null
  is_public: boolean
}

export function insertInnovation(
  trx: Trx,
  provinceId: string,
  row: InnovationValues & { application_id: string; edition_id: string; created_by: string },
) {
  return trx
    .insertInto('innovations')
    .values({ ...row, province_id: provinceId, updated_by: row.created_by })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow()
}

/** Writes the values and bumps the version; undefined when the record is not the province's. */
export function updateInnovationRow(trx: Trx, provinceId: string, id: string, values: InnovationValues, by: string) {
  return trx
    .updateTable('innovations')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_by: by, updated_at: new Date() }))
    .where('province_id', '=', provinceId)
    .where('id', '=', id)
    .returning(['id', 'version'])
    .executeTakeFirst()
}

const innovationColumns = [
  'i.province_id',
  'i.id',
  'i.application_id',
  'i.edition_id',
  'i.title',
  'i.summary',
  'i.national_issue_id',
  'i.province_issue_id',
  'i.regency_code',
  'i.opd_id',
  'i.venture_name',
  'i.started_on',
  'i.status',
  'i.stop_reason',
  'i.is_public',
  'i.recommended_for_replication',
  'i.version',
  'i.created_at',
  'i.updated_at',
] as const

/** One record with the names a page and a payload show; `provinceId` null reads any province (national scope). */
export function findInnovation(trx: Trx, provinceId: string | null, id: string) {
  return trx
    .selectFrom('innovations as i')
    .innerJoin('provinces as p', 'p.id', 'i.province_id')
    .innerJoin('editions as e', 'e.id', 'i.edition_id')
    .innerJoin('national_issues as ni', 'ni.id', 'i.national_issue_id')
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'i.province_id').onRef('pi.id', '=', 'i.province_issue_id'),
    )
    .leftJoin('regencies as r', 'r.code', 'i.regency_code')
    .leftJoin('opds as o', (j) => j.onRef('o.province_id', '=', 'i.province_id').onRef('o.id', '=', 'i.opd_id'))
    .leftJoin('innovation_syncs as s', (j) =>
      j.onRef('s.province_id', '=', 'i.province_id').onRef('s.innovation_id', '=', 'i.id'),
    )
    .select([
      ...innovationColumns,
      'p.slug as province_slug',
      'p.name as province_name',
      'p.bps_code as province_bps_code',
      'p.time_zone',
      'e.name as edition_name',
      'ni.code as national_issue_code',
      'ni.name_id as national_issue_name_id',
      'ni.name_en as national_issue_name_en',
      'pi.title_id as province_issue_title_id',
      'pi.title_en as province_issue_title_en',
      'r.name as regency_name',
      'o.name as opd_name',
      'o.short_name as opd_short_name',
      's.state as sync_state',
      's.version as sync_version',
      's.attempts as sync_attempts',
      's.next_attempt_at as sync_next_attempt_at',
      's.last_attempt_at as sync_last_attempt_at',
      's.last_http_status as sync_last_http_status',
      's.last_message as sync_last_message',
      's.sent_version as sync_sent_version',
      's.sent_at as sync_sent_at',
    ])
    .where('i.id', '=', id)
    .$if(provinceId !== null, (q) => q.where('i.province_id', '=', provinceId as string))
    .executeTakeFirst()
}

export type InnovationRow = NonNullable<Awaited<ReturnType<typeof findInnovation>>>

/** The finalist application's indicators (baseline → target): the record's, not a copy. */
export function listIndicators(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('application_indicators')
    .select(['id', 'name', 'baseline', 'target', 'unit'])
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .orderBy('position')
    .execute()
}

/** A page of records, newest first; `provinceId` null lists every province (national scope). */
export function listInnovations(trx: Trx, provinceId: string | null, page: { limit: number; offset: number }) {
  return trx
    .selectFrom('innovations as i')
    .innerJoin('provinces as p', 'p.id', 'i.province_id')
    .innerJoin('editions as e', 'e.id', 'i.edition_id')
    .leftJoin('innovation_syncs as s', (j) =>
      j.onRef('s.province_id', '=', 'i.province_id').onRef('s.innovation_id', '=', 'i.id'),
    )
    .select([
      'i.id',
      'i.title',
      'i.venture_name',
      'i.status',
      'i.is_public',
      'i.version',
      'i.updated_at',
      'p.slug as province_slug',
      'p.name as province_name',
      'e.name as edition_name',
      's.state as sync_state',
      's.version as sync_version',
      's.sent_version as sync_sent_version',
    ])
    .$if(provinceId !== null, (q) => q.where('i.province_id', '=', provinceId as string))
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function countInnovations(trx: Trx, provinceId: string | null) {
  const row = await trx
    .selectFrom('innovations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .$if(provinceId !== null, (q) => q.where('province_id', '=', provinceId as string))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Every record's id and province, for exports; `provinceId` null: every province. */
export function listInnovationIds(trx: Trx, provinceId: string | null) {
  return trx
    .selectFrom('innovations')
    .select(['id', 'province_id'])
    .$if(provinceId !== null, (q) => q.where('province_id', '=', provinceId as string))
    .orderBy('province_id')
    .orderBy('created_at')
    .execute()
}

// ---- sync rows ----

/** A new version waits to be sent from now: attempts start again, a running send is let go. */
export function queueVersion(trx: Trx, provinceId: string, innovationId: string, version: number, now: Date) {
  return trx
    .insertInto('innovation_syncs')
    .values({ province_id: provinceId, innovation_id: innovationId, version, next_attempt_at: now })
    .onConflict((oc) =>
      oc.columns(['province_id', 'innovation_id']).doUpdateSet({
        version,
        state: 'pending',
        attempts: 0,
        next_attempt_at: now,
        sending_since: null,
        updated_at: now,
      }),
    )
    .execute()
}

export function findSync(trx: Trx, provinceId: string, innovationId: string) {
  return trx
    .selectFrom('innovation_syncs')
    .selectAll()
    .where('province_id', '=', provinceId)
    .where('innovation_id', '=', innovationId)
    .executeTakeFirst()
}

export function updateSync(
  trx: Trx,
  provinceId: string,
  innovationId: string,
  set: Updateable<InnovationSyncsTable>,
  only?: { state?: 'pending' | 'sending' | 'failed'; version?: number; sendingSince?: Date },
) {
  return trx
    .updateTable('innovation_syncs')
    .set(set)
    .where('province_id', '=', provinceId)
    .where('innovation_id', '=', innovationId)
    .$if(only?.state !== undefined, (q) => q.where('state', '=', only?.state as 'pending'))
    .$if(only?.version !== undefined, (q) => q.where('version', '=', only?.version as number))
    .$if(only?.sendingSince !== undefined, (q) => q.where('sending_since', '=', only?.sendingSince as Date))
    .returning(['innovation_id', 'version', 'attempts'])
    .executeTakeFirst()
}

/** Rows due for a send (national scope: every province), oldest first. */
export function listDue(trx: Trx, now: Date, limit: number) {
  return trx
    .selectFrom('innovation_syncs')
    .select(['province_id', 'innovation_id', 'version'])
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute()
}

/** Rows claimed before `before` and never answered (national scope). */
export function listStuck(trx: Trx, before: Date) {
  return trx
    .selectFrom('innovation_syncs')
    .select(['province_id', 'innovation_id', 'version', 'sending_since'])
    .where('state', '=', 'sending')
    .where('sending_since', '<', before)
    .execute()
}
