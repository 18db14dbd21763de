import { sql } from 'kysely'
import type { Language } from '#app/i18n/config.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { expectWritten } from '#app/modules/errors/errors.ts'
import { queueMessage } from '#app/modules/messaging/outbox.server.ts'
import { enqueueMail } from '#app/modules/notifications/outbox.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.server.ts'
import { endAllSessions, endSession } from './sessions.server.ts'
import { clearFailures, recordFailure, retryAfterSeconds, throttleKeys } from './throttle.server.ts'
import { generateToken, hashToken } from './tokens.server.ts'

/** Facts about the request that workflows record or need, without the request itself. */
export interface RequestMeta {
  ip: string | null
  /** Absolute origin for links in mails, e.g. https://winner.menpan.go.id */
  origin: string
  now: Date
}

const VERIFY_TTL_MS = 24 * 60 * 60 * 1000
const RESET_TTL_MS = 60 * 60 * 1000

export const normaliseEmail = (email: string) => email.trim().toLowerCase()

function findUserByEmail(db: DB | Trx, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale', 'password_hash', 'email_verified_at', 'active'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', normaliseEmail(email)))
    .executeTakeFirst()
}

async function issueToken(trx: Trx, userId: string, purpose: 'verify_email' | 'reset_password', now: Date) {
  const token = generateToken()
  await trx
    .insertInto('auth_tokens')
    .values({
      user_id: userId,
      purpose,
      token_hash: hashToken(token),
      expires_at: new Date(now.getTime() + (purpose === 'verify_email' ? VERIFY_TTL_MS : RESET_TTL_MS)),
    })
    .execute()
  return token
}

/** Takes a one-time token if it is valid: unused, unexpired, of this purpose. Locks it for the transaction. */
async function consumeToken(trx: Trx, token: string, purpose: 'verify_email' | 'reset_password', now: Date) {
  const row = await trx
    .selectFrom('auth_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst()
  if (!row) return null
  expectWritten(
    await trx
      .updateTable('auth_tokens')
      .set({ used_at: now })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .execute(),
    'auth:errors.invalidLink',
  )
  return row
}

async function sendVerification(
  trx: Trx,
  user: { id: string; email: string; name: string; locale: Language },
  meta: RequestMeta,
) {
  const token = await issueToken(trx, user.id, 'verify_email', meta.now)
  await enqueueMail(trx, {
    to: user.email,
    name: user.name,
    locale: user.locale,
    template: 'verifyEmail',
    params: { link: `${meta.origin}/verify-email?token=${token}` },
  })
}

export interface Registration {
  name: string
  email: string
  password: string
  phone: string | null
  locale: Language
  provinceId: string
}

/**
 * Registers an applicant in a province and mails a verification link. An email
 * that already has an account gets a mail saying so instead; the caller answers
 * both cases identically, so the form cannot be used to discover accounts.
 */
export async function registerApplicant(db: DB, input: Registration, meta: RequestMeta): Promise<void> {
  const email = normaliseEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  const created = await withTenant(db, { provinceId: input.provinceId }, async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({ email, name: input.name, phone: input.phone, locale: input.locale, password_hash: passwordHash })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning(['id', 'email', 'name', 'locale'])
      .executeTakeFirst()
    if (!user) return false
    await trx
      .insertInto('memberships')
      .values({ user_id: user.id, role: 'applicant', province_id: input.provinceId, opd_id: null })
      .execute()
    await sendVerification(trx, { ...user, locale: user.locale as Language }, meta)
    await audit(trx, {
      actorId: user.id,
      action: 'auth.register',
      objectType: 'user',
      objectId: user.id,
      provinceId: input.provinceId,
      ip: meta.ip,
    })
    return true
  })
  if (created) return
  await withTenant(db, { identity: true }, async (trx) => {
    const existing = await findUserByEmail(trx, email)
    if (!existing) return
    await enqueueMail(trx, {
      to: existing.email,
      name: existing.name,
      locale: existing.locale as Language,
      template: 'accountExists',
      params: { loginLink: `${meta.origin}/login`, resetLink: `${meta.origin}/forgot-password` },
    })
  })
}

/** Confirms an email address with a single-use link. */
export async function verifyEmail(db: DB, token: string, meta: RequestMeta): Promise<boolean> {
  return withTenant(db, { identity: true }, async (trx) => {
    const row = await consumeToken(trx, token, 'verify_email', meta.now)
    if (!row) return false
    await trx
      .updateTable('users')
      .set({ email_verified_at: meta.now, updated_at: meta.now })
      .where('id', '=', row.user_id)
      .execute()
    await queueMessage(trx, { userId: row.user_id, template: 'emailVerified', now: meta.now })
    await audit(trx, {
      actorId: row.user_id,
      action: 'auth.email_verified',
      objectType: 'user',
      objectId: row.user_id,
      ip: meta.ip,
    })
    return true
  })
}

/** Mails a reset link when the address belongs to an active account; silent otherwise. */
export async function requestPasswordReset(db: DB, email: string, meta: RequestMeta): Promise<void> {
  await withTenant(db, { identity: true }, async (trx) => {
    const user = await findUserByEmail(trx, email)
    if (!user?.active) return
    const token = await issueToken(trx, user.id, 'reset_password', meta.now)
    await enqueueMail(trx, {
      to: user.email,
      name: user.name,
      locale: user.locale as Language,
      template: 'resetPassword',
      params: { link: `${meta.origin}/reset-password?token=${token}` },
    })
    await audit(trx, {
      actorId: user.id,
      action: 'auth.password_reset_requested',
      objectType: 'user',
      objectId: user.id,
      ip: meta.ip,
    })
  })
}

/** True when a reset link is still usable (for showing the form). */
export async function resetTokenIsValid(db: DB, token: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('auth_tokens')
    .select('id')
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', 'reset_password')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row !== undefined
}

/** Sets a new password with a single-use link and ends every session of the account. */
export async function resetPassword(db: DB, token: string, password: string, meta: RequestMeta): Promise<boolean> {
  const passwordHash = await hashPassword(password)
  const userId = await withTenant(db, { identity: true }, async (trx) => {
    const row = await consumeToken(trx, token, 'reset_password', meta.now)
    if (!row) return null
    // Proving control of the mailbox also verifies the address.
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: passwordHash,
        updated_at: meta.now,
        email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(meta.now)),
      }))
      .where('id', '=', row.user_id)
      .execute()
    await audit(trx, {
      actorId: row.user_id,
      action: 'auth.password_reset',
      objectType: 'user',
      objectId: row.user_id,
      ip: meta.ip,
    })
    return row.user_id
  })
  if (!userId) return false
  await endAllSessions(db, userId)
  return true
}

export type SignInResult =
  | { kind: 'ok'; userId: string; locale: Language }
  | { kind: 'invalid' }
  | { kind: 'unverified' }
  | { kind: 'throttled'; retryAfter: number }

/**
 * Checks credentials. Unknown email and wrong password give the same answer and
 * take the same time; failures count against the account and the IP.
 */
export async function signIn(db: DB, email: string, password: string, meta: RequestMeta): Promise<SignInResult> {
  const keys = throttleKeys(email, meta.ip)
  const wait = await retryAfterSeconds(db, keys, meta.now)
  if (wait > 0) return { kind: 'throttled', retryAfter: wait }
  const user = await findUserByEmail(db, email)
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password)
  if (!user || !ok || !user.active) {
    await recordFailure(db, keys, meta.now)
    await withTenant(db, { identity: true }, (trx) =>
      audit(trx, {
        actorId: user?.id ?? null,
        action: 'auth.sign_in_failed',
        objectType: 'user',
        objectId: user?.id,
        ip: meta.ip,
        details: { email: normaliseEmail(email).slice(0, 254) },
      }),
    )
    return { kind: 'invalid' }
  }
  if (!user.email_verified_at) {
    await withTenant(db, { identity: true }, (trx) =>
      sendVerification(trx, { id: user.id, email: user.email, name: user.name, locale: user.locale as Language }, meta),
    )
    return { kind: 'unverified' }
  }
  await clearFailures(db, keys[0] as string)
  await withTenant(db, { identity: true }, (trx) =>
    audit(trx, { actorId: user.id, action: 'auth.sign_in', objectType: 'user', objectId: user.id, ip: meta.ip }),
  )
  return { kind: 'ok', userId: user.id, locale: user.locale as Language }
}

/** Changes the password after checking the current one; ends every session of the account. */
export async function changePassword(
  db: DB,
  userId: string,
  current: string,
  next: string,
  meta: RequestMeta,
): Promise<boolean> {
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()
  if (!(await verifyPassword(user.password_hash, current))) return false
  const passwordHash = await hashPassword(next)
  await withTenant(db, { identity: true }, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: meta.now })
      .where('id', '=', userId)
      .execute()
    await audit(trx, {
      actorId: userId,
      action: 'auth.password_changed',
      objectType: 'user',
      objectId: userId,
      ip: meta.ip,
    })
  })
  await endAllSessions(db, userId)
  return true
}

/** What the account page shows of the signed-in user. */
export function loadAccount(db: DB, userId: string) {
  return db
    .selectFrom('users')
    .select(['name', 'email', 'phone', 'locale'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
}

/** Ends the session and audits the sign-out; returns the cookie that clears the browser's. */
export async function signOut(
  db: DB,
  secureCookies: boolean,
  viewer: { sessionId: string; userId: string },
  ip: string | null,
): Promise<string> {
  const cookie = await endSession(db, secureCookies, viewer.sessionId)
  await withTenant(db, { identity: true }, (trx) =>
    audit(trx, { actorId: viewer.userId, action: 'auth.sign_out', objectType: 'user', objectId: viewer.userId, ip }),
  )
  return cookie
}

/** Updates name, phone and preferred language. */
export async function updateProfile(
  db: DB,
  userId: string,
  profile: { name: string; phone: string | null; locale: Language },
  meta: RequestMeta,
): Promise<void> {
  await withTenant(db, { identity: true }, async (trx) => {
    await trx
      .updateTable('users')
      .set({ ...profile, updated_at: meta.now })
      .where('id', '=', userId)
      .execute()
    await audit(trx, { actorId: userId, action: 'account.updated', objectType: 'user', objectId: userId, ip: meta.ip })
  })
}

export interface MembershipView {
  id: string
  role: 'ministry' | 'erat' | 'province_admin' | 'reviewer' | 'applicant' | 'mentor'
  provinceId: string | null
  provinceSlug: string | null
  provinceName: string | null
  opdId: string | null
}

/** A user's memberships with their provinces (active provinces only). */
export async function loadMemberships(db: DB, userId: string): Promise<MembershipView[]> {
  const rows = await withTenant(db, { identity: true, userId }, (trx) =>
    trx
      .selectFrom('memberships')
      .leftJoin('provinces', 'provinces.id', 'memberships.province_id')
      .select([
        'memberships.id',
        'memberships.role',
        'memberships.province_id',
        'memberships.opd_id',
        'provinces.slug',
        'provinces.name',
        'provinces.active',
      ])
      .where('memberships.user_id', '=', userId)
      .execute(),
  )
  return rows
    .filter((r) => r.province_id === null || r.active === true)
    .map((r) => ({
      id: r.id,
      role: r.role,
      provinceId: r.province_id,
      provinceSlug: r.slug,
      provinceName: r.name,
      opdId: r.opd_id,
    }))
}

/** An account by email with its roles, for the ministry's account administration. */
export async function findAccount(db: DB, email: string) {
  const user = await findUserByEmail(db, email)
  if (!user) return null
  const memberships = await loadMemberships(db, user.id)
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    active: user.active,
    verified: !!user.email_verified_at,
    memberships,
  }
}

/** Deactivates (ending every session) or reactivates an account; the data stays. */
export async function setAccountActive(db: DB, userId: string, active: boolean, actorId: string, meta: RequestMeta) {
  await withTenant(db, { identity: true }, async (trx) => {
    await trx.updateTable('users').set({ active, updated_at: meta.now }).where('id', '=', userId).execute()
    await audit(trx, {
      actorId,
      action: active ? 'account.reactivated' : 'account.deactivated',
      objectType: 'user',
      objectId: userId,
      ip: meta.ip,
    })
  })
  if (!active) await endAllSessions(db, userId)
}
