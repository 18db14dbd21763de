import { enqueueModuleMail, type ModuleMail } from '#app/modules/notifications/outbox.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Mail of impact measurements: Bappeda's confirmation or return, to whoever
// entered the measurement. Texts live in the `impact` namespace; queued in the deciding
// transaction like every other mail.

export const impactMailTemplates = ['confirmed', 'returned'] as const
export type ImpactMailTemplate = (typeof impactMailTemplates)[number]

/** Renders a mail of the `impact` namespace and queues it in the caller's transaction. */
export function enqueueImpactMail(trx: Trx, mail: ModuleMail<ImpactMailTemplate>): Promise<string> {
  return enqueueModuleMail(trx, 'impact', mail)
}
