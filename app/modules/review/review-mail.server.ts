import { enqueueModuleMail, type ModuleMail } from '#app/modules/notifications/outbox.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Mail of Bappeda's review workflows (issue 7): the screening outcome to the applicant,
// the assignment digest and the deadline reminder to reviewers, a declared conflict to
// Bappeda. Texts live in the `screening` namespace; framed and written to the outbox
// like every other mail (outbox.server.ts), in the caller's transaction.

export const reviewMailTemplates = ['ineligible', 'assignmentDigest', 'reminder', 'conflictDeclared'] as const
export type ReviewMailTemplate = (typeof reviewMailTemplates)[number]

/** Renders a mail of the `screening` namespace and queues it in the caller's transaction. */
export function enqueueReviewMail(trx: Trx, mail: ModuleMail<ReviewMailTemplate>): Promise<string> {
  return enqueueModuleMail(trx, 'screening', mail)
}
