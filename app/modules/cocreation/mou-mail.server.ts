import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { queueMail } from '#app/modules/notifications/outbox.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Mail of the MoUs (issue 15): the expiry reminders, a report submitted (to Bappeda),
// accepted or returned (to the venture). Texts live in the `mou` namespace; queued in
// the caller's transaction like every other mail.

export type MouMailTemplate = 'expiryReminder' | 'reportSubmitted' | 'reportAccepted' | 'reportReturned'

export interface MouMail {
  to: string
  name: string
  locale: Language
  template: MouMailTemplate
  params: Record<string, string | number>
}

/** Renders a MoU mail and queues it in the caller's transaction. */
export async function enqueueMouMail(trx: Trx, mail: MouMail): Promise<void> {
  const t = getFixedT(mail.locale)
  const p = { ...mail.params, name: mail.name, interpolation: { escapeValue: false } }
  await queueMail(trx, {
    to: mail.to,
    name: mail.name,
    locale: mail.locale,
    template: `mou.${mail.template}`,
    subject: t(`mou:mail.${mail.template}.subject`, p),
    body: t(`mou:mail.${mail.template}.body`, p),
  })
}
