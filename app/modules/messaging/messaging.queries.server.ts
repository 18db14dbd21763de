import { isUuid } from '#app/modules/errors/errors.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { MessageChannel, MessageStatus } from '#db/schema.ts'

// The messaging tables (migration 2026-12-06T0500) are identity tables: a person's
// channel and messages, reachable from any scope's transaction. Tenant data (their
// applications, the help desk) is read per province in inbound.server.ts.

export function findContact(trx: Trx, userId: string) {
  return trx.selectFrom('messaging_contacts').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirst()
}

/** The person behind a verified number (one at most: a unique index). */
export function findVerifiedContactByPhone(trx: Trx, phone: string) {
  return trx
    .selectFrom('messaging_contacts as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.user_id', 'c.phone', 'c.status', 'u.locale', 'u.active'])
    .where('c.phone', '=', phone)
    .where('c.verified_at', 'is not', null)
    .executeTakeFirst()
}

export function phoneVerifiedByAnother(trx: Trx, userId: string, phone: string) {
  return trx
    .selectFrom('messaging_contacts')
    .select('user_id')
    .where('phone', '=', phone)
    .where('verified_at', 'is not', null)
    .where('user_id', '<>', userId)
    .executeTakeFirst()
}

export async function saveContact(
  trx: Trx,
  row: {
    user_id: string
    phone: string
    status: 'pending' | 'active' | 'stopped'
    verified_at: Date | null
    code_hash: string | null
    code_expires_at: Date | null
    code_attempts: number
    stopped_at: Date | null
    stopped_via: 'reply' | 'account' | null
    updated_at: Date
  },
) {
  await trx
    .insertInto('messaging_contacts')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute()
}

export async function updateContact(
  trx: Trx,
  userId: string,
  set: Partial<{
    status: 'pending' | 'active' | 'stopped'
    verified_at: Date | null
    code_hash: string | null
    code_expires_at: Date | null
    code_attempts: number
    stopped_at: Date | null
    stopped_via: 'reply' | 'account' | null
    updated_at: Date
  }>,
) {
  await trx.updateTable('messaging_contacts').set(set).where('user_id', '=', userId).execute()
}

export function findRecipient(trx: Trx, userId: string) {
  return trx
    .selectFrom('users as u')
    .leftJoin('messaging_contacts as c', 'c.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.locale', 'u.active', 'c.phone', 'c.status'])
    .where('u.id', '=', userId)
    .executeTakeFirst()
}

/** How many codes were sent to the user since `since` (CODES_PER_HOUR). */
export async function countCodesSince(trx: Trx, userId: string, since: Date): Promise<number> {
  const row = await trx
    .selectFrom('message_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('template', '=', 'phoneCode')
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Writes one message; a second message with the same dedupe key is dropped (returns null). */
export async function insertMessage(
  trx: Trx,
  m: {
    user_id: string
    to_phone: string
    template: string
    locale: 'id' | 'en'
    body_text: string
    dedupe_key: string
    next_attempt_at: Date
  },
): Promise<string | null> {
  const row = await trx
    .insertInto('message_outbox')
    .values({ ...m, created_at: m.next_attempt_at })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

export function lockDueMessages(trx: Trx, now: Date, limit: number) {
  return trx
    .selectFrom('message_outbox')
    .select(['id', 'user_id', 'to_phone', 'template', 'locale', 'body_text', 'channel', 'attempts'])
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
}

/** When the last day's messages to a user went out (rate limits). */
export async function sentTimes(trx: Trx, userId: string, since: Date): Promise<Date[]> {
  const rows = await trx
    .selectFrom('message_outbox')
    .select('sent_at')
    .where('user_id', '=', userId)
    .where('sent_at', '>', since)
    .execute()
  return rows.flatMap((r) => (r.sent_at ? [new Date(r.sent_at)] : []))
}

export async function updateMessage(
  trx: Trx,
  id: string,
  set: Partial<{
    status: MessageStatus
    channel: MessageChannel
    provider_id: string | null
    attempts: number
    next_attempt_at: Date
    last_error: string | null
    sent_at: Date
    delivered_at: Date
    failed_at: Date
    body_text: string
  }>,
) {
  await trx.updateTable('message_outbox').set(set).where('id', '=', id).execute()
}

/** The message a callback names: by the provider's id, or by our reference (its id). */
export function lockMessageForCallback(trx: Trx, providerId: string, reference: string | null) {
  return trx
    .selectFrom('message_outbox')
    .select(['id', 'user_id', 'status', 'channel', 'provider_id'])
    .where((eb) =>
      isUuid(reference)
        ? eb.or([eb('provider_id', '=', providerId), eb('id', '=', reference)])
        : eb('provider_id', '=', providerId),
    )
    .forUpdate()
    .executeTakeFirst()
}

/** Records a callback's nonce; false when it was seen before (a replay). Old nonces are forgotten. */
export async function takeNonce(trx: Trx, nonce: string, now: Date, windowS: number): Promise<boolean> {
  await trx
    .deleteFrom('messaging_webhook_nonces')
    .where('seen_at', '<', new Date(now.getTime() - 2 * windowS * 1000))
    .execute()
  const row = await trx
    .insertInto('messaging_webhook_nonces')
    .values({ nonce, seen_at: now })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .returning('nonce')
    .executeTakeFirst()
  return row !== undefined
}

/** The provinces where the user applies (their applicant memberships). */
export async function applicantProvinces(trx: Trx, userId: string) {
  return trx
    .selectFrom('memberships as m')
    .innerJoin('provinces as p', 'p.id', 'm.province_id')
    .select(['p.id', 'p.name', 'p.time_zone', 'p.contact_email', 'p.contact_phone'])
    .where('m.user_id', '=', userId)
    .where('m.role', '=', 'applicant')
    .orderBy('m.created_at', 'desc')
    .execute()
}

/** The help desk of the province's latest published call (what the portal shows applicants). */
export function latestHelpDesk(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('calls')
    .select(['helpdesk_phone', 'helpdesk_whatsapp', 'helpdesk_email'])
    .where('province_id', '=', provinceId)
    .where('status', '=', 'published')
    .orderBy('opens_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The newest messages for the dev page (no provider configured), numbers masked by the caller. */
export function listRecentMessages(trx: Trx, limit: number, offset: number) {
  return trx
    .selectFrom('message_outbox')
    .select([
      'id',
      'to_phone',
      'template',
      'locale',
      'body_text',
      'channel',
      'status',
      'attempts',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
}

/** Published calls of active provinces closing in (from, until] (national scope: the deadline sweep). */
export function callsClosingBetween(trx: Trx, from: Date, until: Date) {
  return trx
    .selectFrom('calls as c')
    .innerJoin('provinces as p', 'p.id', 'c.province_id')
    .select(['c.id', 'c.province_id', 'c.closes_at', 'p.name', 'p.time_zone'])
    .where('c.status', '=', 'published')
    .where('p.active', '=', true)
    .where('c.closes_at', '>', from)
    .where('c.closes_at', '<=', until)
    .execute()
}

/** A call's drafts with what completeness needs (fields and indicator count) and the applicant's language. */
export function draftsOfCall(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .selectAll('a')
    .select((eb) => [
      'u.locale as applicant_locale',
      eb
        .selectFrom('application_indicators as i')
        .whereRef('i.province_id', '=', 'a.province_id')
        .whereRef('i.application_id', '=', 'a.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('indicator_count'),
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .where('a.status', '=', 'draft')
    .execute()
}
