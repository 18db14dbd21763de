import { readTeam } from '#app/modules/auth/invitations.server.ts'
import { missingItems } from '#app/modules/calls/call-rules.ts'
import { findCallUnderReview } from '#app/modules/calls/call-under-review.queries.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { readCallTodo, readEditionTodoCounts } from './todo.queries.server.ts'
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
  // Three statements after the edition: the edition's counts, the call, the call's counts (decision 021).
  const { issues, checklist, pendingInvitations } = await readEditionTodoCounts(trx, provinceId, edition.id, now)
  const call = await findCallUnderReview(trx, provinceId, { id: null, now }, edition)
  const forCall = call ? await readCallTodo(trx, provinceId, call.id) : null
  return buildTodo({
    draftIssues: issues.draft,
    validatedIssues: issues.validated,
    missingChecklistItems: missingItems(checklist).length,
    awaitingScreening: forCall?.awaitingScreening ?? 0,
    pendingInvitations,
    scoresMissing: forCall?.scoresMissing ?? 0,
    reviewClosesAt: call?.review_closes_at ?? null,
    selectionAwaitsMinistry: forCall?.selection === 'awaiting_confirmation',
  })
}

/** The Bappeda home in one transaction: its team (members, invitations, OPDs) and its to-do list. */
export async function loadManageHome(db: DB, provinceId: string, now: Date) {
  return withTenant(db, { provinceId }, async (trx) => ({
    team: await readTeam(trx, provinceId, now),
    todo: await readProvinceTodo(trx, provinceId, now),
  }))
}
