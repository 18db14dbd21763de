import { audit } from '#app/modules/audit/audit.server.ts'
import type { RequestMeta } from '#app/modules/auth/accounts.server.ts'
import { accountIdOf, type Invitee, inviteeAccount, spendInvitation } from '#app/modules/auth/invitee.server.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { endAllSessions } from '#app/modules/auth/sessions.server.ts'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { findUsableInvitation } from './mentoring.queries.server.ts'

// A mentor's one-time invitation link (issue 14), on the pattern of auth/invitations:
// the link proves the mailbox; a new address gets an account, an existing one must be
// signed in as that address. Accepting gives the province's `mentor` membership and a
// place on the one cohort the invitation names.

/** A still-usable mentor invitation by its link token, with whether its address has an account. */
export async function findMentorInvitation(db: DB, provinceId: string, token: string, now: Date) {
  const invitation = await withTenant(db, { provinceId }, (trx) =>
    findUsableInvitation(trx, provinceId, hashToken(token), now),
  )
  if (!invitation) return null
  return { ...invitation, existingUserId: await accountIdOf(db, invitation.email) }
}

/**
 * Accepts a mentor invitation: creates the account for a new address, adds the mentor
 * membership and the place on the cohort, marks the link used (all audited). The
 * user's other sessions end, since their roles changed. Returns the user id, or null
 * when the link is no longer valid or belongs to someone else.
 */
export async function acceptMentorInvitation(
  db: DB,
  provinceId: string,
  token: string,
  who: Invitee,
  meta: RequestMeta,
): Promise<string | null> {
  const passwordHash = 'password' in who ? await hashPassword(who.password) : null
  const userId = await withTenant(db, { provinceId }, async (trx) => {
    const inv = await findUsableInvitation(trx, provinceId, hashToken(token), meta.now, true)
    if (!inv) return null
    const id = await inviteeAccount(trx, who, inv.email, passwordHash, meta.now)
    if (!id) return null
    const member = await trx
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', id)
      .where('role', '=', 'mentor')
      .where('province_id', '=', provinceId)
      .executeTakeFirst()
    if (!member) {
      await trx
        .insertInto('memberships')
        .values({ user_id: id, role: 'mentor', province_id: provinceId, opd_id: null })
        .execute()
    }
    await trx
      .insertInto('cohort_mentors')
      .values({
        province_id: provinceId,
        cohort_id: inv.cohort_id,
        user_id: id,
        kind: inv.kind,
        organisation: inv.organisation,
        expertise: inv.expertise,
        added_by: inv.invited_by,
      })
      .onConflict((oc) => oc.columns(['province_id', 'cohort_id', 'user_id']).doNothing())
      .execute()
    await spendInvitation(trx, 'mentor_invitations', provinceId, inv.id, meta.now)
    await audit(trx, {
      actorId: id,
      action: 'mentoring.invitation_accepted',
      objectType: 'mentor_invitation',
      objectId: inv.id,
      provinceId,
      ip: meta.ip,
      details: { cohortId: inv.cohort_id, kind: inv.kind },
    })
    if (!member) {
      await audit(trx, {
        actorId: id,
        action: 'membership.granted',
        objectType: 'user',
        objectId: id,
        provinceId,
        ip: meta.ip,
        details: { role: 'mentor' },
      })
    }
    return id
  })
  if (userId && 'userId' in who) await endAllSessions(db, userId)
  return userId
}
