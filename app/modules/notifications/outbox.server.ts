import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

export type MailTemplate =
  | 'verifyEmail'
  | 'accountExists'
  | 'resetPassword'
  | 'invitation'
  | 'callExtended'
  | 'applicationSubmitted'
  | 'applicationWithdrawn'

export interface MailRequest {
  to: string
  name: string
  locale: Language
  template: MailTemplate
  params: Record<string, string>
}

/** Subject and plain-text body of a mail in the recipient's language. */
export function renderMail(request: Omit<MailRequest, 'to'>): { subject: string; text: string } {
  const t = getFixedT(request.locale)
  const p = { ...request.params, name: request.name, interpolation: { escapeValue: false } }
  const subject = t(`mail:${request.template}.subject`, p)
  const body = t(`mail:${request.template}.body`, p)
  return { subject, text: `${t('mail:greeting', p)}\n\n${body}\n\n${t('mail:signature')}\n` }
}

/**
 * Writes a mail to the outbox inside the caller's transaction, so it exists exactly
 * when the change that caused it is committed. Delivery happens later (mail-delivery).
 */
export async function enqueueMail(trx: Trx, request: MailRequest): Promise<string> {
  const { subject, text } = renderMail(request)
  const row = await trx
    .insertInto('mail_outbox')
    .values({
      to_email: request.to,
      to_name: request.name,
      template: request.template,
      locale: request.locale,
      subject,
      body_text: text,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
