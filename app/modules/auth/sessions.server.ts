import { Cookie, Lucia, type Session, TimeSpan, type User } from 'lucia'
import type { DB } from '#db/client.ts'
import { KyselySessionAdapter, type SessionMembershipRow } from './session-adapter.server.ts'
import { generateToken, hashToken } from './tokens.server.ts'

export const IDLE_TIMEOUT = new TimeSpan(2, 'h')
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000
/** The session cookie's name; over HTTPS it carries the `__Host-` prefix. */
export const SESSION_COOKIE = 'winner_session'

declare module 'lucia' {
  interface Register {
    Lucia: Lucia<
      { absoluteExpiresAt: Date },
      { email: string; name: string; locale: 'id' | 'en'; emailVerified: boolean }
    >
    DatabaseSessionAttributes: { absoluteExpiresAt: Date }
    DatabaseUserAttributes: { email: string; name: string; locale: 'id' | 'en'; emailVerified: boolean }
  }
}

export type AuthUser = User
export type AuthSession = Session

const instances = new WeakMap<DB, Map<boolean, Lucia>>()
const adapters = new WeakMap<DB, KyselySessionAdapter>()

function adapterFor(db: DB): KyselySessionAdapter {
  let adapter = adapters.get(db)
  if (!adapter) {
    adapter = new KyselySessionAdapter(db)
    adapters.set(db, adapter)
  }
  return adapter
}

/** The Lucia instance for a database; secure cookies are `__Host-` prefixed and Secure. */
export function luciaFor(db: DB, secure: boolean): Lucia {
  let byMode = instances.get(db)
  if (!byMode) {
    byMode = new Map()
    instances.set(db, byMode)
  }
  let lucia = byMode.get(secure)
  if (!lucia) {
    lucia = new Lucia(adapterFor(db), {
      sessionExpiresIn: IDLE_TIMEOUT,
      sessionCookie: {
        name: secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE,
        expires: false,
        attributes: { secure, sameSite: 'lax' },
      },
      getSessionAttributes: (a) => ({ absoluteExpiresAt: a.absoluteExpiresAt }),
      getUserAttributes: (a) => ({ email: a.email, name: a.name, locale: a.locale, emailVerified: a.emailVerified }),
    })
    byMode.set(secure, lucia)
  }
  return lucia
}

/** Starts a new session (a new token every sign-in, against fixation); returns its Set-Cookie value. */
export async function startSession(db: DB, secure: boolean, userId: string, now = new Date()): Promise<string> {
  const lucia = luciaFor(db, secure)
  const token = generateToken()
  await lucia.createSession(
    userId,
    { absoluteExpiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS) },
    { sessionId: hashToken(token) },
  )
  // The cookie lives exactly as long as the session can (the absolute limit); the idle
  // timeout is the server's to enforce. Lucia's `expires: false` would keep it 400 days.
  const cookie = lucia.createSessionCookie(token)
  return new Cookie(cookie.name, cookie.value, {
    ...cookie.attributes,
    maxAge: ABSOLUTE_LIFETIME_MS / 1000,
  }).serialize()
}

/** The signed-in user for a request's cookies, or nulls; expired sessions are removed. */
export async function readSession(
  db: DB,
  secure: boolean,
  cookieHeader: string | null,
): Promise<{ user: AuthUser; session: AuthSession } | { user: null; session: null }> {
  const lucia = luciaFor(db, secure)
  const token = lucia.readSessionCookie(cookieHeader ?? '')
  if (!token) return { user: null, session: null }
  return lucia.validateSession(hashToken(token))
}

/**
 * `readSession` plus the user's memberships, from one statement (one round trip for the
 * whole signed-in identity). Session rules are Lucia's `validateSession`, kept here as
 * they are there: an expired session is deleted; past half its idle time it is extended.
 */
export async function readSessionWithMemberships(
  db: DB,
  secure: boolean,
  cookieHeader: string | null,
): Promise<
  | { user: AuthUser; session: AuthSession; memberships: SessionMembershipRow[] }
  | { user: null; session: null; memberships: [] }
> {
  const none = { user: null, session: null, memberships: [] as [] }
  const lucia = luciaFor(db, secure)
  const token = lucia.readSessionCookie(cookieHeader ?? '')
  if (!token) return none
  const adapter = adapterFor(db)
  const [stored, storedUser, memberships] = await adapter.getSessionUserAndMemberships(hashToken(token))
  if (!stored) return none
  if (!storedUser || Date.now() >= stored.expiresAt.getTime()) {
    await adapter.deleteSession(stored.id)
    return none
  }
  const session: AuthSession = {
    absoluteExpiresAt: stored.attributes.absoluteExpiresAt,
    id: stored.id,
    userId: stored.userId,
    fresh: false,
    expiresAt: stored.expiresAt,
  }
  if (Date.now() >= stored.expiresAt.getTime() - IDLE_TIMEOUT.milliseconds() / 2) {
    session.fresh = true
    session.expiresAt = new Date(Date.now() + IDLE_TIMEOUT.milliseconds())
    await adapter.updateSessionExpiration(stored.id, session.expiresAt)
  }
  const a = storedUser.attributes
  const user: AuthUser = {
    email: a.email,
    name: a.name,
    locale: a.locale,
    emailVerified: a.emailVerified,
    id: storedUser.id,
  }
  return { user, session, memberships }
}

/** Ends one session; returns the Set-Cookie value that clears the cookie. */
export async function endSession(db: DB, secure: boolean, sessionId: string): Promise<string> {
  const lucia = luciaFor(db, secure)
  await lucia.invalidateSession(sessionId)
  return lucia.createBlankSessionCookie().serialize()
}

/** Ends every session of a user (password, role or status change). */
export async function endAllSessions(db: DB, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}
