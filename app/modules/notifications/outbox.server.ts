import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

/** The templates of the `mail` namespace (account and application mails). */
export const mailTemplates = [
  'verifyEmail',
  'accountExists',
  'resetPassword',
  'invitation',
  'callExtended',
  'applicationSubmitted',
  'applicationWithdrawn',
] as const
export type MailTemplate = (typeof mailTemplates)[number]

export type MailRequest = Omit<ModuleMail<MailTemplate>, 'params'> & { params: Record<string, string> }

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
  return queueRendered(trx, request, `mail:${request.template}`, request.template)
}

/** A mail written in a module's own namespace, under `mail.<template>` (subject and body). */
export interface ModuleMail<Template extends string = string> {
  to: string
  name: string
  locale: Language
  template: Template
  params: Record<string, string | number>
}

/** The namespaces that carry mails of their own; each module lists its templates beside its sender. */
export type MailNamespace = 'final-night' | 'impact' | 'mentoring' | 'mou' | 'screening'

/** Renders a module's mail from its namespace and queues it, recorded as `<namespace>.<template>`. */
export function enqueueModuleMail(trx: Trx, namespace: MailNamespace, mail: ModuleMail): Promise<string> {
  return queueRendered(trx, mail, `${namespace}:mail.${mail.template}`, `${namespace}.${mail.template}`)
}

/**
 * Renders `<key>.subject` and `<key>.body` in the recipient's language with the mail's
 * parameters and its name (plain text: nothing escaped) and queues the result.
 */
function queueRendered(trx: Trx, mail: Omit<ModuleMail, 'template'>, key: string, template: string): Promise<string> {
  // Keys are put together here, past what the typed keys can follow; tests/unit/mail-templates.test.ts
  // renders every template each module declares, in both languages.
  const t = getFixedT(mail.locale) as unknown as (key: string, options: object) => string
  const p = { ...mail.params, name: mail.name, interpolation: { escapeValue: false } }
  return queueMail(trx, {
    to: mail.to,
    name: mail.name,
    locale: mail.locale,
    template,
    subject: t(`${key}.subject`, p),
    body: t(`${key}.body`, p),
  })
}
