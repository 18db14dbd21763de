import { enqueueModuleMail, type ModuleMail } from '#app/modules/notifications/outbox.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Mail of the Final Night: a juror's or guest's invitation, and a guest's interest in a
// finalist (to the finalist). Texts live in the `final-night` namespace; queued in the
// caller's transaction like every other mail.

export const finalNightMailTemplates = ['juror', 'guest', 'interest'] as const
export type FinalNightMailTemplate = (typeof finalNightMailTemplates)[number]

/** Renders a mail of the `final-night` namespace and queues it in the caller's transaction. */
export function enqueueFinalNightMail(trx: Trx, mail: ModuleMail<FinalNightMailTemplate>): Promise<string> {
  return enqueueModuleMail(trx, 'final-night', mail)
}
