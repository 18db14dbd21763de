import { sql } from 'kysely'
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia'
import type { DB } from '#db/client.ts'

/** A membership row as `session_memberships()` returns it (deactivated provinces included). */
export interface SessionMembershipRow {
  id: string
  role: 'ministry' | 'erat' | 'province_admin' | 'reviewer' | 'applicant' | 'mentor'
  province_id: string | null
  opd_id: string | null
  province_slug: string | null
  province_name: string | null
  province_active: boolean | null
}

/**
 * Lucia's storage, owned by this project (docs/decisions/004-sessions.md). Session
 * ids arriving here are already SHA-256 hashes of the cookie token. A session also
 * ends at its absolute expiry, however often it is used.
 */
export class KyselySessionAdapter implements Adapter {
  constructor(private readonly db: DB) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [session, user] = await this.getSessionUserAndMemberships(sessionId, false)
    return [session, user]
  }

  /**
   * The session, its user and (when asked) the user's memberships, in one statement: the
   * signed-in request path's single round trip (docs/decisions/021-signed-in-request-cost.md).
   */
  async getSessionUserAndMemberships(
    sessionId: string,
    withMemberships = true,
  ): Promise<[DatabaseSession | null, DatabaseUser | null, SessionMembershipRow[]]> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id',
        'sessions.user_id',
        'sessions.expires_at',
        'sessions.absolute_expires_at',
        'users.email',
        'users.name',
        'users.locale',
        'users.email_verified_at',
        'users.active',
      ])
      .$if(withMemberships, (qb) =>
        qb.select(
          sql<
            SessionMembershipRow[]
          >`(select coalesce(jsonb_agg(m), '[]'::jsonb) from session_memberships(sessions.id) m)`.as('memberships'),
        ),
      )
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst()
    if (!row?.active || new Date(row.absolute_expires_at).getTime() <= Date.now()) return [null, null, []]
    const memberships = (row as { memberships?: SessionMembershipRow[] }).memberships ?? []
    return [
      {
        id: row.id,
        userId: row.user_id,
        expiresAt: new Date(row.expires_at),
        attributes: { absoluteExpiresAt: new Date(row.absolute_expires_at) },
      },
      {
        id: row.user_id,
        attributes: {
          email: row.email,
          name: row.name,
          locale: row.locale,
          emailVerified: row.email_verified_at !== null,
        },
      },
      memberships,
    ]
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute()
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      expiresAt: new Date(r.expires_at),
      attributes: { absoluteExpiresAt: new Date(r.absolute_expires_at) },
    }))
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        expires_at: session.expiresAt,
        absolute_expires_at: session.attributes.absoluteExpiresAt,
      })
      .execute()
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    // Sliding idle expiry, never beyond the absolute lifetime.
    await this.db
      .updateTable('sessions')
      .set((eb) => ({ expires_at: eb.fn('least', [eb.val(expiresAt), eb.ref('absolute_expires_at')]) }))
      .where('id', '=', sessionId)
      .execute()
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute()
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute()
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', new Date()), eb('absolute_expires_at', '<=', new Date())]))
      .execute()
  }
}
