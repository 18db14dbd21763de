import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { InclusionDeclarationsTable } from '#db/schema.ts'

// Kysely only. Declarations are read through the applicant's own venture (the applicant's
// page) or counted (the figures); the figures never read the live profile: applications
// give the venture and its applicant, the snapshot gives the regency.

export const CONSENT = 'inclusion_statistics' as const

type Values = Pick<InclusionDeclarationsTable, 'gender' | 'age_band' | 'disability'>

export function ventureDeclarations(trx: Trx, provinceId: string, ventureId: string) {
  return trx
    .selectFrom('inclusion_declarations')
    .select(['member_id', 'gender', 'age_band', 'disability', 'declared_at'])
    .where('province_id', '=', provinceId)
    .where('venture_id', '=', ventureId)
    .execute()
}

/** Replaces the venture's declarations with these (the applicant's own has no member). */
export async function replaceDeclarations(
  trx: Trx,
  provinceId: string,
  ventureId: string,
  people: (Values & { member_id: string | null })[],
  now: Date,
) {
  await deleteDeclarations(trx, provinceId, ventureId)
  if (people.length === 0) return
  await trx
    .insertInto('inclusion_declarations')
    .values(people.map((p) => ({ ...p, province_id: provinceId, venture_id: ventureId, declared_at: now })))
    .execute()
}

export function deleteDeclarations(trx: Trx, provinceId: string, ventureId: string) {
  return trx
    .deleteFrom('inclusion_declarations')
    .where('province_id', '=', provinceId)
    .where('venture_id', '=', ventureId)
    .executeTakeFirst()
}

export function findConsent(trx: Trx, userId: string) {
  return trx
    .selectFrom('user_consents')
    .select(['granted_at', 'withdrawn_at'])
    .where('user_id', '=', userId)
    .where('purpose', '=', CONSENT)
    .executeTakeFirst()
}

export function setConsent(trx: Trx, userId: string, granted: boolean, now: Date) {
  return trx
    .insertInto('user_consents')
    .values({ user_id: userId, purpose: CONSENT, granted_at: now, withdrawn_at: granted ? null : now })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'purpose'])
        .doUpdateSet(granted ? { granted_at: now, withdrawn_at: null } : { withdrawn_at: now }),
    )
    .execute()
}

/** The provinces where the user is an applicant (where they may have a venture). */
export function applicantProvinces(trx: Trx, userId: string) {
  return trx
    .selectFrom('memberships')
    .select('province_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'applicant')
    .where('province_id', 'is not', null)
    .execute()
}

export interface Scope {
  editionId: string
  provinceId: string | null
}

/** The applications counted: submitted in the edition (withdrawn ones left out), in the province when given. */
function counted(trx: Trx, scope: Scope) {
  let q = trx
    .selectFrom('applications as a')
    .where('a.edition_id', '=', scope.editionId)
    .where('a.submitted_at', 'is not', null)
    .where('a.status', '<>', 'withdrawn')
  if (scope.provinceId) q = q.where('a.province_id', '=', scope.provinceId)
  return q
}

/**
 * Declarations of the counted applications' ventures whose applicant consents today,
 * grouped by person kind and one answer; each person once however many applications.
 */
export function countDeclarations(trx: Trx, scope: Scope, answer: 'gender' | 'age_band' | 'disability') {
  const applications = counted(trx, scope)
    .select('a.id')
    .where(sql<boolean>`a.province_id = d.province_id and a.venture_id = d.venture_id and exists (
      select 1 from user_consents uc
      where uc.user_id = a.applicant_id and uc.purpose = ${CONSENT} and uc.withdrawn_at is null)`)
  return trx
    .selectFrom('inclusion_declarations as d')
    .where(({ exists }) => exists(applications))
    .select([
      sql<'applicant' | 'member'>`case when d.member_id is null then 'applicant' else 'member' end`.as('person'),
      sql<string>`${sql.ref(`d.${answer}`)}`.as('answer'),
      sql<string>`count(*)`.as('n'),
    ])
    .groupBy([sql`1`, sql`2`])
    .execute()
}

/** Counted applications by the kind of their kabupaten/kota as submitted (the snapshot's regency). */
export function countByArea(trx: Trx, scope: Scope) {
  return counted(trx, scope)
    .leftJoin('venture_snapshots as s', (j) =>
      j.onRef('s.province_id', '=', 'a.province_id').onRef('s.id', '=', 'a.venture_snapshot_id'),
    )
    .leftJoin('regencies as r', 'r.code', 's.regency_code')
    .select(['r.kind', sql<string>`count(*)`.as('n')])
    .groupBy('r.kind')
    .execute()
}

/** Counted applications per kabupaten/kota as submitted (one province) — null code: none given. */
export function countByRegency(trx: Trx, scope: Scope) {
  return counted(trx, scope)
    .leftJoin('venture_snapshots as s', (j) =>
      j.onRef('s.province_id', '=', 'a.province_id').onRef('s.id', '=', 'a.venture_snapshot_id'),
    )
    .leftJoin('regencies as r', 'r.code', 's.regency_code')
    .select(['r.code', 'r.name', 'r.kind', sql<string>`count(*)`.as('n')])
    .groupBy(['r.code', 'r.name', 'r.kind'])
    .orderBy('r.name')
    .execute()
}

/** Counted applications per province (national view without a province). */
export function countByProvince(trx: Trx, scope: Scope) {
  return counted(trx, scope)
    .innerJoin('provinces as p', 'p.id', 'a.province_id')
    .select(['p.name', sql<string>`count(*)`.as('n')])
    .groupBy('p.name')
    .orderBy('p.name')
    .execute()
}

export function listEditions(trx: Trx) {
  return trx.selectFrom('editions').select(['id', 'name']).orderBy('starts_on', 'desc').execute()
}
