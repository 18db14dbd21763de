import { sql } from 'kysely'
import { audit } from '#app/modules/audit/audit.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import * as q from './privacy.queries.server.ts'
import { ERASED_NAME, erasableValues, erasedEmail } from './privacy-rules.ts'

// Right to erasure (UU 27/2022 art. 8 and 43). What must be kept stays, without the
// person: a submitted application (its review, selection and the programme's five-year
// record) keeps its content but its venture snapshot loses the address, links and team
// names; a published finalist keeps the venture's public name; the audit log keeps
// every entry with the person's values replaced. Everything else is deleted: drafts
// and their files, the live venture profile and team, sessions, links, consents,
// invitations, rescues. One transaction per province, then one for the identity tables;
// each step is idempotent, so a run cut short is finished by running it again.

export interface ErasureActor {
  actorId: string
  ip: string | null
  now: Date
}

export interface ErasureCounts {
  draftsDeleted: number
  applicationsPseudonymised: number
  venturesDeleted: number
  venturesPseudonymised: number
  teamMembersErased: number
  filesDeleted: number
  mailsErased: number
  valuesErasedElsewhere: number
}

/** Erases (deletes or pseudonymises) everything held about a user; answers what it did. */
export async function eraseAccount(
  db: DB,
  userId: string,
  actor: ErasureActor,
  /** Mails to the person that must still go out (the erasure's own confirmation, no name in it). */
  spareMailIds: string[] = [],
): Promise<ErasureCounts> {
  // What to look for: read once, before anything changes.
  const found = await withTenant(db, { national: true, userId }, async (trx) => {
    const user = await q.findUser(trx, userId)
    const ventures = await q.userVentures(trx, userId)
    const applications = await q.userApplications(trx, userId)
    const members = await q.ventureMembers(
      trx,
      ventures.map((v) => v.id),
    )
    const snapshotIds = applications.flatMap((a) => (a.venture_snapshot_id ? [a.venture_snapshot_id] : []))
    const snaps = await q.snapshots(trx, snapshotIds)
    const snapMembers = await q.snapshotMembers(trx, snapshotIds)
    const memberships = await q.userMemberships(trx, userId)
    return { user, ventures, applications, members, snaps, snapMembers, memberships }
  })
  const { user } = found
  if (!user) return emptyCounts()
  const publicFinalist = new Set(
    found.applications
      .filter((a) => a.status === 'finalist' && a.selection_published_at !== null)
      .map((a) => a.venture_snapshot_id),
  )
  // The values erasure must leave nowhere readable. A published finalist's venture name is public information and stays.
  const values = erasableValues([
    user.name,
    user.email,
    user.phone,
    ...found.ventures.flatMap((v) => [v.address, v.website, v.social_links]),
    ...found.ventures
      .filter((v) => !found.snaps.some((s) => s.venture_id === v.id && publicFinalist.has(s.id)))
      .map((v) => v.name),
    ...found.snaps.flatMap((s) => [s.address, s.website, s.social_links, publicFinalist.has(s.id) ? null : s.name]),
    ...found.members.map((m) => m.name),
    ...found.snapMembers.map((m) => m.name),
  ])
  const counts = emptyCounts()
  const provinces = new Set<string>([
    ...found.ventures.map((v) => v.province_id),
    ...found.applications.map((a) => a.province_id),
    ...found.memberships.flatMap((m) => (m.province_id ? [m.province_id] : [])),
  ])
  for (const provinceId of provinces) {
    await withTenant(db, { provinceId }, (trx) =>
      eraseInProvince(trx, provinceId, userId, user.email, publicFinalist, counts),
    )
  }
  await withTenant(db, { identity: true, userId }, async (trx) => {
    counts.mailsErased = await eraseMails(trx, user.email, spareMailIds)
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
    await trx.deleteFrom('auth_tokens').where('user_id', '=', userId).execute()
    await trx.deleteFrom('user_consents').where('user_id', '=', userId).execute()
    // The WhatsApp/SMS channel: the verified number goes; messages keep their row (sent, when) like
    // mails, without number or text (texts name the person).
    await trx
      .updateTable('message_outbox')
      .set({ to_phone: ERASED_NAME, body_text: ERASED_NAME })
      .where('user_id', '=', userId)
      .execute()
    // Nothing still waiting is sent to an erased person.
    await trx
      .updateTable('message_outbox')
      .set({ status: 'failed', failed_at: actor.now, last_error: 'erased' })
      .where('user_id', '=', userId)
      .where('status', '=', 'queued')
      .execute()
    await trx.deleteFrom('messaging_contacts').where('user_id', '=', userId).execute()
    await trx
      .deleteFrom('auth_failures')
      .where((eb) => eb.or(values.map((v) => eb('key', 'ilike', `%${v.replace(/[\\%_]/g, '\\$&')}%`))))
      .execute()
    await trx.updateTable('privacy_requests').set({ details: '' }).where('user_id', '=', userId).execute()
    await trx
      .updateTable('users')
      .set({
        name: ERASED_NAME,
        email: erasedEmail(userId),
        phone: null,
        // No password verifies against this: the account cannot be signed into again.
        password_hash: '!erased',
        email_verified_at: null,
        active: false,
        updated_at: actor.now,
      })
      .where('id', '=', userId)
      .execute()
    // The spared confirmation keeps the address (not a searched value there: only names and texts are).
    const { rows } = await sql<{ n: number }>`select privacy_erase_values(${values}::text[]) as n`.execute(trx)
    counts.valuesErasedElsewhere = Number(rows[0]?.n ?? 0)
    await audit(trx, {
      actorId: actor.actorId,
      action: 'privacy.erased',
      objectType: 'user',
      objectId: userId,
      ip: actor.ip,
      details: { ...counts },
    })
  })
  return counts
}

async function eraseInProvince(
  trx: Trx,
  provinceId: string,
  userId: string,
  email: string,
  publicFinalist: Set<string | null>,
  counts: ErasureCounts,
): Promise<void> {
  const apps = await trx
    .selectFrom('applications')
    .select(['id', 'status', 'venture_id', 'venture_snapshot_id'])
    .where('province_id', '=', provinceId)
    .where('applicant_id', '=', userId)
    .execute()
  const drafts = apps.filter((a) => a.status === 'draft').map((a) => a.id)
  const kept = apps.filter((a) => a.status !== 'draft')
  const removed = await q.deleteDraftApplications(trx, provinceId, drafts)
  counts.filesDeleted += removed.files
  counts.draftsDeleted += removed.drafts
  for (const app of kept) {
    await trx
      .updateTable('applications')
      .set({ withdraw_reason: null })
      .where('province_id', '=', provinceId)
      .where('id', '=', app.id)
      .execute()
    const files = await trx
      .selectFrom('application_files')
      .select(['file_id', 'position', 'kind'])
      .where('province_id', '=', provinceId)
      .where('application_id', '=', app.id)
      .execute()
    for (const f of files) {
      const ext = await trx
        .selectFrom('files')
        .select('content_type')
        .where('province_id', '=', provinceId)
        .where('id', '=', f.file_id)
        .executeTakeFirst()
      const suffix = ext?.content_type === 'application/pdf' ? 'pdf' : ext?.content_type === 'image/png' ? 'png' : 'jpg'
      await trx
        .updateTable('files')
        .set({ original_name: `${f.kind}-${f.position}.${suffix}` })
        .where('province_id', '=', provinceId)
        .where('id', '=', f.file_id)
        .execute()
    }
    if (app.venture_snapshot_id) {
      const keepName = publicFinalist.has(app.venture_snapshot_id)
      await trx
        .updateTable('venture_snapshots')
        .set({
          address: '',
          website: null,
          social_links: '',
          ...(keepName ? {} : { name: ERASED_NAME }),
        })
        .where('province_id', '=', provinceId)
        .where('id', '=', app.venture_snapshot_id)
        .execute()
      const renamed = await trx
        .updateTable('venture_snapshot_members')
        .set({ name: ERASED_NAME })
        .where('province_id', '=', provinceId)
        .where('snapshot_id', '=', app.venture_snapshot_id)
        .executeTakeFirst()
      counts.teamMembersErased += Number(renamed.numUpdatedRows)
    }
    counts.applicationsPseudonymised++
  }
  const ventures = await trx
    .selectFrom('ventures')
    .select('id')
    .where('province_id', '=', provinceId)
    .where('owner_id', '=', userId)
    .execute()
  for (const v of ventures) {
    // Inclusion self-declarations (docs/decisions/017) are the person's and the team's: never kept.
    await trx
      .deleteFrom('inclusion_declarations')
      .where('province_id', '=', provinceId)
      .where('venture_id', '=', v.id)
      .execute()
    const team = await trx
      .deleteFrom('venture_members')
      .where('province_id', '=', provinceId)
      .where('venture_id', '=', v.id)
      .executeTakeFirst()
    counts.teamMembersErased += Number(team.numDeletedRows)
    const stillReferenced = kept.some((a) => a.venture_id === v.id)
    if (stillReferenced) {
      await trx
        .updateTable('ventures')
        .set({ name: ERASED_NAME, address: '', website: null, social_links: '', regency_code: null })
        .where('province_id', '=', provinceId)
        .where('id', '=', v.id)
        .execute()
      counts.venturesPseudonymised++
    } else {
      // No kept application names it, so no snapshot does either (snapshots are taken at submission).
      await trx.deleteFrom('ventures').where('province_id', '=', provinceId).where('id', '=', v.id).execute()
      counts.venturesDeleted++
    }
  }
  await trx
    .deleteFrom('invitations')
    .where('province_id', '=', provinceId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .execute()
  // A mentor's invitations name them by address and name, like Bappeda's invitations.
  await trx
    .deleteFrom('mentor_invitations')
    .where('province_id', '=', provinceId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .execute()
  await trx
    .deleteFrom('memberships')
    .where('province_id', '=', provinceId)
    .where('user_id', '=', userId)
    .where('role', '=', 'applicant')
    .execute()
}

/** Mails to the person keep their row (a mail was sent, when) but lose address, name and text. */
async function eraseMails(trx: Trx, email: string, spare: string[]): Promise<number> {
  let update = trx
    .updateTable('mail_outbox')
    .set({ to_email: 'erased@erased.invalid', to_name: ERASED_NAME, subject: ERASED_NAME, body_text: ERASED_NAME })
    .where((eb) => eb(eb.fn('lower', ['to_email']), '=', email.toLowerCase()))
  if (spare.length > 0) update = update.where('id', 'not in', spare)
  const result = await update.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

function emptyCounts(): ErasureCounts {
  return {
    draftsDeleted: 0,
    applicationsPseudonymised: 0,
    venturesDeleted: 0,
    venturesPseudonymised: 0,
    teamMembersErased: 0,
    filesDeleted: 0,
    mailsErased: 0,
    valuesErasedElsewhere: 0,
  }
}
