import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { MemberInput } from './venture.schema.ts'

// Kysely only. A venture is always reached through (province, owner): the applicant
// sees their own profile and nothing else (docs/ARCHITECTURE.md#tenancy, layer 4).

export interface VentureOwner {
  provinceId: string
  userId: string
}

/** The profile's own fields: what the page edits and what a submission snapshots. */
export const PROFILE_FIELDS = [
  'name',
  'legal_form',
  'year_founded',
  'regency_code',
  'address',
  'stage',
  'website',
  'social_links',
] as const

/** Columns the profile page and other modules read. */
const VENTURE_COLUMNS = ['id', ...PROFILE_FIELDS, 'updated_at'] as const

/** The owner's venture in the province, if any; `lock` serialises concurrent edits. */
export function selectVenture(trx: Trx, owner: VentureOwner, lock = false) {
  const query = trx
    .selectFrom('ventures')
    .select(VENTURE_COLUMNS)
    .where('province_id', '=', owner.provinceId)
    .where('owner_id', '=', owner.userId)
  return (lock ? query.forUpdate() : query).executeTakeFirst()
}

/** The venture's team in the order members were added. */
export function selectMembers(trx: Trx, provinceId: string, ventureId: string) {
  return trx
    .selectFrom('venture_members')
    .select(['id', 'name', 'role', 'gender', 'age_band', 'position'])
    .where('province_id', '=', provinceId)
    .where('venture_id', '=', ventureId)
    .orderBy('position')
    .orderBy('id')
    .execute()
}

/** The province's kabupaten/kota: kabupaten first, then kota, each by name. */
export function selectRegencies(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('regencies')
    .select(['code', 'name', 'kind'])
    .where('province_id', '=', provinceId)
    .orderBy('kind')
    .orderBy('name')
    .execute()
}

/** One kabupaten/kota of the province, or nothing when the code belongs elsewhere. */
export function selectRegency(trx: Trx, provinceId: string, code: string) {
  return trx
    .selectFrom('regencies')
    .select(['code', 'name'])
    .where('province_id', '=', provinceId)
    .where('code', '=', code)
    .executeTakeFirst()
}

/** Stored values of a profile, from checked input. */
export interface VentureValues {
  name: string
  legal_form: 'individual' | 'community' | 'cv' | 'pt' | 'yayasan' | 'koperasi'
  year_founded: number | null
  regency_code: string | null
  address: string
  stage: 'idea' | 'prototype' | 'operating' | 'scaling'
  website: string | null
  social_links: string
}

/** Creates the owner's venture; nothing (undefined) when one already exists (double submit). */
export function insertVenture(trx: Trx, owner: VentureOwner, values: VentureValues) {
  return trx
    .insertInto('ventures')
    .values({ province_id: owner.provinceId, owner_id: owner.userId, ...values })
    .onConflict((oc) => oc.columns(['province_id', 'owner_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
}

/** Replaces the owner's profile fields. */
export function updateVenture(trx: Trx, owner: VentureOwner, ventureId: string, values: VentureValues, now: Date) {
  return trx
    .updateTable('ventures')
    .set({ ...values, updated_at: now })
    .where('province_id', '=', owner.provinceId)
    .where('owner_id', '=', owner.userId)
    .where('id', '=', ventureId)
    .execute()
}

/** Adds a member at the end of the team. */
export function insertMember(trx: Trx, provinceId: string, ventureId: string, input: MemberInput, position: number) {
  return trx
    .insertInto('venture_members')
    .values({
      province_id: provinceId,
      venture_id: ventureId,
      name: input.name,
      role: input.role,
      gender: input.gender,
      age_band: input.age_band,
      position,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** Removes a member of this venture only; answers the removed row, if there was one. */
export function deleteMember(trx: Trx, provinceId: string, ventureId: string, memberId: string) {
  return trx
    .deleteFrom('venture_members')
    .where('province_id', '=', provinceId)
    .where('venture_id', '=', ventureId)
    .where('id', '=', memberId)
    .returning(['id', 'name'])
    .executeTakeFirst()
}
