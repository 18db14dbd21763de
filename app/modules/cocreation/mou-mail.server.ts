import { enqueueModuleMail, type ModuleMail } from '#app/modules/notifications/outbox.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Mail of the MoUs (issue 15): the expiry reminders, a report submitted (to Bappeda),
// accepted or returned (to the venture). Texts live in the `mou` namespace; queued in
// the caller's transaction like every other mail.

export const mouMailTemplates = ['expiryReminder', 'reportSubmitted', 'reportAccepted', 'reportReturned'] as const
export type MouMailTemplate = (typeof mouMailTemplates)[number]

/** Renders a mail of the `mou` namespace and queues it in the caller's transaction. */
export function enqueueMouMail(trx: Trx, mail: ModuleMail<MouMailTemplate>): Promise<string> {
  return enqueueModuleMail(trx, 'mou', mail)
}
