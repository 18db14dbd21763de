import { audit } from '#app/modules/audit/audit.server.ts'
import {
  type CallChoice,
  findCallUnderReview,
  listReviewableCalls,
  lockCallUnderReview,
} from '#app/modules/calls/call-under-review.queries.server.ts'
import { notFound } from '#app/modules/errors/errors.ts'
import type { ReviewActor, ReviewProvince } from '#app/modules/review/review-context.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { listAssignments, listConflicts, listReviewers } from './assignments.queries.server.ts'
import { detectForCall } from './conflicts.server.ts'

// The province's reviewers for one call (issue 7): their OPD, their load (assigned and
// scored) and their conflicts, declared by them or detected.

export async function loadReviewersPage(db: DB, province: ReviewProvince, choice: CallChoice) {
  const edition = await findCurrentEdition(db)
  if (!edition) return null
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await findCallUnderReview(trx, province.id, choice)
    const calls = call ? await listReviewableCalls(trx, province.id, edition.id) : []
    const reviewers = await listReviewers(trx, province.id)
    const assignments = call ? await listAssignments(trx, province.id, call.id) : []
    const conflicts = call ? await listConflicts(trx, province.id, call.id) : []
    return {
      calls,
      call: call ?? null,
      reviewers: reviewers.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        opd: r.opd_name,
        opdShort: r.opd_short_name,
        assigned: assignments.filter((a) => a.reviewer_id === r.id).length,
        scored: assignments.filter((a) => a.reviewer_id === r.id && a.scored_at !== null).length,
        conflicts: conflicts
          .filter((c) => c.reviewer_id === r.id)
          .map((c) => ({
            applicationId: c.application_id,
            receipt: c.receipt_number,
            venture: c.venture_name,
            source: c.source,
            kind: c.kind,
            note: c.note,
          })),
      })),
    }
  })
}

/** Runs detection now (it also runs before each assignment); answers how many pairs it found. */
export async function detectNow(db: DB, province: ReviewProvince, actor: ReviewActor, callId: string) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await lockCallUnderReview(trx, province.id, callId)
    if (!call) throw notFound('call')
    const found = await detectForCall(trx, province.id, call.id, actor.now)
    await audit(trx, {
      actorId: actor.userId,
      action: 'review.conflicts_detected',
      objectType: 'call',
      objectId: call.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { found: found.length },
    })
    return found.length
  })
}
