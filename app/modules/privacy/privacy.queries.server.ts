import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Kysely only. Privacy work is about one person across provinces, so these queries name
// the user (and, for tenant tables, filter by the user's own rows) instead of a province;
// they run in the national read scope (export) or one province's scope (erasure).

export function findUser(trx: Trx, userId: string) {
  return trx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'phone', 'locale', 'created_at', 'email_verified_at', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst()
}

export function userMemberships(trx: Trx, userId: string) {
  return trx
    .selectFrom('memberships as m')
    .leftJoin('provinces as p', 'p.id', 'm.province_id')
    .select([
      'm.role',
      'm.province_id',
      'p.slug as province_slug',
      'p.name as province_name',
      'p.time_zone',
      'm.created_at',
    ])
    .where('m.user_id', '=', userId)
    .execute()
}

export function userVentures(trx: Trx, userId: string) {
  return trx
    .selectFrom('ventures as v')
    .innerJoin('provinces as p', 'p.id', 'v.province_id')
    .select([
      'v.province_id',
      'p.slug as province_slug',
      'v.id',
      'v.name',
      'v.legal_form',
      'v.year_founded',
      'v.regency_code',
      'v.address',
      'v.stage',
      'v.website',
      'v.social_links',
      'v.created_at',
      'v.updated_at',
    ])
    .where('v.owner_id', '=', userId)
    .execute()
}

export function ventureMembers(trx: Trx, ventureIds: string[]) {
  if (ventureIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('venture_members')
    .select(['province_id', 'venture_id', 'name', 'role', 'gender', 'age_band', 'position'])
    .where('venture_id', 'in', ventureIds)
    .orderBy('position')
    .execute()
}

/** The inclusion self-declarations of the user's ventures (the user's own and their team's). */
export function inclusionDeclarations(trx: Trx, ventureIds: string[]) {
  if (ventureIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('inclusion_declarations')
    .select(['venture_id', 'member_id', 'gender', 'age_band', 'disability', 'declared_at'])
    .where('venture_id', 'in', ventureIds)
    .execute()
}

export function userApplications(trx: Trx, userId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('provinces as p', 'p.id', 'a.province_id')
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 'a.province_id').onRef('c.id', '=', 'a.call_id'))
    .leftJoin('selections as s', (j) =>
      j.onRef('s.province_id', '=', 'a.province_id').onRef('s.call_id', '=', 'a.call_id'),
    )
    .selectAll('a')
    .select(['p.slug as province_slug', 'c.closes_at as call_closes_at', 's.published_at as selection_published_at'])
    .where('a.applicant_id', '=', userId)
    .orderBy('a.created_at')
    .execute()
}

export function snapshots(trx: Trx, snapshotIds: string[]) {
  if (snapshotIds.length === 0) return Promise.resolve([])
  return trx.selectFrom('venture_snapshots').selectAll().where('id', 'in', snapshotIds).execute()
}

export function snapshotMembers(trx: Trx, snapshotIds: string[]) {
  if (snapshotIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('venture_snapshot_members')
    .selectAll()
    .where('snapshot_id', 'in', snapshotIds)
    .orderBy('position')
    .execute()
}

export function applicationIndicators(trx: Trx, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('application_indicators')
    .select(['application_id', 'name', 'baseline', 'target', 'unit', 'position'])
    .where('application_id', 'in', applicationIds)
    .orderBy('position')
    .execute()
}

export function applicationFiles(trx: Trx, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('application_files as af')
    .innerJoin('files as f', (j) => j.onRef('f.province_id', '=', 'af.province_id').onRef('f.id', '=', 'af.file_id'))
    .select([
      'af.province_id',
      'af.application_id',
      'af.file_id',
      'af.kind',
      'f.original_name',
      'f.content_type',
      'f.size',
      'f.created_at',
    ])
    .where('af.application_id', 'in', applicationIds)
    .orderBy('af.position')
    .execute()
}

export function applicationEvents(trx: Trx, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('application_events')
    .select(['application_id', 'status', 'at', 'note'])
    .where('application_id', 'in', applicationIds)
    .orderBy('at')
    .execute()
}

export function mailsTo(trx: Trx, email: string) {
  return trx
    .selectFrom('mail_outbox')
    .select(['id', 'template', 'subject', 'body_text', 'created_at', 'sent_at'])
    .where((eb) => eb(eb.fn('lower', ['to_email']), '=', email.toLowerCase()))
    .orderBy('created_at')
    .execute()
}

/** Audit entries the user made or that are about them, their ventures or applications. */
export function auditAbout(trx: Trx, userId: string, objectIds: string[]) {
  return trx
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'object_type', 'object_id', 'ip', 'details'])
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', userId),
        eb('object_id', 'in', [userId, ...objectIds]),
        eb(eb.ref('details', '->>').key('userId'), '=', userId),
      ]),
    )
    .orderBy('id')
    .execute()
}

export function userConsents(trx: Trx, userId: string) {
  return trx
    .selectFrom('user_consents')
    .select(['purpose', 'granted_at', 'withdrawn_at'])
    .where('user_id', '=', userId)
    .execute()
}

export function userRequests(trx: Trx, userId: string) {
  return trx
    .selectFrom('privacy_requests')
    .select(['id', 'kind', 'details', 'received_at', 'due_at', 'status', 'decision_reason', 'decided_at'])
    .where('user_id', '=', userId)
    .orderBy('received_at', 'desc')
    .execute()
}

export function consentNoticeVersions(trx: Trx, editionIds: string[]) {
  if (editionIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('consent_notices')
    .select(['edition_id', 'version', 'text_id', 'text_en', 'published_at'])
    .where('edition_id', 'in', editionIds)
    .execute()
}

export async function isOfficer(trx: Trx, userId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('privacy_officers')
    .select('user_id')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return !!row
}

export function officers(trx: Trx) {
  return trx
    .selectFrom('privacy_officers as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.locale', 'u.active', 'o.appointed_at'])
    .orderBy('o.appointed_at')
    .execute()
}

/**
 * Deletes draft applications with what hangs off them (files, indicators, events), for
 * erasure and retention alike; a non-draft id is left alone. Returns what was deleted.
 */
export async function deleteDraftApplications(trx: Trx, provinceId: string, ids: string[]) {
  if (ids.length === 0) return { drafts: 0, files: 0 }
  const files = await trx
    .selectFrom('application_files as af')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'af.province_id').onRef('a.id', '=', 'af.application_id'),
    )
    .select('af.file_id')
    .where('af.province_id', '=', provinceId)
    .where('af.application_id', 'in', ids)
    .where('a.status', '=', 'draft')
    .execute()
  const drafts = trx
    .selectFrom('applications')
    .select('id')
    .where('province_id', '=', provinceId)
    .where('id', 'in', ids)
    .where('status', '=', 'draft')
  for (const table of ['application_files', 'application_indicators', 'application_events'] as const) {
    await trx.deleteFrom(table).where('province_id', '=', provinceId).where('application_id', 'in', drafts).execute()
  }
  const deleted = await trx
    .deleteFrom('applications')
    .where('province_id', '=', provinceId)
    .where('id', 'in', ids)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (files.length === 0) return { drafts: Number(deleted.numDeletedRows), files: 0 }
  const removed = await trx
    .deleteFrom('files')
    .where('province_id', '=', provinceId)
    .where(
      'id',
      'in',
      files.map((f) => f.file_id),
    )
    .executeTakeFirst()
  return { drafts: Number(deleted.numDeletedRows), files: Number(removed.numDeletedRows) }
}
