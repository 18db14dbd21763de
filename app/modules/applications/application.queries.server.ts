import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { IndicatorInput } from './application.schema.ts'
import type { TextField } from './application-sections.ts'
import { PROFILE_FIELDS } from './venture.queries.server.ts'

// Kysely only. Every query names the province and, for applications, the applicant:
// an applicant reaches their own rows and nothing else (docs/ARCHITECTURE.md#tenancy, layer 4).

export interface Owner {
  provinceId: string
  userId: string
}

/** The applicant's venture profile in the province (one per owner), if any. */
export function findVentureId(trx: Trx, owner: Owner, lock = false) {
  const query = trx
    .selectFrom('ventures')
    .select('id')
    .where('province_id', '=', owner.provinceId)
    .where('owner_id', '=', owner.userId)
  // Locking the venture row serialises two "start" posts of the same applicant, so a
  // double submit cannot slip past the per-call limit.
  return (lock ? query.forUpdate() : query).executeTakeFirst()
}

/** The province's published calls of the edition (windows and limit). */
export function listPublishedCalls(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('calls')
    .select([
      'id',
      'opens_at',
      'closes_at',
      'max_applications',
      'helpdesk_phone',
      'helpdesk_whatsapp',
      'helpdesk_email',
    ])
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .orderBy('opens_at')
    .execute()
}

/** One call of the province (any status), for an application's window. */
export function findCall(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('calls')
    .select([
      'id',
      'opens_at',
      'closes_at',
      'status',
      'max_applications',
      'helpdesk_phone',
      'helpdesk_whatsapp',
      'helpdesk_email',
    ])
    .where('province_id', '=', provinceId)
    .where('id', '=', callId)
    .executeTakeFirst()
}

/** Published province issues of an edition, the only ones an application may address. */
export function listChoosableIssues(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('province_issues')
    .select(['id', 'title_id', 'title_en'])
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .orderBy('priority')
    .orderBy('title_id')
    .execute()
}

/** A published issue of the province and edition by id, if it is one. */
export function findChoosableIssue(trx: Trx, provinceId: string, editionId: string, issueId: string) {
  return trx
    .selectFrom('province_issues')
    .select('id')
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .where('id', '=', issueId)
    .executeTakeFirst()
}

/** How many applications (not withdrawn) the applicant holds for a call. */
export async function countActiveApplications(trx: Trx, owner: Owner, callId: string): Promise<number> {
  const row = await trx
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('province_id', '=', owner.provinceId)
    .where('applicant_id', '=', owner.userId)
    .where('call_id', '=', callId)
    .where('status', '!=', 'withdrawn')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The applicant's applications for the apply home, newest first, each with what its
 * progress is computed from (every column, the issue's titles, the indicator count): one
 * statement however many drafts there are.
 */
export function listOwnApplicationsForHome(trx: Trx, owner: Owner) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('province_issues as pi', (join) =>
      join.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .selectAll('a')
    .select(['pi.title_id', 'pi.title_en'])
    .select(
      sql<number>`(select count(*)::int from application_indicators ai where ai.province_id = a.province_id and ai.application_id = a.id)`.as(
        'indicator_count',
      ),
    )
    .where('a.province_id', '=', owner.provinceId)
    .where('a.applicant_id', '=', owner.userId)
    .orderBy('a.created_at', 'desc')
    .execute()
}

/**
 * The applicant's applications for a status reply (messaging's STATUS), newest three,
 * optionally one receipt: a submitted one is named as submitted (its snapshot), a draft
 * by the live profile, which only this module reads.
 */
export function listOwnApplicationStatuses(trx: Trx, owner: Owner, receipt: string | null) {
  let q = trx
    .selectFrom('applications as a')
    .innerJoin('ventures as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_id'),
    )
    .leftJoin('venture_snapshots as vs', (j) =>
      j.onRef('vs.province_id', '=', 'a.province_id').onRef('vs.id', '=', 'a.venture_snapshot_id'),
    )
    .select(['a.id', 'a.status', 'a.receipt_number', sql<string>`coalesce(vs.name, v.name)`.as('venture_name')])
    .where('a.province_id', '=', owner.provinceId)
    .where('a.applicant_id', '=', owner.userId)
  if (receipt !== null) q = q.where(sql<string>`upper(a.receipt_number)`, '=', receipt)
  return q.orderBy('a.created_at', 'desc').limit(3).execute()
}

/** One of the applicant's own applications with its issue titles; someone else's id finds nothing. */
export function findOwnApplication(trx: Trx, owner: Owner, id: string, lock = false) {
  const query = trx
    .selectFrom('applications as a')
    .innerJoin('province_issues as pi', (join) =>
      join.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .selectAll('a')
    .select(['pi.title_id as issue_title_id', 'pi.title_en as issue_title_en'])
    .where('a.province_id', '=', owner.provinceId)
    .where('a.applicant_id', '=', owner.userId)
    .where('a.id', '=', id)
  // A save locks its application's row (not the issue's): a submission committed meanwhile is
  // then seen, and the save refused, instead of read as a draft and written to no row.
  return (lock ? query.forUpdate('a') : query).executeTakeFirst()
}

/** The application's indicators in their order. */
export function listIndicators(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('application_indicators')
    .select(['name', 'baseline', 'target', 'unit'])
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .orderBy('position')
    .execute()
}

/** Inserts a new draft and answers its id. */
export async function insertApplication(
  trx: Trx,
  owner: Owner,
  values: { editionId: string; callId: string; ventureId: string; issueId: string; now: Date },
): Promise<string> {
  const row = await trx
    .insertInto('applications')
    .values({
      province_id: owner.provinceId,
      applicant_id: owner.userId,
      edition_id: values.editionId,
      call_id: values.callId,
      venture_id: values.ventureId,
      issue_id: values.issueId,
      created_at: values.now,
      updated_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export type ColumnValues = Partial<Record<TextField, string>> & {
  beneficiaries_count?: number | null
  issue_id?: string
}

/** Writes a section's columns of the applicant's own draft. */
export function updateApplication(trx: Trx, owner: Owner, id: string, values: ColumnValues, now: Date) {
  return trx
    .updateTable('applications')
    .set({ ...values, updated_at: now })
    .where('province_id', '=', owner.provinceId)
    .where('applicant_id', '=', owner.userId)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst()
}

/** Replaces the application's indicators with these rows, in order. */
export async function replaceIndicators(trx: Trx, provinceId: string, applicationId: string, rows: IndicatorInput[]) {
  await trx
    .deleteFrom('application_indicators')
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .execute()
  if (rows.length === 0) return
  await trx
    .insertInto('application_indicators')
    .values(rows.map((r, i) => ({ province_id: provinceId, application_id: applicationId, ...r, position: i + 1 })))
    .execute()
}

// ---- submission (issue 6) ----

/**
 * Locks one of the applicant's own applications for the rest of the transaction, so
 * concurrent submits or withdrawals of it run one after the other and each sees the
 * state the previous one committed.
 */
export function lockOwnApplication(trx: Trx, owner: Owner, id: string) {
  return trx
    .selectFrom('applications')
    .selectAll()
    .where('province_id', '=', owner.provinceId)
    .where('applicant_id', '=', owner.userId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** The latest data-processing notice of an edition (national, read-only to the app). */
export function findLatestNotice(trx: Trx, editionId: string) {
  return trx
    .selectFrom('consent_notices')
    .select(['version', 'text_id', 'text_en', 'published_at'])
    .where('edition_id', '=', editionId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Whether a receipt number is already held in the province. Counters run per edition and
 * the number carries the submission's year, so two editions taking submissions in one
 * year would meet on the same number.
 */
export async function isReceiptTaken(trx: Trx, provinceId: string, receipt: string): Promise<boolean> {
  const row = await trx
    .selectFrom('applications')
    .select('id')
    .where('province_id', '=', provinceId)
    .where('receipt_number', '=', receipt)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Takes the next receipt sequence of the province and edition. The counter row stays
 * locked until the transaction ends, and a rolled-back submission rolls the increment
 * back with it: numbers have no gaps.
 */
export async function takeReceiptSequence(trx: Trx, provinceId: string, editionId: string): Promise<number> {
  const row = await trx
    .insertInto('receipt_counters')
    .values({ province_id: provinceId, edition_id: editionId, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['province_id', 'edition_id']).doUpdateSet((eb) => ({
        last_number: eb('receipt_counters.last_number', '+', 1),
      })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return row.last_number
}

/**
 * Copies the venture profile and its team as they stand into a new snapshot and answers
 * its id. The profile row is share-locked first, so a concurrent profile or team edit
 * lands wholly before or wholly after the copy.
 */
export async function snapshotVenture(trx: Trx, provinceId: string, ventureId: string, now: Date): Promise<string> {
  await trx
    .selectFrom('ventures')
    .select('id')
    .where('province_id', '=', provinceId)
    .where('id', '=', ventureId)
    .forShare()
    .executeTakeFirstOrThrow()
  const snapshot = await trx
    .insertInto('venture_snapshots')
    .columns(['province_id', 'venture_id', ...PROFILE_FIELDS, 'taken_at'])
    .expression((eb) =>
      eb
        .selectFrom('ventures')
        .select((e) => ['province_id', 'id', ...PROFILE_FIELDS, e.val(now).as('taken_at')])
        .where('province_id', '=', provinceId)
        .where('id', '=', ventureId),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('venture_snapshot_members')
    .columns(['province_id', 'snapshot_id', 'name', 'role', 'gender', 'age_band', 'position'])
    .expression((eb) =>
      eb
        .selectFrom('venture_members')
        .select((e) => [
          'province_id',
          e.val(snapshot.id).as('snapshot_id'),
          'name',
          'role',
          'gender',
          'age_band',
          'position',
        ])
        .where('province_id', '=', provinceId)
        .where('venture_id', '=', ventureId),
    )
    .execute()
  return snapshot.id
}

/** Marks the applicant's locked draft as submitted with its consent, receipt and profile snapshot. */
export function markSubmitted(
  trx: Trx,
  owner: Owner,
  id: string,
  values: { consentVersion: number; receipt: string; snapshotId: string; now: Date },
) {
  return trx
    .updateTable('applications')
    .set({
      status: 'submitted',
      venture_snapshot_id: values.snapshotId,
      consent_version: values.consentVersion,
      consent_at: values.now,
      submitted_at: values.now,
      receipt_number: values.receipt,
      updated_at: values.now,
    })
    .where('province_id', '=', owner.provinceId)
    .where('applicant_id', '=', owner.userId)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow()
}

/** Marks the applicant's locked, submitted application as withdrawn with the reason. */
export function markWithdrawn(trx: Trx, owner: Owner, id: string, values: { reason: string; now: Date }) {
  return trx
    .updateTable('applications')
    .set({ status: 'withdrawn', withdrawn_at: values.now, withdraw_reason: values.reason, updated_at: values.now })
    .where('province_id', '=', owner.provinceId)
    .where('applicant_id', '=', owner.userId)
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow()
}

/** Appends one status change to the application's history. */
export function insertEvent(
  trx: Trx,
  provinceId: string,
  applicationId: string,
  values: { status: string; at: Date; note?: string | null },
) {
  return trx
    .insertInto('application_events')
    .values({
      province_id: provinceId,
      application_id: applicationId,
      status: values.status,
      at: values.at,
      note: values.note ?? null,
    })
    .execute()
}

/** The application's status history, oldest first. */
export function listEvents(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('application_events')
    .select(['status', 'at', 'note'])
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .orderBy('at')
    .orderBy('id')
    .execute()
}

/** Who receives the applicant's mail, in their own language. */
export function findApplicantContact(trx: Trx, userId: string) {
  return trx.selectFrom('users').select(['email', 'name', 'locale']).where('id', '=', userId).executeTakeFirstOrThrow()
}
