import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import {
  listMemberNames,
  listPool,
  listReviewers,
  type ReviewerRow,
  replaceDetectedConflicts,
} from './assignments.queries.server.ts'
import { type DetectedConflict, detectConflicts } from './conflicts.ts'

// Feeds the pure detection (conflicts.ts) from the database and stores its findings as
// `detected` conflicts of the call's review pool. Runs inside the caller's transaction,
// before each assignment, so a new reviewer or a changed team is taken into account.

type Pool = Awaited<ReturnType<typeof listPool>>

export async function refreshDetectedConflicts(
  trx: Trx,
  provinceId: string,
  pool: Pool,
  reviewers: readonly ReviewerRow[],
  now: Date,
): Promise<DetectedConflict[]> {
  const members = await listMemberNames(
    trx,
    provinceId,
    pool.map((a) => a.snapshot_id),
  )
  // Grouped once: filtering every member for every application is quadratic in the pool.
  const membersOf = new Map<string, string[]>()
  for (const m of members) membersOf.set(m.snapshot_id, [...(membersOf.get(m.snapshot_id) ?? []), m.name])
  const found = detectConflicts(
    reviewers.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      opdName: r.opd_name,
      opdShortName: r.opd_short_name,
    })),
    pool.map((a) => ({
      id: a.id,
      applicantEmail: a.applicant_email,
      ventureName: a.venture_name,
      memberNames: membersOf.get(a.snapshot_id) ?? [],
    })),
  )
  await replaceDetectedConflicts(
    trx,
    provinceId,
    pool.map((a) => a.id),
    found,
    now,
  )
  return found
}

/** Loads the pool and the reviewers and refreshes detection (the reviewers page's button). */
export async function detectForCall(trx: Trx, provinceId: string, callId: string, now: Date) {
  const pool = await listPool(trx, provinceId, callId)
  const reviewers = await listReviewers(trx, provinceId)
  return refreshDetectedConflicts(trx, provinceId, pool, reviewers, now)
}
