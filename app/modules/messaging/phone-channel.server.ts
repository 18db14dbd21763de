import { createHash, randomInt } from 'node:crypto'
import { isLanguage } from '#app/i18n/config.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import type { RequestMeta } from '#app/modules/auth/accounts.server.ts'
import { refused } from '#app/modules/errors/errors.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  countCodesSince,
  findContact,
  findRecipient,
  phoneVerifiedByAnother,
  saveContact,
  updateContact,
} from './messaging.queries.server.ts'
import { CODE_MAX_ATTEMPTS, CODE_TTL_MS, CODES_PER_HOUR, HOUR_MS } from './messaging-rules.ts'
import { queueChannelMessage } from './outbox.server.ts'
import { maskPhone } from './phone.ts'

// Opting in to WhatsApp/SMS from the account page: a six-digit code is sent over the
// channel to the number given, stored only as a hash bound to user and number, valid
// CODE_TTL_MS and for CODE_MAX_ATTEMPTS guesses; the right code verifies the number and
// opts in. Opting out (here, or by replying STOP) keeps the verified number but sends
// nothing more until the person opts in again.

function codeHash(userId: string, phone: string, code: string): string {
  return createHash('sha256').update(`${userId}:${phone}:${code}`).digest('hex')
}

export interface PhoneChannelView {
  phone: string | null
  status: 'none' | 'pending' | 'active' | 'stopped'
  /** A code was sent and may still be entered. */
  awaitingCode: boolean
}

export async function loadPhoneChannel(db: DB, userId: string, now: Date): Promise<PhoneChannelView> {
  return withTenant(db, { identity: true, userId }, async (trx) => {
    const c = await findContact(trx, userId)
    if (!c) return { phone: null, status: 'none', awaitingCode: false }
    const awaitingCode =
      c.code_hash !== null &&
      c.code_expires_at !== null &&
      new Date(c.code_expires_at) > now &&
      c.code_attempts < CODE_MAX_ATTEMPTS
    return { phone: c.phone, status: c.status, awaitingCode }
  })
}

/** Sends a fresh code to `phone` (E.164). Refused when another account verified the number or too many codes were asked for. */
export async function requestPhoneCode(db: DB, userId: string, phone: string, meta: RequestMeta): Promise<void> {
  await withTenant(db, { identity: true, userId }, async (trx) => {
    if (await phoneVerifiedByAnother(trx, userId, phone))
      throw refused('messaging:errors.phoneTaken', { field: 'phone' })
    if ((await countCodesSince(trx, userId, new Date(meta.now.getTime() - HOUR_MS))) >= CODES_PER_HOUR) {
      throw refused('messaging:errors.tooManyCodes', { field: 'phone' })
    }
    const existing = await findContact(trx, userId)
    const sameNumber = existing?.phone === phone && existing.verified_at !== null
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    await saveContact(trx, {
      user_id: userId,
      phone,
      // A new number is unverified until its code comes back; the old one stops being used at once.
      status: sameNumber ? existing.status : 'pending',
      verified_at: sameNumber ? new Date(existing.verified_at as Date) : null,
      code_hash: codeHash(userId, phone, code),
      code_expires_at: new Date(meta.now.getTime() + CODE_TTL_MS),
      code_attempts: 0,
      stopped_at: sameNumber ? existing.stopped_at && new Date(existing.stopped_at) : null,
      stopped_via: sameNumber ? existing.stopped_via : null,
      updated_at: meta.now,
    })
    const user = await findRecipient(trx, userId)
    await queueChannelMessage(trx, {
      userId,
      phone,
      locale: isLanguage(user?.locale) ? user.locale : 'id',
      template: 'phoneCode',
      params: { code, minutes: String(CODE_TTL_MS / 60_000) },
      now: meta.now,
    })
    await audit(trx, {
      actorId: userId,
      action: 'messaging.code_sent',
      objectType: 'user',
      objectId: userId,
      ip: meta.ip,
      details: { phone: maskPhone(phone) },
    })
  })
}

export type CodeOutcome = 'verified' | 'wrong' | 'expired' | 'tooManyAttempts' | 'noCode'

/**
 * Checks a code. A wrong guess is counted (and committed) before the answer, so the
 * limit holds across requests; the right one verifies the number and opts in.
 */
export async function confirmPhoneCode(db: DB, userId: string, code: string, meta: RequestMeta): Promise<CodeOutcome> {
  return withTenant(db, { identity: true, userId }, async (trx) => {
    const c = await findContact(trx, userId)
    if (!c?.code_hash || !c.code_expires_at) return 'noCode'
    if (c.code_attempts >= CODE_MAX_ATTEMPTS) return 'tooManyAttempts'
    if (new Date(c.code_expires_at) <= meta.now) return 'expired'
    if (codeHash(userId, c.phone, code) !== c.code_hash) {
      await updateContact(trx, userId, { code_attempts: c.code_attempts + 1, updated_at: meta.now })
      await audit(trx, {
        actorId: userId,
        action: 'messaging.code_wrong',
        objectType: 'user',
        objectId: userId,
        ip: meta.ip,
      })
      return c.code_attempts + 1 >= CODE_MAX_ATTEMPTS ? 'tooManyAttempts' : 'wrong'
    }
    if (await phoneVerifiedByAnother(trx, userId, c.phone)) throw refused('messaging:errors.phoneTaken')
    await updateContact(trx, userId, {
      status: 'active',
      verified_at: meta.now,
      code_hash: null,
      code_expires_at: null,
      code_attempts: 0,
      stopped_at: null,
      stopped_via: null,
      updated_at: meta.now,
    })
    await audit(trx, {
      actorId: userId,
      action: 'messaging.opted_in',
      objectType: 'user',
      objectId: userId,
      ip: meta.ip,
      details: { phone: maskPhone(c.phone) },
    })
    return 'verified'
  })
}

/** Opts out from the account page: nothing more is sent until the person opts in again. */
export async function stopFromAccount(db: DB, userId: string, meta: RequestMeta): Promise<void> {
  await withTenant(db, { identity: true, userId }, async (trx) => {
    const c = await findContact(trx, userId)
    if (!c || c.status === 'stopped') return
    await updateContact(trx, userId, {
      status: c.verified_at ? 'stopped' : 'pending',
      code_hash: null,
      code_expires_at: null,
      stopped_at: meta.now,
      stopped_via: 'account',
      updated_at: meta.now,
    })
    await audit(trx, {
      actorId: userId,
      action: 'messaging.opted_out',
      objectType: 'user',
      objectId: userId,
      ip: meta.ip,
      details: { via: 'account' },
    })
  })
}
