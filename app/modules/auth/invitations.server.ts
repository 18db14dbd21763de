import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { invalid, refused } from '#app/modules/errors/errors.ts'
import { enqueueMail } from '#app/modules/notifications/outbox.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { normaliseEmail, type RequestMeta } from './accounts.server.ts'
import { accountIdOf, type Invitee, inviteeAccount, spendInvitation } from './invitee.server.ts'
import { hashPassword } from './password.server.ts'
import { endAllSessions } from './sessions.server.ts'
import { generateToken, hashToken } from './tokens.server.ts'

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

export interface InvitationInput {
  province: { id: string; slug: string; name: string }
  email: string
  name: string
  role: 'province_admin' | 'reviewer'
  opdId: string | null
  inviter: { id: string; name: string }
  locale: Language
}

/**
 * Invites someone into a province (Bappeda admin by the ministry, reviewer by a
 * Bappeda admin): a single-use link valid 7 days, mailed in the same transaction.
 * A new invitation for the same address and role replaces any pending one.
 */
export async function createInvitation(db: DB, input: InvitationInput, meta: RequestMeta): Promise<string> {
  const email = normaliseEmail(input.email)
  const token = generateToken()
  return withTenant(db, { provinceId: input.province.id }, async (trx) => {
    if (input.opdId) {
      const opd = await trx
        .selectFrom('opds')
        .select('id')
        .where('province_id', '=', input.province.id)
        .where('id', '=', input.opdId)
        .where('active', '=', true)
        .executeTakeFirst()
      if (!opd) throw invalid('manage:invite.unknownOpd', 'opd')
    }
    const member = await trx
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('memberships.id')
      .where('memberships.province_id', '=', input.province.id)
      .where('memberships.role', '=', input.role)
      .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email))
      .executeTakeFirst()
    if (member) throw invalid('manage:invite.alreadyMember', 'email')
    await trx
      .updateTable('invitations')
      .set({ revoked_at: meta.now })
      .where('province_id', '=', input.province.id)
      .where('email', '=', email)
      .where('role', '=', input.role)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute()
    const row = await trx
      .insertInto('invitations')
      .values({
        province_id: input.province.id,
        email,
        name: input.name,
        role: input.role,
        opd_id: input.role === 'reviewer' ? input.opdId : null,
        token_hash: hashToken(token),
        invited_by: input.inviter.id,
        expires_at: new Date(meta.now.getTime() + INVITATION_TTL_MS),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const t = getFixedT(input.locale)
    await enqueueMail(trx, {
      to: email,
      name: input.name,
      locale: input.locale,
      template: 'invitation',
      params: {
        inviter: input.inviter.name,
        role: t(`auth:roles.${input.role}`),
        province: input.province.name,
        link: `${meta.origin}/p/${input.province.slug}/invite/${token}`,
      },
    })
    await audit(trx, {
      actorId: input.inviter.id,
      action: 'invitation.created',
      objectType: 'invitation',
      objectId: row.id,
      provinceId: input.province.id,
      ip: meta.ip,
      details: { email, role: input.role, opdId: input.opdId },
    })
    return row.id
  })
}

/** A still-usable invitation by its link token, with whether its email already has an account. */
export async function findInvitation(db: DB, provinceId: string, token: string, now: Date) {
  const invitation = await withTenant(db, { provinceId }, (trx) =>
    trx
      .selectFrom('invitations')
      .select(['id', 'email', 'name', 'role', 'opd_id', 'expires_at'])
      .where('province_id', '=', provinceId)
      .where('token_hash', '=', hashToken(token))
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst(),
  )
  if (!invitation) return null
  return { ...invitation, existingUserId: await accountIdOf(db, invitation.email) }
}

/**
 * Accepts an invitation: for a new address creates the account (the link proves
 * the mailbox, so it is verified), then adds the membership. The user's other
 * sessions end, since their roles changed. Returns the user id, or null when the
 * link is no longer valid or belongs to someone else.
 */
export async function acceptInvitation(
  db: DB,
  provinceId: string,
  token: string,
  who: Invitee,
  meta: RequestMeta,
): Promise<string | null> {
  const passwordHash = 'password' in who ? await hashPassword(who.password) : null
  const userId = await withTenant(db, { provinceId }, async (trx) => {
    const inv = await trx
      .selectFrom('invitations')
      .select(['id', 'email', 'role', 'opd_id'])
      .where('province_id', '=', provinceId)
      .where('token_hash', '=', hashToken(token))
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', meta.now)
      .forUpdate()
      .executeTakeFirst()
    if (!inv) return null
    const id = await inviteeAccount(trx, who, inv.email, passwordHash, meta.now)
    if (!id) return null
    await trx
      .insertInto('memberships')
      .values({ user_id: id, role: inv.role, province_id: provinceId, opd_id: inv.opd_id })
      .onConflict((oc) => oc.doNothing())
      .execute()
    await spendInvitation(trx, 'invitations', provinceId, inv.id, meta.now)
    await audit(trx, {
      actorId: id,
      action: 'invitation.accepted',
      objectType: 'invitation',
      objectId: inv.id,
      provinceId,
      ip: meta.ip,
      details: { role: inv.role },
    })
    await audit(trx, {
      actorId: id,
      action: 'membership.granted',
      objectType: 'user',
      objectId: id,
      provinceId,
      ip: meta.ip,
      details: { role: inv.role, opdId: inv.opd_id },
    })
    return id
  })
  if (userId && 'userId' in who) await endAllSessions(db, userId)
  return userId
}

/** Removes someone's role in a province and ends their sessions. */
export async function revokeMembership(
  db: DB,
  provinceId: string,
  membershipId: string,
  actorId: string,
  meta: RequestMeta,
): Promise<boolean> {
  const removed = await withTenant(db, { provinceId }, async (trx) => {
    // A province never loses its last Bappeda admin: nobody could then manage it, or
    // invite a new one from inside. The admins' rows and the target are locked in one
    // statement, in id order, so two admins removing each other run one after the other.
    const locked = await trx
      .selectFrom('memberships')
      .select(['id', 'role'])
      .where('province_id', '=', provinceId)
      .where((eb) => eb.or([eb('role', '=', 'province_admin'), eb('id', '=', membershipId)]))
      .orderBy('id')
      .forUpdate()
      .execute()
    const target = locked.find((m) => m.id === membershipId)
    if (target?.role === 'province_admin' && locked.filter((m) => m.role === 'province_admin').length <= 1) {
      throw refused('manage:province.lastAdmin')
    }
    const row = await trx
      .deleteFrom('memberships')
      .where('province_id', '=', provinceId)
      .where('id', '=', membershipId)
      .where('role', 'in', ['reviewer', 'province_admin'])
      .returning(['user_id', 'role'])
      .executeTakeFirst()
    if (!row) return null
    await audit(trx, {
      actorId,
      action: 'membership.revoked',
      objectType: 'user',
      objectId: row.user_id,
      provinceId,
      ip: meta.ip,
      details: { role: row.role },
    })
    return row.user_id
  })
  if (!removed) return false
  await endAllSessions(db, removed)
  return true
}

/** Admins, reviewers (with their OPD), pending invitations and active OPDs of a province, in one statement. */
export async function readTeam(trx: Trx, provinceId: string, now: Date) {
  const members = trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('opds', (join) =>
      join.onRef('opds.province_id', '=', 'memberships.province_id').onRef('opds.id', '=', 'memberships.opd_id'),
    )
    .select([
      'memberships.id',
      'memberships.user_id',
      'memberships.role',
      'users.name',
      'users.email',
      'opds.short_name as opd',
    ])
    .where('memberships.province_id', '=', provinceId)
    .where('memberships.role', 'in', ['province_admin', 'reviewer'])
    .orderBy('memberships.role')
    .orderBy('users.name')
  const pending = trx
    .selectFrom('invitations')
    .leftJoin('opds', (join) =>
      join.onRef('opds.province_id', '=', 'invitations.province_id').onRef('opds.id', '=', 'invitations.opd_id'),
    )
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.name',
      'invitations.role',
      'invitations.expires_at',
      'opds.short_name as opd',
    ])
    .where('invitations.province_id', '=', provinceId)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .orderBy('invitations.created_at', 'desc')
  const opds = trx
    .selectFrom('opds')
    .select(['id', 'name', 'short_name'])
    .where('province_id', '=', provinceId)
    .where('active', '=', true)
    .orderBy('short_name')
  const team = await trx
    .selectNoFrom([
      jsonArrayFrom(members).as('members'),
      jsonArrayFrom(pending).as('pending'),
      jsonArrayFrom(opds).as('opds'),
    ])
    .executeTakeFirstOrThrow()
  return {
    members: team.members,
    // JSON carries the timestamp as text.
    pending: team.pending.map((p) => ({ ...p, expires_at: new Date(p.expires_at) })),
    opds: team.opds,
  }
}
