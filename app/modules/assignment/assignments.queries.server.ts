import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { ConflictKind } from '#db/schema.ts'

// Kysely only. Reviewers, conflicts and assignments of one call (issue 7). Every query
// names the province (docs/ARCHITECTURE.md#tenancy, layer 4); assignments are reached through their
// application's call.

/** Applications that take part in the review: passed screening, not yet decided. */
export const POOL = ['eligible', 'in_review'] as const

/** The call's applications in the review pool, with the lead OPD of their issue. */
export function listPool(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .select([
      'a.id',
      'a.status',
      'a.receipt_number',
      'v.id as snapshot_id',
      'v.name as venture_name',
      'pi.lead_opd_id',
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
      'u.email as applicant_email',
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', POOL)
    .orderBy('a.receipt_number')
    .orderBy('a.id')
    .execute()
}

/** Team member names of the given profile snapshots, as submitted (for conflict detection). */
export function listMemberNames(trx: Trx, provinceId: string, snapshotIds: readonly string[]) {
  if (snapshotIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('venture_snapshot_members')
    .select(['snapshot_id', 'name'])
    .where('province_id', '=', provinceId)
    .where('snapshot_id', 'in', snapshotIds)
    .execute()
}

/** The province's active Bappeda admins, who are told when a reviewer steps aside. */
export function listProvinceAdmins(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.locale'])
    .where('m.province_id', '=', provinceId)
    .where('m.role', '=', 'province_admin')
    .where('u.active', '=', true)
    .orderBy('u.id')
    .execute()
}

/** The province's active reviewers with their OPD. */
export function listReviewers(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('opds as o', (j) => j.onRef('o.province_id', '=', 'm.province_id').onRef('o.id', '=', 'm.opd_id'))
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.locale',
      'm.opd_id',
      'o.name as opd_name',
      'o.short_name as opd_short_name',
    ])
    .where('m.province_id', '=', provinceId)
    .where('m.role', '=', 'reviewer')
    .where('u.active', '=', true)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute()
}

export type ReviewerRow = Awaited<ReturnType<typeof listReviewers>>[number]

/** Every conflict (declared or detected) on the call's applications. */
export function listConflicts(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('review_conflicts as rc')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'rc.province_id').onRef('a.id', '=', 'rc.application_id'),
    )
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .select([
      'rc.application_id',
      'rc.reviewer_id',
      'rc.source',
      'rc.kind',
      'rc.note',
      'rc.created_at',
      'a.receipt_number',
      'v.name as venture_name',
    ])
    .where('rc.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .orderBy('a.receipt_number')
    .execute()
}

/**
 * Stores what detection found for these applications: new pairs are added, changed ones
 * updated, and detected pairs that no longer match removed (declared ones are never touched).
 */
export async function replaceDetectedConflicts(
  trx: Trx,
  provinceId: string,
  applicationIds: readonly string[],
  found: readonly { applicationId: string; reviewerId: string; kind: ConflictKind; note: string }[],
  now: Date,
) {
  if (applicationIds.length === 0) return
  let stale = trx
    .deleteFrom('review_conflicts')
    .where('province_id', '=', provinceId)
    .where('source', '=', 'detected')
    .where('application_id', 'in', applicationIds)
  if (found.length > 0) {
    const keep = found.map((f) => `${f.applicationId}/${f.reviewerId}`)
    stale = stale.where(sql<string>`application_id::text || '/' || reviewer_id::text`, 'not in', keep)
  }
  await stale.execute()
  if (found.length === 0) return
  await trx
    .insertInto('review_conflicts')
    .values(
      found.map((f) => ({
        province_id: provinceId,
        application_id: f.applicationId,
        reviewer_id: f.reviewerId,
        source: 'detected' as const,
        kind: f.kind,
        note: f.note,
        created_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['province_id', 'application_id', 'reviewer_id', 'source'])
        .doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), note: eb.ref('excluded.note') })),
    )
    .execute()
}

/** The call's assignments with the reviewer, and whether any score was saved. */
export function listAssignments(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('review_assignments as ra')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'ra.province_id').onRef('a.id', '=', 'ra.application_id'),
    )
    .innerJoin('users as u', 'u.id', 'ra.reviewer_id')
    .select((eb) => [
      'ra.application_id',
      'ra.reviewer_id',
      'ra.source',
      'ra.declared_at',
      'ra.scored_at',
      'ra.notified_at',
      'u.name as reviewer_name',
      eb
        .exists(
          eb
            .selectFrom('review_scores as s')
            .select('s.criterion_id')
            .whereRef('s.province_id', '=', 'ra.province_id')
            .whereRef('s.application_id', '=', 'ra.application_id')
            .whereRef('s.reviewer_id', '=', 'ra.reviewer_id'),
        )
        .as('has_scores'),
    ])
    .where('ra.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .orderBy('u.name')
    .execute()
}

export type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number]

export async function insertAssignments(
  trx: Trx,
  provinceId: string,
  pairs: readonly { applicationId: string; reviewerId: string }[],
  values: { source: 'auto' | 'manual'; by: string; at: Date },
) {
  // In slices: one statement for a whole call (5,000 applications × 3 reviewers × 6
  // columns) passes PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < pairs.length; i += INSERT_SLICE) {
    await insertAssignmentSlice(trx, provinceId, pairs.slice(i, i + INSERT_SLICE), values)
  }
}

const INSERT_SLICE = 1000

async function insertAssignmentSlice(
  trx: Trx,
  provinceId: string,
  pairs: readonly { applicationId: string; reviewerId: string }[],
  values: { source: 'auto' | 'manual'; by: string; at: Date },
) {
  if (pairs.length === 0) return
  await trx
    .insertInto('review_assignments')
    .values(
      pairs.map((p) => ({
        province_id: provinceId,
        application_id: p.applicationId,
        reviewer_id: p.reviewerId,
        source: values.source,
        assigned_by: values.by,
        assigned_at: values.at,
      })),
    )
    .onConflict((oc) => oc.columns(['province_id', 'application_id', 'reviewer_id']).doNothing())
    .execute()
}

/** Removes one assignment unless a score was saved on it; answers whether it was removed. */
export async function deleteUnscoredAssignment(
  trx: Trx,
  provinceId: string,
  applicationId: string,
  reviewerId: string,
) {
  const result = await trx
    .deleteFrom('review_assignments as ra')
    .where('ra.province_id', '=', provinceId)
    .where('ra.application_id', '=', applicationId)
    .where('ra.reviewer_id', '=', reviewerId)
    .where('ra.scored_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('review_scores as s')
            .select('s.criterion_id')
            .whereRef('s.province_id', '=', 'ra.province_id')
            .whereRef('s.application_id', '=', 'ra.application_id')
            .whereRef('s.reviewer_id', '=', 'ra.reviewer_id'),
        ),
      ),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Moves eligible applications into review; answers which ones moved. */
export async function startReviewOf(trx: Trx, provinceId: string, applicationIds: readonly string[], at: Date) {
  if (applicationIds.length === 0) return []
  const moved = await trx
    .updateTable('applications')
    .set({ status: 'in_review', updated_at: at })
    .where('province_id', '=', provinceId)
    .where('id', 'in', applicationIds)
    .where('status', '=', 'eligible')
    .returning('id')
    .execute()
  // One statement per slice, not one per application: a first run moves the whole pool.
  for (let i = 0; i < moved.length; i += INSERT_SLICE) {
    await trx
      .insertInto('application_events')
      .values(
        moved
          .slice(i, i + INSERT_SLICE)
          .map((m) => ({ province_id: provinceId, application_id: m.id, status: 'review' as const, at, note: null })),
      )
      .execute()
  }
  return moved.map((m) => m.id)
}

/** Marks the call's review as begun (the first assignment); later calls keep the first instant. */
export function markReviewStarted(trx: Trx, provinceId: string, callId: string, at: Date) {
  return trx
    .updateTable('calls')
    .set({ review_started_at: at })
    .where('province_id', '=', provinceId)
    .where('id', '=', callId)
    .where('review_started_at', 'is', null)
    .execute()
}

/** Notes that the reviewer was told about these assignments. */
export function markNotified(
  trx: Trx,
  provinceId: string,
  reviewerId: string,
  applicationIds: readonly string[],
  at: Date,
) {
  return trx
    .updateTable('review_assignments')
    .set({ notified_at: at })
    .where('province_id', '=', provinceId)
    .where('reviewer_id', '=', reviewerId)
    .where('application_id', 'in', applicationIds)
    .execute()
}

/** The pool's assignments still without a score (reviewProgress's assigned − scored), as a subquery for one round trip. */
export function unscoredInPool(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('review_assignments as ra')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'ra.province_id').onRef('a.id', '=', 'ra.application_id'),
    )
    .select(sql<string>`count(*) - count(ra.scored_at)`.as('n'))
    .where('a.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', POOL)
}

/**
 * Counts of the call's review: assignments, finished reviews, applications short of N
 * reviewers. Summed in the database: one row back, not one per application (5,000 rows at
 * scale, decision 021).
 */
export async function reviewProgress(trx: Trx, provinceId: string, callId: string, perApplication: number) {
  const perPool = trx
    .selectFrom('applications as a')
    .leftJoin('review_assignments as ra', (j) =>
      j.onRef('ra.province_id', '=', 'a.province_id').onRef('ra.application_id', '=', 'a.id'),
    )
    .select([
      'a.id',
      (eb) => eb.fn.count<string>('ra.reviewer_id').as('assigned'),
      (eb) => eb.fn.count<string>('ra.scored_at').as('scored'),
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', POOL)
    .groupBy('a.id')
  const row = await trx
    .selectFrom(perPool.as('p'))
    .select([
      sql<string>`count(*)`.as('pool'),
      sql<string>`coalesce(sum(p.assigned), 0)`.as('assigned'),
      sql<string>`coalesce(sum(p.scored), 0)`.as('scored'),
      sql<string>`count(*) filter (where p.assigned < ${perApplication})`.as('uncovered'),
    ])
    .executeTakeFirstOrThrow()
  return {
    pool: Number(row.pool),
    assigned: Number(row.assigned),
    scored: Number(row.scored),
    uncovered: Number(row.uncovered),
  }
}
