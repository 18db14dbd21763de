import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Kysely only; run inside withTenant(db, { national: true }, …) (docs/decisions/002-tenancy-and-rls.md).

/** Every edition, newest first, with how many phases and provinces it has. */
export function listEditions(trx: Trx) {
  return trx
    .selectFrom('editions as e')
    .select((eb) => [
      'e.id',
      'e.slug',
      'e.name',
      'e.starts_on',
      'e.ends_on',
      'e.legal_basis',
      'e.status',
      eb
        .selectFrom('phases')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('phases.edition_id', '=', 'e.id')
        .as('phases'),
      eb
        .selectFrom('phase_provinces as pp')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('pp.edition_id', '=', 'e.id')
        .as('provinces'),
    ])
    .orderBy('e.starts_on', 'desc')
    .execute()
}

export function findEditionBySlug(trx: Trx, slug: string) {
  return trx
    .selectFrom('editions')
    .select(['id', 'slug', 'name', 'starts_on', 'ends_on', 'legal_basis', 'status'])
    .where('slug', '=', slug)
    .executeTakeFirst()
}

export function listPhases(trx: Trx, editionId: string) {
  return trx
    .selectFrom('phases')
    .select(['id', 'number'])
    .where('edition_id', '=', editionId)
    .orderBy('number')
    .execute()
}

export function findPhase(trx: Trx, editionId: string, phaseId: string) {
  return trx
    .selectFrom('phases')
    .select(['id', 'number'])
    .where('edition_id', '=', editionId)
    .where('id', '=', phaseId)
    .executeTakeFirst()
}

/** Which province runs in which phase of the edition. */
export function listPhaseProvinces(trx: Trx, editionId: string) {
  return trx
    .selectFrom('phase_provinces as pp')
    .innerJoin('provinces as p', 'p.id', 'pp.province_id')
    .select(['pp.phase_id', 'p.id', 'p.slug', 'p.name', 'p.active'])
    .where('pp.edition_id', '=', editionId)
    .orderBy('p.name')
    .execute()
}

export function listMilestones(trx: Trx, editionId: string) {
  return trx
    .selectFrom('milestones')
    .select(['id', 'phase_id', 'kind', 'starts_on', 'ends_on', 'note'])
    .where('edition_id', '=', editionId)
    .execute()
}

/** Every province, active or not, with its contact and logo. */
export function listProvinces(trx: Trx) {
  return trx
    .selectFrom('provinces')
    .select([
      'id',
      'slug',
      'name',
      'bps_code',
      'time_zone',
      'active',
      'contact_name',
      'contact_email',
      'contact_phone',
      'logo_file_id',
    ])
    .orderBy('active', 'desc')
    .orderBy('name')
    .execute()
}

/** A province by slug whatever its status (the ministry sees inactive ones too). */
export function findProvinceBySlug(trx: Trx, slug: string) {
  return trx
    .selectFrom('provinces')
    .select([
      'id',
      'slug',
      'name',
      'bps_code',
      'time_zone',
      'active',
      'contact_name',
      'contact_email',
      'contact_phone',
      'logo_file_id',
      'created_at',
    ])
    .where('slug', '=', slug)
    .executeTakeFirst()
}

/** Who already holds a slug or a BPS code (another province than `exceptId`). */
export function findProvinceClash(trx: Trx, values: { slug?: string; bps_code: string }, exceptId?: string) {
  let q = trx
    .selectFrom('provinces')
    .select(['id', 'slug', 'bps_code'])
    .where((eb) =>
      eb.or([
        eb('bps_code', '=', values.bps_code),
        ...(values.slug === undefined ? [] : [eb('slug', '=', values.slug)]),
      ]),
    )
  if (exceptId) q = q.where('id', '!=', exceptId)
  return q.execute()
}

/** National issues, retired ones included, with how many province issues use each. */
function issuesWithUsage(trx: Trx) {
  return trx
    .selectFrom('national_issues as ni')
    .select((eb) => [
      'ni.id',
      'ni.code',
      'ni.position',
      'ni.name_id',
      'ni.name_en',
      'ni.description_id',
      'ni.description_en',
      'ni.icon',
      'ni.retired_at',
      eb
        .selectFrom('province_issues as pi')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('pi.national_issue_id', '=', 'ni.id')
        .as('used'),
    ])
}

/** National issues, retired ones included, in their order, with usage counts. */
export function listIssuesWithUsage(trx: Trx) {
  return issuesWithUsage(trx).orderBy('ni.position').execute()
}

export function findIssueByCode(trx: Trx, code: string) {
  return issuesWithUsage(trx).where('ni.code', '=', code).executeTakeFirst()
}
