import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import { RANKED_STATUSES } from './selection-rules.ts'

// Kysely only. The ranking of a call (issue 7) is read in a fixed number of queries
// whatever the number of applications (a benchmark renders 5,000): every completed
// review's total, the ranked applications with what the leaderboard names, and the
// call's progress. Every query names the province (docs/ARCHITECTURE.md#tenancy, layer 4).

/** Every completed review of the call: who, on what, and the weighted total (0–100). */
export function listCompletedTotals(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('review_assignments as ra')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'ra.province_id').onRef('a.id', '=', 'ra.application_id'),
    )
    .innerJoin('users as u', 'u.id', 'ra.reviewer_id')
    .select(['ra.application_id', 'ra.reviewer_id', 'ra.total', 'ra.scored_at', 'u.name as reviewer_name'])
    .where('ra.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', RANKED_STATUSES)
    .where('ra.total', 'is not', null)
    .orderBy('ra.application_id')
    .orderBy('ra.scored_at')
    .orderBy('ra.reviewer_id')
    .execute()
}

/**
 * The call's applications in the ranked statuses, with issue, venture and selection stage.
 * Those without a completed review are left out by buildLeaderboard, which starts from the
 * totals: an EXISTS on review_assignments here made the planner loop over applications ×
 * issues (5,000 applications: 0.44 s instead of 0.07 s, review-at-scale benchmark).
 */
export function listRankedApplications(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .leftJoin('selection_entries as se', (j) =>
      j.onRef('se.province_id', '=', 'a.province_id').onRef('se.application_id', '=', 'a.id'),
    )
    .select([
      'a.id',
      'a.receipt_number',
      'a.status',
      'a.issue_id',
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
      'v.name as venture_name',
      'se.stage',
      'se.justification',
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', RANKED_STATUSES)
    .execute()
}

/** Reviews complete and assigned for the call, and how many applications are under review. */
export async function countProgress(trx: Trx, provinceId: string, callId: string) {
  const row = await trx
    .selectFrom('applications as a')
    .leftJoin('review_assignments as ra', (j) =>
      j.onRef('ra.province_id', '=', 'a.province_id').onRef('ra.application_id', '=', 'a.id'),
    )
    .select((eb) => [
      eb.fn.count<string>('ra.reviewer_id').as('assigned'),
      eb.fn.count<string>('ra.total').as('complete'),
      sql<string>`count(distinct a.id)`.as('applications'),
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', RANKED_STATUSES)
    .executeTakeFirstOrThrow()
  return { assigned: Number(row.assigned), complete: Number(row.complete), applications: Number(row.applications) }
}

/** The published issues the call's applications can be filtered by. */
export function listIssueOptions(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('province_issues')
    .select(['id', 'title_id', 'title_en'])
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .orderBy('priority')
    .execute()
}

/** Records the admin's choice of ranking method on the call. */
export function updateRankingMethod(trx: Trx, provinceId: string, callId: string, method: 'mean' | 'zscore') {
  return trx
    .updateTable('calls')
    .set({ ranking_method: method, updated_at: new Date() })
    .where('province_id', '=', provinceId)
    .where('id', '=', callId)
    .executeTakeFirst()
}

/**
 * The version of the call's leaderboard (docs/decisions/022), null before its first change,
 * and whether this transaction has written anything yet: a transaction that wrote may see
 * its own uncommitted rows, so what it computes is not cached.
 */
export async function readRankingVersion(trx: Trx, provinceId: string, callId: string) {
  const { rows } = await sql<{ version: string | null; wrote: boolean }>`
    select (select version from ranking_versions where province_id = ${provinceId} and call_id = ${callId}) as version,
           pg_current_xact_id_if_assigned() is not null as wrote`.execute(trx)
  const row = rows[0]
  return { version: row?.version ?? null, wrote: row?.wrote ?? true }
}

/** Reviewers' names by id (names are read live, so renaming a user needs no ranking change). */
export function listReviewerNames(trx: Trx, reviewerIds: readonly string[]) {
  if (reviewerIds.length === 0) return Promise.resolve([])
  return trx.selectFrom('users').select(['id', 'name']).where('id', 'in', reviewerIds).execute()
}
