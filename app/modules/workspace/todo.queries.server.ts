import { unscoredInPool } from '#app/modules/assignment/assignments.queries.server.ts'
import { checklistColumns, checklistFrom, issueCount } from '#app/modules/calls/calls.queries.server.ts'
import { awaitingScreening } from '#app/modules/screening/screening.queries.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Counts for the Bappeda home's to-do list, a few statements in all; every query names the province.

/**
 * What the to-do list needs of the edition, in one statement: issues to validate and to
 * publish, invitations pending, and the call checklist's counts.
 */
export async function readEditionTodoCounts(trx: Trx, provinceId: string, editionId: string, now: Date) {
  const row = await trx
    .selectNoFrom([
      ...checklistColumns(trx, provinceId, editionId),
      issueCount(trx, provinceId, editionId, 'draft').as('draft_issues'),
      issueCount(trx, provinceId, editionId, 'validated').as('validated_issues'),
      trx
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('province_id', '=', provinceId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .as('pending_invitations'),
    ])
    .executeTakeFirstOrThrow()
  return {
    issues: { draft: Number(row.draft_issues ?? 0), validated: Number(row.validated_issues ?? 0) },
    checklist: checklistFrom(row),
    pendingInvitations: Number(row.pending_invitations ?? 0),
  }
}

/** What the to-do list needs of the call under review, in one statement: screening, missing scores, selection. */
export async function readCallTodo(trx: Trx, provinceId: string, callId: string) {
  const row = await trx
    .selectNoFrom([
      awaitingScreening(trx, provinceId, callId).as('awaiting_screening'),
      unscoredInPool(trx, provinceId, callId).as('scores_missing'),
      trx
        .selectFrom('selections')
        .select('status')
        .where('province_id', '=', provinceId)
        .where('call_id', '=', callId)
        .as('selection'),
    ])
    .executeTakeFirstOrThrow()
  return {
    awaitingScreening: Number(row.awaiting_screening ?? 0),
    scoresMissing: Number(row.scores_missing ?? 0),
    selection: row.selection ?? null,
  }
}
