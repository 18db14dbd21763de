import { enqueueModuleMail, type ModuleMail } from '#app/modules/notifications/outbox.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Mail of mentoring (issue 14): a mentor's invitation, the day-before session reminder
// and the overdue action item. Texts live in the `mentoring` namespace; framed and
// written to the outbox like every other mail, in the caller's transaction.

export const mentoringMailTemplates = ['invitation', 'sessionReminder', 'overdue'] as const
export type MentoringMailTemplate = (typeof mentoringMailTemplates)[number]

/** Renders a mail of the `mentoring` namespace and queues it in the caller's transaction. */
export function enqueueMentoringMail(trx: Trx, mail: ModuleMail<MentoringMailTemplate>): Promise<string> {
  return enqueueModuleMail(trx, 'mentoring', mail)
}
