import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { queueMail } from '#app/modules/notifications/outbox.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Mail of Bappeda's review workflows (issue 7): the screening outcome to the applicant,
// the assignment digest and the deadline reminder to reviewers, a declared conflict to
// Bappeda. Texts live in the `screening` namespace; framed and written to the outbox
// like every other mail (outbox.server.ts queueMail), in the caller's transaction.

export type ReviewMailTemplate = 'ineligible' | 'assignmentDigest' | 'reminder' | 'conflictDeclared'

export interface ReviewMail {
  to: string
  name: string
  locale: Language
  template: ReviewMailTemplate
  params: Record<string, string | number>
}

/** Renders a review mail from the `screening` namespace and queues it in the caller's transaction. */
export async function enqueueReviewMail(trx: Trx, mail: ReviewMail): Promise<void> {
  const t = getFixedT(mail.locale)
  const p = { ...mail.params, name: mail.name, interpolation: { escapeValue: false } }
  await queueMail(trx, {
    to: mail.to,
    name: mail.name,
    locale: mail.locale,
    template: `screening.${mail.template}`,
    subject: t(`screening:mail.${mail.template}.subject`, p),
    body: t(`screening:mail.${mail.template}.body`, p),
  })
}
