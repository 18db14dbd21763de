import type { Language } from '#app/i18n/config.ts'
import { expectWritten } from '#app/modules/errors/errors.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { normaliseEmail } from './accounts.server.ts'

// Who accepts an invitation link (a province role, a mentor's place): the account signed
// in as the invited address, or a new one made from the link, the link proving the mailbox.

export type Invitee = { userId: string } | { name: string; password: string; locale: Language }

/** The id of the account the invited address already has, or null (then the page offers a new one). */
export async function accountIdOf(db: DB, email: string): Promise<string | null> {
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst()
  return existing?.id ?? null
}

/**
 * The invitee's account inside the accepting transaction: the signed-in one when its
 * address is the invited one, else a new verified account. Null when the signed-in
 * account is someone else's, or the address got an account meanwhile.
 */
export async function inviteeAccount(
  trx: Trx,
  who: Invitee,
  email: string,
  passwordHash: string | null,
  now: Date,
): Promise<string | null> {
  if ('userId' in who) {
    const user = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', who.userId).executeTakeFirst()
    return user && normaliseEmail(user.email) === email ? user.id : null
  }
  const created = await trx
    .insertInto('users')
    .values({
      email,
      name: who.name,
      locale: who.locale,
      password_hash: passwordHash as string,
      email_verified_at: now,
      phone: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  return created?.id ?? null
}

/**
 * Spends an invitation link (a province role's or a mentor's): exactly this transaction
 * marks it accepted, or the invitee is refused — a link already used or revoked in the
 * meantime is never accepted twice (docs/ARCHITECTURE.md#errors).
 */
export async function spendInvitation(
  trx: Trx,
  table: 'invitations' | 'mentor_invitations',
  provinceId: string,
  id: string,
  now: Date,
): Promise<void> {
  expectWritten(
    await trx
      .updateTable(table)
      .set({ accepted_at: now })
      .where('province_id', '=', provinceId)
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute(),
    'auth:errors.invalidLink',
  )
}
