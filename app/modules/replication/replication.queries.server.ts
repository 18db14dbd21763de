import { type Insertable, sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { ReplicationsTable } from '#db/schema.ts'
import type { ReplicationStatus } from './replication-rules.ts'

// Replication queries (issue 15): Kysely only, the transaction first, the province named.
// A replication row is read by its recording province and by its origin province
// (migration 2026-12-07T0400): the province's lists ask for either side explicitly.

const COLUMNS = [
  'r.id',
  'r.province_id',
  'r.origin_province_id',
  'r.innovation_id',
  'r.innovation_title',
  'r.level',
  'r.regency_code',
  'r.form',
  'r.changes',
  'r.agency_name',
  'r.agency_unit',
  'r.started_on',
  'r.status',
  'r.contact_name',
  'r.contact_email',
  'r.contact_phone',
  'r.created_at',
] as const

/** Replications with their two provinces' names and the kabupaten/kota's. */
function replicationsWithPlaces(trx: Trx) {
  return trx
    .selectFrom('replications as r')
    .innerJoin('provinces as rp', 'rp.id', 'r.province_id')
    .innerJoin('provinces as op', 'op.id', 'r.origin_province_id')
    .leftJoin('regencies as g', 'g.code', 'r.regency_code')
    .select(COLUMNS)
    .select([
      'rp.name as province_name',
      'rp.slug as province_slug',
      'rp.bps_code as province_bps',
      'op.name as origin_name',
      'op.slug as origin_slug',
      'op.bps_code as origin_bps',
      'g.name as regency_name',
      'g.kind as regency_kind',
    ])
}

export type ReplicationRow = Awaited<ReturnType<typeof findReplication>> & {}

/** One replication the province recorded or whose innovation it owns; another province's: undefined. */
export function findReplication(trx: Trx, provinceId: string, id: string) {
  return replicationsWithPlaces(trx)
    .where('r.id', '=', id)
    .where((eb) => eb.or([eb('r.province_id', '=', provinceId), eb('r.origin_province_id', '=', provinceId)]))
    .executeTakeFirst()
}

/** A replication by id across provinces (national scope). */
export function findReplicationAnywhere(trx: Trx, id: string) {
  return replicationsWithPlaces(trx).where('r.id', '=', id).executeTakeFirst()
}

/** A page of the replications a province recorded (`side: 'recorded'`) or of its own innovations elsewhere (`'origin'`). */
export function listProvinceReplications(
  trx: Trx,
  provinceId: string,
  side: 'recorded' | 'origin',
  page: { limit: number; offset: number },
) {
  return replicationsWithPlaces(trx)
    .where(side === 'recorded' ? 'r.province_id' : 'r.origin_province_id', '=', provinceId)
    .$if(side === 'origin', (q) => q.where('r.province_id', '<>', provinceId))
    .orderBy('r.started_on', 'desc')
    .orderBy('r.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function countProvinceReplications(trx: Trx, provinceId: string, side: 'recorded' | 'origin') {
  const row = await trx
    .selectFrom('replications as r')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(side === 'recorded' ? 'r.province_id' : 'r.origin_province_id', '=', provinceId)
    .$if(side === 'origin', (q) => q.where('r.province_id', '<>', provinceId))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Every replication of one innovation (national scope, or its origin province). */
export function listInnovationReplications(trx: Trx, originProvinceId: string, innovationId: string) {
  return replicationsWithPlaces(trx)
    .where('r.origin_province_id', '=', originProvinceId)
    .where('r.innovation_id', '=', innovationId)
    .orderBy('r.started_on')
    .orderBy('r.id')
    .execute()
}

export function insertReplication(trx: Trx, row: Insertable<ReplicationsTable>) {
  return trx.insertInto('replications').values(row).returning('id').executeTakeFirstOrThrow()
}

/** Moves a replication from the status its caller read (`from`) only: none moved meanwhile. */
export function updateReplicationStatus(
  trx: Trx,
  provinceId: string,
  id: string,
  from: ReplicationStatus,
  status: ReplicationStatus,
) {
  return trx
    .updateTable('replications')
    .set({ status, updated_at: sql`now()` })
    .where('province_id', '=', provinceId)
    .where('id', '=', id)
    .where('status', '=', from)
    .execute()
}

/** The replicable innovation (own province's, or another's public one), with its origin's name. */
export function findInnovationForReplication(trx: Trx, innovationId: string) {
  return trx
    .selectFrom('innovations as i')
    .innerJoin('provinces as p', 'p.id', 'i.province_id')
    .select([
      'i.id',
      'i.province_id',
      'i.title',
      'i.is_public',
      'i.recommended_for_replication',
      'i.venture_name',
      'p.name as province_name',
      'p.bps_code',
      'p.slug',
    ])
    .where('i.id', '=', innovationId)
    .executeTakeFirst()
}

/** Innovations a province may pick: its own and every other province's public ones, recommended first. */
export function listReplicableInnovations(trx: Trx, provinceId: string | null) {
  return trx
    .selectFrom('innovations as i')
    .innerJoin('provinces as p', 'p.id', 'i.province_id')
    .select(['i.id', 'i.title', 'i.venture_name', 'i.recommended_for_replication', 'p.name as province_name'])
    .$if(provinceId !== null, (q) =>
      q.where((eb) => eb.or([eb('i.is_public', '=', true), eb('i.province_id', '=', provinceId as string)])),
    )
    .orderBy('i.recommended_for_replication', 'desc')
    .orderBy('i.title')
    .limit(500)
    .execute()
}

/**
 * A page of innovations by how often they were replicated (stopped replications do not
 * count), then recommended first, then by title; with the number of provinces reached.
 */
export function listMostReplicated(trx: Trx, page: { limit: number; offset: number }) {
  return trx
    .selectFrom('innovations as i')
    .innerJoin('provinces as p', 'p.id', 'i.province_id')
    .leftJoin('replications as r', (j) =>
      j
        .onRef('r.origin_province_id', '=', 'i.province_id')
        .onRef('r.innovation_id', '=', 'i.id')
        .on('r.status', '<>', 'stopped'),
    )
    .select([
      'i.id',
      'i.province_id',
      'i.title',
      'i.venture_name',
      'i.recommended_for_replication',
      'i.is_public',
      'p.name as province_name',
    ])
    .select((eb) => [
      eb.fn.count<string>('r.id').as('replications'),
      eb.fn.count<string>(sql`distinct ${sql.ref('r.province_id')}`).as('provinces'),
    ])
    .groupBy(['i.province_id', 'i.id', 'p.name'])
    .orderBy('replications', 'desc')
    .orderBy('i.recommended_for_replication', 'desc')
    .orderBy('i.title')
    .orderBy('i.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function countInnovations(trx: Trx) {
  const row = await trx
    .selectFrom('innovations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Sets or clears the ministry's recommendation on one innovation of the province. */
export function setRecommendation(
  trx: Trx,
  provinceId: string,
  innovationId: string,
  change: { recommended: boolean; by: string; at: Date },
) {
  return trx
    .updateTable('innovations')
    .set({
      recommended_for_replication: change.recommended,
      recommended_at: change.recommended ? change.at : null,
      recommended_by: change.recommended ? change.by : null,
    })
    .where('province_id', '=', provinceId)
    .where('id', '=', innovationId)
    .returning(['id', 'title'])
    .executeTakeFirst()
}

/** The kabupaten/kota of a province by BPS code (undefined when it belongs elsewhere). */
export function findRegency(trx: Trx, provinceId: string, code: string) {
  return trx
    .selectFrom('regencies')
    .select(['code', 'name', 'kind'])
    .where('province_id', '=', provinceId)
    .where('code', '=', code)
    .executeTakeFirst()
}

export function listRegencies(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('regencies')
    .select(['code', 'name', 'kind'])
    .where('province_id', '=', provinceId)
    .orderBy('name')
    .execute()
}
