import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Kysely only. Every query names the province explicitly, on top of RLS (docs/ARCHITECTURE.md#tenancy).

/** The province's OPDs, with how many issues each leads and how many reviewers it has. */
export function listOpds(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('opds')
    .select((eb) => [
      'opds.id',
      'opds.name',
      'opds.short_name',
      'opds.head_name',
      'opds.contact_email',
      'opds.contact_phone',
      'opds.active',
      'opds.level',
      'opds.regency_code',
      eb
        .selectFrom('regencies as r')
        .select('r.name')
        .whereRef('r.province_id', '=', 'opds.province_id')
        .whereRef('r.code', '=', 'opds.regency_code')
        .as('regency_name'),
      eb
        .selectFrom('province_issues as pi')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('pi.province_id', '=', 'opds.province_id')
        .whereRef('pi.lead_opd_id', '=', 'opds.id')
        .as('leads'),
      eb
        .selectFrom('memberships as m')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('m.province_id', '=', 'opds.province_id')
        .whereRef('m.opd_id', '=', 'opds.id')
        .as('reviewers'),
    ])
    .where('opds.province_id', '=', provinceId)
    .orderBy('opds.active', 'desc')
    .orderBy('opds.short_name')
    .execute()
}

export function findOpd(trx: Trx, provinceId: string, opdId: string) {
  return trx
    .selectFrom('opds')
    .select([
      'id',
      'name',
      'short_name',
      'head_name',
      'contact_email',
      'contact_phone',
      'active',
      'level',
      'regency_code',
    ])
    .where('province_id', '=', provinceId)
    .where('id', '=', opdId)
    .executeTakeFirst()
}

/** A kabupaten/kota of the province (another province's code is not one). */
export function findRegency(trx: Trx, provinceId: string, code: string) {
  return trx
    .selectFrom('regencies')
    .select(['code', 'name', 'kind'])
    .where('province_id', '=', provinceId)
    .where('code', '=', code)
    .executeTakeFirst()
}

/** The province's kabupaten/kota by code, for a choice. */
export function listRegencyChoices(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('regencies')
    .select(['code', 'name', 'kind'])
    .where('province_id', '=', provinceId)
    .orderBy('code')
    .execute()
}

/** Which of `ids` are OPDs of the province (a guessed id of another province is not). */
export async function opdIdsInProvince(trx: Trx, provinceId: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  const rows = await trx
    .selectFrom('opds')
    .select(['id', 'active'])
    .where('province_id', '=', provinceId)
    .where('id', 'in', ids)
    .execute()
  return rows
}

/** The FGD validation records of an edition, newest first, with participants and linked issues. */
export async function listFgdSessions(trx: Trx, provinceId: string, editionId: string) {
  const sessions = await trx
    .selectFrom('fgd_sessions as f')
    .leftJoin('files', (join) =>
      join.onRef('files.province_id', '=', 'f.province_id').onRef('files.id', '=', 'f.minutes_file_id'),
    )
    .select((eb) => [
      'f.id',
      'f.held_on',
      'f.place',
      'f.facilitator',
      'f.summary',
      'files.original_name as minutes_name',
      'files.size as minutes_size',
      eb
        .selectFrom('province_issues as pi')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('pi.province_id', '=', 'f.province_id')
        .whereRef('pi.fgd_id', '=', 'f.id')
        .as('issues'),
    ])
    .where('f.province_id', '=', provinceId)
    .where('f.edition_id', '=', editionId)
    .orderBy('f.held_on', 'desc')
    .orderBy('f.created_at', 'desc')
    .execute()
  const participants = sessions.length
    ? await trx
        .selectFrom('fgd_participants as p')
        .innerJoin('opds', (join) =>
          join.onRef('opds.province_id', '=', 'p.province_id').onRef('opds.id', '=', 'p.opd_id'),
        )
        .select(['p.fgd_id', 'opds.short_name'])
        .where('p.province_id', '=', provinceId)
        .where(
          'p.fgd_id',
          'in',
          sessions.map((s) => s.id),
        )
        .orderBy('opds.short_name')
        .execute()
    : []
  return sessions.map((s) => ({
    ...s,
    participants: participants.filter((p) => p.fgd_id === s.id).map((p) => p.short_name),
  }))
}

export function findFgdSession(trx: Trx, provinceId: string, fgdId: string) {
  return trx
    .selectFrom('fgd_sessions')
    .select(['id', 'edition_id', 'held_on', 'place', 'facilitator', 'summary', 'minutes_file_id'])
    .where('province_id', '=', provinceId)
    .where('id', '=', fgdId)
    .executeTakeFirst()
}

/** The province's issues of an edition in priority order. */
export function listIssues(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('province_issues as pi')
    .innerJoin('opds', (join) =>
      join.onRef('opds.province_id', '=', 'pi.province_id').onRef('opds.id', '=', 'pi.lead_opd_id'),
    )
    .innerJoin('national_issues as ni', 'ni.id', 'pi.national_issue_id')
    .select([
      'pi.id',
      'pi.title_id',
      'pi.title_en',
      'pi.status',
      'pi.priority',
      'pi.validated_on',
      'opds.short_name as lead_short_name',
      'ni.name_id as national_name_id',
      'ni.name_en as national_name_en',
    ])
    .where('pi.province_id', '=', provinceId)
    .where('pi.edition_id', '=', editionId)
    .orderBy('pi.priority')
    .orderBy('pi.title_id')
    .execute()
}

/** National issues still open to the province in the edition: not retired, not chosen yet. */
export function listAvailableNationalIssues(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('national_issues as ni')
    .select(['ni.id', 'ni.code', 'ni.name_id', 'ni.name_en'])
    .where('ni.retired_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('province_issues as pi')
            .select('pi.id')
            .where('pi.province_id', '=', provinceId)
            .where('pi.edition_id', '=', editionId)
            .whereRef('pi.national_issue_id', '=', 'ni.id'),
        ),
      ),
    )
    .orderBy('ni.position')
    .execute()
}

export function findIssue(trx: Trx, provinceId: string, issueId: string) {
  return trx
    .selectFrom('province_issues as pi')
    .innerJoin('national_issues as ni', 'ni.id', 'pi.national_issue_id')
    .select([
      'pi.id',
      'pi.edition_id',
      'pi.national_issue_id',
      'pi.lead_opd_id',
      'pi.title_id',
      'pi.title_en',
      'pi.description_id',
      'pi.description_en',
      'pi.status',
      'pi.priority',
      'pi.validated_on',
      'pi.validation_place',
      'pi.fgd_id',
      'ni.name_id as national_name_id',
      'ni.name_en as national_name_en',
    ])
    .where('pi.province_id', '=', provinceId)
    .where('pi.id', '=', issueId)
    .executeTakeFirst()
}

export function listIndicators(trx: Trx, provinceId: string, issueId: string) {
  return trx
    .selectFrom('issue_indicators')
    .select(['id', 'name_id', 'name_en', 'value', 'unit', 'year', 'source', 'position'])
    .where('province_id', '=', provinceId)
    .where('issue_id', '=', issueId)
    .orderBy('position')
    .orderBy('name_id')
    .execute()
}

export async function listSupportingOpdIds(trx: Trx, provinceId: string, issueId: string) {
  const rows = await trx
    .selectFrom('issue_supporting_opds')
    .select('opd_id')
    .where('province_id', '=', provinceId)
    .where('issue_id', '=', issueId)
    .execute()
  return rows.map((r) => r.opd_id)
}
