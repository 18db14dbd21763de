import { type ExpressionBuilder, sql } from 'kysely'
import type { AccessFilter } from '#app/modules/permissions/to-sql.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '#db/schema.ts'
import { COUNTED, containsPattern, INCOMING_STATUSES, type IncomingFilters } from './filters.ts'

// Kysely only. Bappeda's view of incoming applications (issue 6): every query names the
// province (docs/ARCHITECTURE.md#tenancy, layer 4), applies the CASL read rule translated to SQL (layer 3),
// and leaves drafts out, which stay private to their applicant.

/** Statuses Bappeda may see: a draft is the applicant's own business until it is submitted. */
const VISIBLE = INCOMING_STATUSES

type Eb = ExpressionBuilder<Database & { a: Database['applications'] }, 'a'>

/** The rows behind both the list and the export: the province's non-draft applications of the edition. */
function incoming(trx: Trx, provinceId: string, editionId: string, access: AccessFilter, filters: IncomingFilters) {
  let query = trx
    .selectFrom('applications as a')
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .leftJoin('regencies as r', 'r.code', 'v.regency_code')
    .where('a.province_id', '=', provinceId)
    .where('a.edition_id', '=', editionId)
    .where('a.status', 'in', VISIBLE)
    .where(access)
  if (filters.issue) query = query.where('a.issue_id', '=', filters.issue)
  if (filters.regency) query = query.where('v.regency_code', '=', filters.regency)
  if (filters.status) query = query.where('a.status', '=', filters.status)
  if (filters.stage) query = query.where('v.stage', '=', filters.stage)
  const q = filters.q
  if (q) {
    const pattern = containsPattern(q)
    query = query.where((eb) =>
      eb.or([eb('v.name', 'ilike', pattern), eb('u.name', 'ilike', pattern), eb('a.receipt_number', 'ilike', pattern)]),
    )
  }
  return query
}

const teamSize = (eb: Eb) =>
  eb
    .selectFrom('venture_snapshot_members as m')
    .select((e) => e.fn.countAll<string>().as('n'))
    .whereRef('m.province_id', '=', 'a.province_id')
    .whereRef('m.snapshot_id', '=', 'a.venture_snapshot_id')

/** One page of incoming applications, in the order they were submitted. */
export function listIncoming(
  trx: Trx,
  provinceId: string,
  editionId: string,
  access: AccessFilter,
  filters: IncomingFilters,
  page: { limit: number; offset: number },
) {
  return incoming(trx, provinceId, editionId, access, filters)
    .select([
      'a.id',
      'a.status',
      'a.receipt_number',
      'a.submitted_at',
      'a.withdrawn_at',
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
      'v.name as venture_name',
      'v.stage',
      'r.name as regency_name',
      'r.kind as regency_kind',
      'u.name as applicant_name',
    ])
    .orderBy('a.submitted_at')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

/** How many applications match the filters (for the page count). */
export async function countIncoming(
  trx: Trx,
  provinceId: string,
  editionId: string,
  access: AccessFilter,
  filters: IncomingFilters,
): Promise<number> {
  const row = await incoming(trx, provinceId, editionId, access, filters)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Every matching application with the columns of the CSV export, in submission order. */
export function listIncomingForExport(
  trx: Trx,
  provinceId: string,
  editionId: string,
  access: AccessFilter,
  filters: IncomingFilters,
) {
  return incoming(trx, provinceId, editionId, access, filters)
    .select((eb) => [
      'a.receipt_number',
      'a.submitted_at',
      'a.status',
      'pi.title_id as issue_title_id',
      'v.name as venture_name',
      'v.legal_form',
      'v.stage',
      'r.name as regency_name',
      'r.kind as regency_kind',
      'u.name as applicant_name',
      'u.email as applicant_email',
      'a.beneficiaries_count',
      teamSize(eb as unknown as Eb).as('team_size'),
      teamSize(eb as unknown as Eb)
        .where('m.gender', '=', 'female')
        .as('women'),
    ])
    .orderBy('a.submitted_at')
    .orderBy('a.id')
    .execute()
}

/** The edition's published issues with their submitted (not withdrawn) applications, by priority. */
export function countSubmittedPerIssue(trx: Trx, provinceId: string, editionId: string, access: AccessFilter) {
  return trx
    .selectFrom('province_issues as pi')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('applications as a')
          .select(['a.issue_id', (e) => e.fn.countAll<string>().as('n')])
          .where('a.province_id', '=', provinceId)
          .where('a.edition_id', '=', editionId)
          .where('a.status', 'in', COUNTED)
          .where(access)
          .groupBy('a.issue_id')
          .as('c'),
      (j) => j.onRef('c.issue_id', '=', 'pi.id'),
    )
    .select(['pi.id', 'pi.title_id', 'pi.title_en', sql<string>`coalesce(c.n, 0)`.as('count')])
    .where('pi.province_id', '=', provinceId)
    .where('pi.edition_id', '=', editionId)
    .where('pi.status', '=', 'published')
    .orderBy('pi.priority')
    .orderBy('pi.title_id')
    .execute()
}

/** The edition's issues of the province (any status: an application may outlive a publication), for the filter. */
export function listIssueOptions(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('province_issues')
    .select(['id', 'title_id', 'title_en'])
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .orderBy('priority')
    .orderBy('title_id')
    .execute()
}

/** The province's kabupaten/kota, for the filter. */
export function listRegencyOptions(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('regencies')
    .select(['code', 'name', 'kind'])
    .where('province_id', '=', provinceId)
    .orderBy('name')
    .execute()
}

/** One non-draft application of the province with its venture, issue and applicant, if visible. */
export function findIncoming(trx: Trx, provinceId: string, access: AccessFilter, id: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .leftJoin('regencies as r', 'r.code', 'v.regency_code')
    .selectAll('a')
    .select([
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
      'v.id as snapshot_id',
      'v.name as venture_name',
      'v.legal_form',
      'v.year_founded',
      'v.stage',
      'v.address',
      'v.website',
      'v.social_links',
      'r.name as regency_name',
      'r.kind as regency_kind',
      'u.name as applicant_name',
      'u.email as applicant_email',
      'u.phone as applicant_phone',
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.id', '=', id)
    .where('a.status', 'in', VISIBLE)
    .where(access)
    .executeTakeFirst()
}

/** The application's measurable indicators, in order. */
export function listIndicators(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('application_indicators')
    .select(['id', 'name', 'baseline', 'target', 'unit'])
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .orderBy('position')
    .execute()
}

/** The team as submitted, from the application's profile snapshot (gender and age band feed the inclusion counts). */
export function listTeam(trx: Trx, provinceId: string, snapshotId: string) {
  return trx
    .selectFrom('venture_snapshot_members')
    .select(['id', 'name', 'role', 'gender', 'age_band'])
    .where('province_id', '=', provinceId)
    .where('snapshot_id', '=', snapshotId)
    .orderBy('position')
    .execute()
}

/** The application's attachments (metadata only; the bytes come through the download route). */
export function listAttachments(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('application_files as af')
    .innerJoin('files as f', (j) => j.onRef('f.province_id', '=', 'af.province_id').onRef('f.id', '=', 'af.file_id'))
    .select(['f.id', 'f.original_name', 'f.size', 'f.content_type', 'af.kind'])
    .where('af.province_id', '=', provinceId)
    .where('af.application_id', '=', applicationId)
    .orderBy('af.kind')
    .orderBy('af.position')
    .execute()
}
