import { reviewProgress } from '#app/modules/assignment/assignments.queries.server.ts'
import { readTeam } from '#app/modules/auth/invitations.server.ts'
import { missingItems } from '#app/modules/calls/call-rules.ts'
import { findCallUnderReview } from '#app/modules/calls/call-under-review.queries.server.ts'
import { checklistCounts } from '#app/modules/calls/calls.queries.server.ts'
import { countByScreeningState } from '#app/modules/screening/screening.queries.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { countIssuesByStatus, countPendingInvitations, findSelectionStatus } from './todo.queries.server.ts'
import { buildTodo } from './todo-rules.ts'

/**
 * The Bappeda home's to-do list, read live in the caller's transaction (the province's scope): issues to validate and
 * publish, what the call still needs before it can open, applications to screen,
 * invitations not accepted, scores missing before the review deadline, and a
 * selection waiting for the ministry.
 */
export async function readProvinceTodo(trx: Trx, provinceId: string, now: Date) {
  const edition = await findCurrentEdition(trx)
  if (!edition) return []
  const issues = await countIssuesByStatus(trx, provinceId, edition.id)
  const checklist = missingItems(await checklistCounts(trx, provinceId, edition.id))
  const pendingInvitations = await countPendingInvitations(trx, provinceId, now)
  const call = await findCallUnderReview(trx, provinceId, { id: null, now })
  const screening = call ? await countByScreeningState(trx, provinceId, call.id) : null
  const review = call ? await reviewProgress(trx, provinceId, call.id, call.reviewers_per_application) : null
  const selection = call ? await findSelectionStatus(trx, provinceId, call.id) : null
  return buildTodo({
    draftIssues: issues.draft,
    validatedIssues: issues.validated,
    missingChecklistItems: checklist.length,
    awaitingScreening: screening?.pending ?? 0,
    pendingInvitations,
    scoresMissing: review ? review.assigned - review.scored : 0,
    reviewClosesAt: call?.review_closes_at ?? null,
    selectionAwaitsMinistry: selection === 'awaiting_confirmation',
  })
}

/** The Bappeda home in one transaction: its team (members, invitations, OPDs) and its to-do list. */
export async function loadManageHome(db: DB, provinceId: string, now: Date) {
  return withTenant(db, { provinceId }, async (trx) => ({
    team: await readTeam(trx, provinceId, now),
    todo: await readProvinceTodo(trx, provinceId, now),
  }))
}
