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

/** A rendered mail ready for the outbox; `template` names its kind for the mailbox and logs. */
export interface OutboxMail {
  to: string
  name: string
  locale: Language
  template: string
  subject: string
  body: string
}

/** The house frame of every WiNNER mail: greeting, the body, signature, in the recipient's language. */
export function frameMail(locale: Language, name: string, body: string): string {
  const t = getFixedT(locale)
  const greeting = t('mail:greeting', { name, interpolation: { escapeValue: false } })
  return `${greeting}\n\n${body}\n\n${t('mail:signature')}\n`
}

/**
 * Writes a rendered mail to the outbox inside the caller's transaction, so it exists
 * exactly when the change that caused it is committed. Delivery happens later
 * (mail-delivery). Every module's mail goes through here.
 */
export async function queueMail(trx: Trx, mail: OutboxMail): Promise<string> {
  const row = await trx
    .insertInto('mail_outbox')
    .values({
      to_email: mail.to,
      to_name: mail.name,
      template: mail.template,
      locale: mail.locale,
      subject: mail.subject,
      body_text: frameMail(mail.locale, mail.name, mail.body),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Renders one of the `mail` namespace's templates and queues it (see queueMail). */
export function enqueueMail(trx: Trx, request: MailRequest): Promise<string> {
  const t = getFixedT(request.locale)
  const p = { ...request.params, name: request.name, interpolation: { escapeValue: false } }
  return queueMail(trx, {
    to: request.to,
    name: request.name,
    locale: request.locale,
    template: request.template,
    subject: t(`mail:${request.template}.subject`, p),
    body: t(`mail:${request.template}.body`, p),
  })
}
