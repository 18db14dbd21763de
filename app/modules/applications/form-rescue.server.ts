import { type AppLoadContext, redirect } from '@remix-run/node'
import { cookieValue } from '#app/i18n/detect.ts'
import { recordFailure, retryAfterSeconds } from '#app/modules/auth/throttle.server.ts'
import { generateToken, hashToken } from '#app/modules/auth/tokens.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

// "If the session has expired when they press save, what they typed is not thrown
// away" (issue 6). A signed-out POST to an applicant form is kept here for a day,
// bound to the browser by a random token in an HttpOnly cookie and to the form by
// its path; after signing in, the form's loader fills the form with it again.
// The poster is unknown until they sign in, so nothing is tenant data yet; the
// page that shows a rescue still runs its own ownership guard first.

export const RESCUE_TTL_MS = 24 * 60 * 60 * 1000
/** Bytes of JSON; the longest section (two 3000-character texts) is well below. */
export const RESCUE_MAX_BYTES = 60_000

export type RescuedPairs = [string, string][]
/**
 * Rescues kept per client address in the throttle window (10 min). Anyone signed out can
 * post, so without a cap one client could park rows at will; generous because a mobile
 * carrier's NAT puts many applicants behind one address near the deadline.
 */
export const RESCUES_PER_IP = 60

const cookieName = (secure: boolean) => (secure ? '__Host-winner_rescue' : 'winner_rescue')

function rescueCookie(token: string, secure: boolean): string {
  const maxAge = Math.floor(RESCUE_TTL_MS / 1000)
  return `${cookieName(secure)}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}

function tokenOf(request: Request, secure: boolean): string | undefined {
  const token = cookieValue(request.headers.get('Cookie'), cookieName(secure))
  // Our tokens are 43 base64url characters; anything else was not issued here.
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined
}

/**
 * One transaction as the runtime role that may see only the rows of one token
 * (the table's RLS policies read `app.rescue_token`), plus expired rows to sweep.
 */
function asHolder<T>(db: DB, tokenHash: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return withTenant(db, { rescueTokenHash: tokenHash }, fn)
}

/** The text fields of a posted form, in order; files are not kept. */
export function pairsOf(formData: FormData): RescuedPairs {
  const pairs: RescuedPairs = []
  for (const [name, value] of formData) if (typeof value === 'string') pairs.push([name, value])
  return pairs
}

/** A FormData again, for parsing rescued input with the form's own schema. */
export function formDataOf(pairs: RescuedPairs): FormData {
  const formData = new FormData()
  for (const [name, value] of pairs) formData.append(name, value)
  return formData
}

/**
 * Keeps a signed-out browser's form input for `path`. Returns the Set-Cookie value
 * for the browser's token, or null when the input is too large to keep.
 */
export async function keepRescue(
  db: DB,
  request: Request,
  secure: boolean,
  path: string,
  pairs: RescuedPairs,
  now: Date,
): Promise<string | null> {
  const payload = JSON.stringify(pairs)
  if (Buffer.byteLength(payload) > RESCUE_MAX_BYTES) return null
  // One token per browser: a second rescued form joins the first one's cookie.
  const token = tokenOf(request, secure) ?? generateToken()
  const tokenHash = hashToken(token)
  await asHolder(db, tokenHash, async (trx) => {
    // Opportunistic sweep: expired rows go whenever someone is rescued.
    await trx.deleteFrom('form_rescues').where('expires_at', '<=', now).execute()
    await trx.deleteFrom('form_rescues').where('token_hash', '=', tokenHash).where('path', '=', path).execute()
    await trx
      .insertInto('form_rescues')
      .values({ token_hash: tokenHash, path, payload, expires_at: new Date(now.getTime() + RESCUE_TTL_MS) })
      .execute()
  })
  return rescueCookie(token, secure)
}

/** This browser's unexpired rescue for exactly this path, or null. No cookie, no query. */
export async function findRescue(
  db: DB,
  request: Request,
  secure: boolean,
  path: string,
  now: Date,
): Promise<RescuedPairs | null> {
  const token = tokenOf(request, secure)
  if (!token) return null
  const tokenHash = hashToken(token)
  const row = await asHolder(db, tokenHash, (trx) =>
    trx
      .selectFrom('form_rescues')
      .select('payload')
      .where('token_hash', '=', tokenHash)
      .where('path', '=', path)
      .where('expires_at', '>', now)
      .executeTakeFirst(),
  )
  return row ? row.payload : null
}

/** Forgets this browser's rescue for a path once the form has been saved. No cookie, no query. */
export async function dropRescue(db: DB, request: Request, secure: boolean, path: string): Promise<void> {
  const token = tokenOf(request, secure)
  if (!token) return
  const tokenHash = hashToken(token)
  await asHolder(db, tokenHash, (trx) =>
    trx.deleteFrom('form_rescues').where('token_hash', '=', tokenHash).where('path', '=', path).execute(),
  )
}

/** The answer a guard gives a signed-out request: a redirect to sign in. */
export function isSignInRedirect(thrown: unknown): thrown is Response {
  return thrown instanceof Response && thrown.status === 302 && !!thrown.headers.get('Location')?.startsWith('/login?')
}

/**
 * Runs a route's guard; when it turns away a signed-out POST (a redirect to sign in),
 * keeps what was posted first and sends them to sign in with a way back to this
 * form. The guard must not read the body.
 */
export async function guardKeepingInput<T>(
  request: Request,
  context: AppLoadContext,
  guard: () => Promise<T>,
  worthKeeping: (formData: FormData) => boolean = () => true,
): Promise<T> {
  try {
    return await guard()
  } catch (thrown) {
    if (request.method !== 'POST' || !isSignInRedirect(thrown)) throw thrown
    const path = new URL(request.url).pathname
    const formData = await request.formData().catch(() => null)
    const now = context.now()
    const ipKey = context.clientIp ? [`rescue:${context.clientIp}`] : []
    const allowed = ipKey.length === 0 || (await retryAfterSeconds(context.db, ipKey, now, RESCUES_PER_IP)) === 0
    const cookie =
      formData && allowed && worthKeeping(formData)
        ? await keepRescue(context.db, request, context.secureCookies ?? false, path, pairsOf(formData), now)
        : null
    if (cookie && ipKey.length > 0) await recordFailure(context.db, ipKey, now)
    const login = `/login?redirectTo=${encodeURIComponent(path)}`
    throw cookie ? redirect(`${login}&notice=rescued`, { headers: { 'Set-Cookie': cookie } }) : redirect(login)
  }
}
