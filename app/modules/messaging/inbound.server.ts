import { isLanguage, type Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { listOwnApplicationStatuses } from '#app/modules/applications/application.queries.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  applicantProvinces,
  findVerifiedContactByPhone,
  latestHelpDesk,
  updateContact,
} from './messaging.queries.server.ts'
import { parseInbound } from './messaging-rules.ts'
import { type ChannelTemplate, queueChannelMessage } from './outbox.server.ts'
import { normalisePhone } from './phone.ts'

// What a person may send us (README "WhatsApp and SMS"): STOP opts out; STATUS (or
// STATUS <receipt>) answers the state of their own applications; anything else the
// help desk of their province. The sender is resolved by verified number only; their
// applications are then read per province through withTenant, bound to that province
// and filtered on them as applicant, so another person's receipt finds nothing.
// Unknown numbers (not verified by anyone) get no answer: we never write first to a
// number nobody confirmed.

export type InboundOutcome = 'ignored' | 'stopped' | 'status' | 'help'

export async function answerInbound(db: DB, from: string, text: string, now: Date): Promise<InboundOutcome> {
  const phone = normalisePhone(from)
  if (!phone) return 'ignored'
  const contact = await withTenant(db, { identity: true }, (trx) => findVerifiedContactByPhone(trx, phone))
  if (!contact?.active) return 'ignored'
  // Memberships are readable to their own user only: a second transaction names them.
  const provinces = await withTenant(db, { identity: true, userId: contact.user_id }, (trx) =>
    applicantProvinces(trx, contact.user_id),
  )
  const sender = { ...contact, provinces }
  const locale: Language = isLanguage(sender.locale) ? sender.locale : 'id'
  const command = parseInbound(text)

  if (command.kind === 'stop') {
    if (sender.status === 'stopped') return 'ignored'
    await withTenant(db, { identity: true, userId: sender.user_id }, async (trx) => {
      await updateContact(trx, sender.user_id, {
        status: 'stopped',
        stopped_at: now,
        stopped_via: 'reply',
        updated_at: now,
      })
      await queueChannelMessage(trx, { userId: sender.user_id, phone, locale, template: 'optedOut', params: {}, now })
      await audit(trx, {
        actorId: sender.user_id,
        action: 'messaging.opted_out',
        objectType: 'user',
        objectId: sender.user_id,
        details: { via: 'reply' },
      })
    })
    return 'stopped'
  }
  // Opted out: nothing is sent until the person opts in again from the account page.
  if (sender.status !== 'active') return 'ignored'

  const t = getFixedT(locale)
  let reply: { template: ChannelTemplate; params: Record<string, string> }
  if (command.kind === 'status') {
    const lines: string[] = []
    for (const province of sender.provinces) {
      const apps = await withTenant(db, { provinceId: province.id, userId: sender.user_id }, (trx) =>
        command.receipt === ''
          ? Promise.resolve([])
          : listOwnApplicationStatuses(trx, { provinceId: province.id, userId: sender.user_id }, command.receipt),
      )
      for (const a of apps) {
        lines.push(
          t('messaging:status.line', {
            receipt: a.receipt_number ?? t('messaging:status.draft'),
            venture: a.venture_name,
            province: province.name,
            state: t(`messaging:status.state.${a.status}`),
            interpolation: { escapeValue: false },
          }),
        )
      }
    }
    reply =
      lines.length > 0
        ? { template: 'statusReply', params: { lines: lines.slice(0, 3).join('\n') } }
        : command.receipt
          ? { template: 'statusUnknownReceipt', params: { receipt: command.receipt } }
          : { template: 'statusNone', params: {} }
  } else {
    const home = sender.provinces[0]
    if (home) {
      const desk = await withTenant(db, { provinceId: home.id, userId: sender.user_id }, (trx) =>
        latestHelpDesk(trx, home.id),
      )
      const contacts = [
        desk?.helpdesk_whatsapp ? t('messaging:help.whatsapp', { value: desk.helpdesk_whatsapp }) : null,
        (desk?.helpdesk_phone ?? home.contact_phone)
          ? t('messaging:help.phone', { value: desk?.helpdesk_phone ?? home.contact_phone })
          : null,
        (desk?.helpdesk_email ?? home.contact_email)
          ? t('messaging:help.email', { value: desk?.helpdesk_email ?? home.contact_email })
          : null,
      ].filter((l): l is string => l !== null)
      reply = { template: 'help', params: { province: home.name, contacts: contacts.join('\n') } }
    } else {
      reply = { template: 'helpNoProvince', params: {} }
    }
  }
  await withTenant(db, { identity: true, userId: sender.user_id }, async (trx) => {
    await queueChannelMessage(trx, { userId: sender.user_id, phone, locale, ...reply, now })
    await audit(trx, {
      actorId: sender.user_id,
      action: 'messaging.inbound_answered',
      objectType: 'user',
      objectId: sender.user_id,
      details: { command: command.kind },
    })
  })
  return command.kind === 'status' ? 'status' : 'help'
}
