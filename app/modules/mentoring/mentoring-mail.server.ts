import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { queueMail } from '#app/modules/notifications/outbox.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Mail of mentoring (issue 14): a mentor's invitation, the day-before session reminder
// and the overdue action item. Texts live in the `mentoring` namespace; framed and
// written to the outbox like every other mail, in the caller's transaction.

export type MentoringMailTemplate = 'invitation' | 'sessionReminder' | 'overdue'

export interface MentoringMail {
  to: string
  name: string
  locale: Language
  template: MentoringMailTemplate
  params: Record<string, string | number>
}

/** Renders a mentoring mail and queues it in the caller's transaction. */
export async function enqueueMentoringMail(trx: Trx, mail: MentoringMail): Promise<void> {
  const t = getFixedT(mail.locale)
  const p = { ...mail.params, name: mail.name, interpolation: { escapeValue: false } }
  await queueMail(trx, {
    to: mail.to,
    name: mail.name,
    locale: mail.locale,
    template: `mentoring.${mail.template}`,
    subject: t(`mentoring:mail.${mail.template}.subject`, p),
    body: t(`mentoring:mail.${mail.template}.body`, p),
  })
}
