import { audit } from '#app/modules/audit/audit.server.ts'
import { expectWritten, found, notFound, refused } from '#app/modules/errors/errors.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { pageWindow } from '#app/modules/validation/paging.ts'
import type { DB } from '#db/client.ts'
import { INDONESIA, provincePlace } from './province-places.ts'
import {
  countInnovations,
  countProvinceReplications,
  findInnovationForReplication,
  findRegency,
  findReplication,
  findReplicationAnywhere,
  insertReplication,
  listInnovationReplications,
  listMostReplicated,
  listProvinceReplications,
  listRegencies,
  listReplicableInnovations,
  setRecommendation,
  updateReplicationStatus,
} from './replication.queries.server.ts'
import type { MinistryReplicationInput, ProvinceReplicationInput } from './replication.schema.ts'
import { canMove, type ReplicationStatus } from './replication-rules.ts'

// Replication workflows (issue 15, docs/decisions/015-replication-and-impact.md). A
// replication is written by the province that records it — the replicating province's
// Bappeda, or the ministry for its own units inside the origin province — and read by
// that province and the innovation's origin province (RLS in migration 2026-12-07T0400).
// Choosing another province's innovation reads public records in the national scope
// before the recording transaction opens; the innovation's title is copied onto the
// replication so neither side needs the other's rows to list it.

export interface Actor {
  userId: string
  ip?: string | null
}
export interface ProvinceActor extends Actor {
  provinceId: string
}

export const PAGE_SIZE = 20

/** The province page: what it recorded, its innovations replicated elsewhere, and what the form offers. */
export async function loadProvinceReplications(
  db: DB,
  provinceId: string,
  pages: { recorded: number; origin: number },
) {
  const own = await withTenant(db, { provinceId }, async (trx) => {
    const recorded = pageWindow(pages.recorded, await countProvinceReplications(trx, provinceId, 'recorded'), PAGE_SIZE)
    const origin = pageWindow(pages.origin, await countProvinceReplications(trx, provinceId, 'origin'), PAGE_SIZE)
    return {
      recorded: await listProvinceReplications(trx, provinceId, 'recorded', recorded),
      origin: await listProvinceReplications(trx, provinceId, 'origin', origin),
      pages: {
        recorded: { page: recorded.page, pageCount: recorded.pageCount },
        origin: { page: origin.page, pageCount: origin.pageCount },
      },
      regencies: await listRegencies(trx, provinceId),
    }
  })
  // Public records of every province (and the province's own): read-only, like the portal.
  const innovations = await withTenant(db, { national: true }, (trx) => listReplicableInnovations(trx, provinceId))
  return { ...own, innovations }
}

/** One replication as its recording or its origin province sees it; a third province's id is not found. */
export async function loadReplication(db: DB, provinceId: string, id: string) {
  return withTenant(db, { provinceId }, async (trx) => found(await findReplication(trx, provinceId, id), 'replication'))
}

/** The innovation a recorder may replicate: the own province's, or another's public one. */
async function replicable(db: DB, innovationId: string, recorder: string | 'ministry') {
  const innovation = await withTenant(db, { national: true }, (trx) => findInnovationForReplication(trx, innovationId))
  const allowed = innovation && (recorder === 'ministry' || innovation.is_public || innovation.province_id === recorder)
  if (!allowed) throw refused('replication:errors.notReplicable', { field: 'innovation' })
  return innovation
}

function common(input: ProvinceReplicationInput | MinistryReplicationInput) {
  return {
    form: input.form,
    changes: input.changes ?? '',
    agency_name: input.agencyName,
    agency_unit: input.agencyUnit ?? '',
    started_on: input.startedOn,
    status: input.status,
    contact_name: input.contactName,
    contact_email: input.contactEmail ?? null,
    contact_phone: input.contactPhone ?? null,
  }
}

async function auditRecorded(trx: Trx, actor: Actor, provinceId: string, id: string, details: Record<string, unknown>) {
  await audit(trx, {
    actorId: actor.userId,
    action: 'replication.recorded',
    objectType: 'replication',
    objectId: id,
    provinceId,
    ip: actor.ip ?? null,
    details,
  })
}

/** Bappeda records that its province, or one of its kabupaten/kota, replicates an innovation. */
export async function recordProvinceReplication(db: DB, actor: ProvinceActor, input: ProvinceReplicationInput) {
  const innovation = await replicable(db, input.innovation, actor.provinceId)
  return withTenant(db, { provinceId: actor.provinceId, userId: actor.userId }, async (trx) => {
    if (input.regency && !(await findRegency(trx, actor.provinceId, input.regency)))
      throw refused('replication:errors.regency', { field: 'regency' })
    const row = await insertReplication(trx, {
      province_id: actor.provinceId,
      origin_province_id: innovation.province_id,
      innovation_id: innovation.id,
      innovation_title: innovation.title,
      level: input.regency ? 'regency' : 'province',
      regency_code: input.regency ?? null,
      recorded_by: actor.userId,
      ...common(input),
    })
    await auditRecorded(trx, actor, actor.provinceId, row.id, {
      innovationId: innovation.id,
      originProvinceId: innovation.province_id,
      form: input.form,
      agency: input.agencyName,
      regency: input.regency ?? null,
    })
    return row.id
  })
}

/** The ministry records that one of its units (e.g. a Kemensos centre) replicates an innovation. */
export async function recordMinistryReplication(db: DB, actor: Actor, input: MinistryReplicationInput) {
  const innovation = await replicable(db, input.innovation, 'ministry')
  // A ministry unit has no province of its own: the row lives with the origin (docs/decisions/015).
  return withTenant(db, { provinceId: innovation.province_id, userId: actor.userId }, async (trx) => {
    const row = await insertReplication(trx, {
      province_id: innovation.province_id,
      origin_province_id: innovation.province_id,
      innovation_id: innovation.id,
      innovation_title: innovation.title,
      level: 'ministry',
      regency_code: null,
      recorded_by: actor.userId,
      ...common(input),
    })
    await auditRecorded(trx, actor, innovation.province_id, row.id, {
      innovationId: innovation.id,
      form: input.form,
      agency: input.agencyName,
      ministryUnit: true,
    })
    return row.id
  })
}

/** Moves a replication on (planned → running → completed, or stopped); only the recording province writes. */
export async function changeReplicationStatus(
  db: DB,
  actor: ProvinceActor,
  id: string,
  status: ReplicationStatus,
): Promise<void> {
  await withTenant(db, { provinceId: actor.provinceId, userId: actor.userId }, async (trx) => {
    const row = await findReplication(trx, actor.provinceId, id)
    // The origin province reads a replication but does not write it: for it the row is not there to change.
    if (!row || row.province_id !== actor.provinceId) throw notFound('replication')
    if (row.status === status) return
    if (!canMove(row.status, status)) throw refused('replication:errors.status', { field: 'status' })
    // Not locked when read: two admins moving it at once both pass canMove; the second finds it moved on.
    expectWritten(
      await updateReplicationStatus(trx, actor.provinceId, id, row.status, status),
      'replication:errors.changedMeanwhile',
      { status: 409, field: 'status' },
    )
    await audit(trx, {
      actorId: actor.userId,
      action: 'replication.status_changed',
      objectType: 'replication',
      objectId: id,
      provinceId: actor.provinceId,
      ip: actor.ip ?? null,
      details: { from: row.status, to: status },
    })
  })
}

/** The national view: a page of innovations by number of replications. */
export async function loadMostReplicated(db: DB, page: number) {
  return withTenant(db, { national: true }, async (trx) => {
    const { limit, offset, ...shown } = pageWindow(page, await countInnovations(trx), PAGE_SIZE)
    return {
      rows: (await listMostReplicated(trx, { limit, offset })).map((r) => ({
        ...r,
        replications: Number(r.replications),
        provinces: Number(r.provinces),
      })),
      ...shown,
    }
  })
}

/** One innovation's replications nationally, with where to draw each on the map. */
export async function loadInnovationReplications(db: DB, innovationId: string) {
  return withTenant(db, { national: true }, async (trx) => {
    const innovation = found(await findInnovationForReplication(trx, innovationId), 'innovation')
    const replications = await listInnovationReplications(trx, innovation.province_id, innovation.id)
    return {
      innovation: { ...innovation, place: provincePlace(innovation.bps_code) },
      replications: replications.map((r) => ({ ...r, place: provincePlace(r.province_bps) })),
      bounds: INDONESIA,
    }
  })
}

/** A replication by id for the national pages. */
export async function loadReplicationAnywhere(db: DB, id: string) {
  return withTenant(db, { national: true }, async (trx) => found(await findReplicationAnywhere(trx, id), 'replication'))
}

/** The ministry marks (or unmarks) an innovation recommended for replication, inside its province. */
export async function recommendInnovation(
  db: DB,
  actor: Actor,
  innovationId: string,
  recommended: boolean,
  now: Date,
): Promise<void> {
  const innovation = await withTenant(db, { national: true }, (trx) => findInnovationForReplication(trx, innovationId))
  if (!innovation) throw notFound('innovation')
  if (innovation.recommended_for_replication === recommended) return
  await withTenant(db, { provinceId: innovation.province_id, userId: actor.userId }, async (trx) => {
    const row = found(
      await setRecommendation(trx, innovation.province_id, innovation.id, { recommended, by: actor.userId, at: now }),
      'innovation',
    )
    await audit(trx, {
      actorId: actor.userId,
      action: recommended ? 'innovation.recommended' : 'innovation.recommendation_withdrawn',
      objectType: 'innovation',
      objectId: row.id,
      provinceId: innovation.province_id,
      ip: actor.ip ?? null,
      details: { title: row.title },
    })
  })
}
