import { startSession } from '#app/modules/auth/sessions.server.ts'
import type { DB } from '#db/client.ts'

// A session started directly, as /login starts one after the password check: a
// session row keyed by the hash of a fresh token. Only the sign-in tests go through
// /login (argon2 makes it slow); every other test starts here.

/** Signs a user in directly; returns the Cookie header the built app reads (secure cookies, `__Host-`). */
export async function signedIn(db: DB, email: string): Promise<{ Cookie: string }> {
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  const setCookie = await startSession(db, true, user.id)
  return { Cookie: setCookie.split(';')[0] ?? '' }
}
