import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Mail of Bappeda's review workflows (issue 7): the screening outcome to the applicant,
// the assignment digest and the deadline reminder to reviewers, a declared conflict to Bappeda. Texts live in the
// `screening` namespace (one namespace per branch of issue 7), framed by the shared
// greeting and signature of the `mail` namespace; written to the outbox in the caller's
// transaction like every other mail (outbox.server.ts), delivered later.

export type ReviewMailTemplate = 'ineligible' | 'assignmentDigest' | 'reminder' | 'conflictDeclared'

export interface ReviewMail {
  to: string
  name: string
  locale: Language
  template: ReviewMailTemplate
  params: Record<string, string | number>
}

export function renderReviewMail(mail: Omit<ReviewMail, 'to'>): { subject: string; text: string } {
  const t = getFixedT(mail.locale)
  const p = { ...mail.params, name: mail.name, interpolation: { escapeValue: false } }
  const subject = t(`screening:mail.${mail.template}.subject`, p)
  const body = t(`screening:mail.${mail.template}.body`, p)
  return { subject, text: `${t('mail:greeting', p)}\n\n${body}\n\n${t('mail:signature')}\n` }
}

export async function enqueueReviewMail(trx: Trx, mail: ReviewMail): Promise<void> {
  const { subject, text } = renderReviewMail(mail)
  await trx
    .insertInto('mail_outbox')
    .values({
      to_email: mail.to,
      to_name: mail.name,
      template: `screening.${mail.template}`,
      locale: mail.locale,
      subject,
      body_text: text,
    })
    .execute()
}
