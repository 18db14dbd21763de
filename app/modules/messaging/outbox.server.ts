import { randomUUID } from 'node:crypto'
import { isLanguage, type Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import { findRecipient, insertMessage } from './messaging.queries.server.ts'

// The message outbox, like the mail outbox (notifications/outbox.server.ts): a message
// is rendered in the recipient's language and written in the transaction of the change
// that caused it, so it exists exactly when that change commits. delivery.server.ts
// sends it later (pg-boss), or logs it where no provider is configured.

/** The templates of the `messaging` namespace (`messaging:templates.<name>`). */
export type MessageTemplate =
  | 'emailVerified'
  | 'applicationSubmitted'
  | 'deadlineSoon'
  | 'screeningEligible'
  | 'screeningIneligible'
  | 'finalistAnnouncement'
  | 'mentoringTomorrow'

/** Messages the channel itself sends (codes, replies, the opt-out confirmation). */
export type ChannelTemplate =
  | 'phoneCode'
  | 'optedOut'
  | 'statusReply'
  | 'statusNone'
  | 'statusUnknownReceipt'
  | 'help'
  | 'helpNoProvince'

export interface MessageRequest {
  userId: string
  template: MessageTemplate
  /** Interpolated into the template; plain text (WhatsApp and SMS show no markup). */
  params?: Record<string, string>
  /**
   * Makes the message once-only: a second message with the same key is dropped (the
   * deadline sweep passes `deadlineSoon:<application>`). Default: a fresh key.
   */
  dedupeKey?: string
  now: Date
}

export function renderMessage(
  locale: Language,
  template: MessageTemplate | ChannelTemplate,
  params: Record<string, string>,
) {
  const t = getFixedT(locale)
  return t(`messaging:templates.${template}`, { ...params, interpolation: { escapeValue: false } })
}

/**
 * Params per template (all strings): emailVerified —; applicationSubmitted receipt,
 * province, submitted; deadlineSoon province, closes, sections; screeningEligible and
 * screeningIneligible receipt, province, reason; finalistAnnouncement venture, province;
 * mentoringTomorrow mentor, when (formatted in the province's zone), place. `name` is
 * always the recipient's.
 *
 * Queues a template message to a user who opted in (a verified number, not stopped),
 * inside the caller's transaction; anyone else is silently skipped (null). This is the
 * one entry for other modules (submission, screening, selection, mentoring).
 */
export async function queueMessage(trx: Trx, request: MessageRequest): Promise<string | null> {
  const recipient = await findRecipient(trx, request.userId)
  if (!recipient?.active || recipient.status !== 'active' || !recipient.phone) return null
  const locale: Language = isLanguage(recipient.locale) ? recipient.locale : 'id'
  return insertMessage(trx, {
    user_id: recipient.id,
    to_phone: recipient.phone,
    template: request.template,
    locale,
    body_text: renderMessage(locale, request.template, { name: recipient.name, ...request.params }),
    dedupe_key: request.dedupeKey ?? `${request.template}:${randomUUID()}`,
    next_attempt_at: request.now,
  })
}

/** A channel message to a given number, opted in or not (the code, the STOP confirmation, a reply). */
export function queueChannelMessage(
  trx: Trx,
  m: {
    userId: string
    phone: string
    locale: Language
    template: ChannelTemplate
    params: Record<string, string>
    now: Date
  },
): Promise<string | null> {
  return insertMessage(trx, {
    user_id: m.userId,
    to_phone: m.phone,
    template: m.template,
    locale: m.locale,
    body_text: renderMessage(m.locale, m.template, m.params),
    dedupe_key: `${m.template}:${randomUUID()}`,
    next_attempt_at: m.now,
  })
}
