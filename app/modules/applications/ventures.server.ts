import { audit } from '#app/modules/audit/audit.server.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  deleteMember,
  insertMember,
  insertVenture,
  selectMembers,
  selectRegencies,
  selectRegency,
  selectVenture,
  updateVenture,
  type VentureOwner,
  type VentureValues,
} from './venture.queries.server.ts'
import { MAX_TEAM, type MemberInput, type VentureInput } from './venture.schema.ts'

// The venture profile workflow (issue 6): one profile per applicant per province,
// reused by every application and edition. The venture is always found through
// (province, owner), never through an id from a form.

/** Who changes a profile, where, from which address, when (for the audit log). */
export interface VentureActor extends VentureOwner {
  ip: string | null
  now: Date
}

/** The applicant's venture profile in the province, or null when they have none yet. */
export async function findVenture(db: DB, provinceId: string, ownerId: string) {
  const venture = await withTenant(db, { provinceId }, (trx) => selectVenture(trx, { provinceId, userId: ownerId }))
  return venture ?? null
}

/** Everything the profile page shows: the venture (if any), its team and the province's kabupaten/kota. */
export function loadVentureProfile(db: DB, owner: VentureOwner) {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const venture = await selectVenture(trx, owner)
    const members = venture ? await selectMembers(trx, owner.provinceId, venture.id) : []
    const regencies = await selectRegencies(trx, owner.provinceId)
    return { venture: venture ?? null, members, regencies }
  })
}

function values(input: VentureInput): VentureValues {
  return {
    name: input.name,
    legal_form: input.legal_form,
    year_founded: input.year_founded ?? null,
    regency_code: input.regency_code ?? null,
    address: input.address ?? '',
    stage: input.stage,
    website: input.website ?? null,
    social_links: input.social_links ?? '',
  }
}

/**
 * Creates the profile, or replaces it when the applicant already has one (so a
 * double submit is harmless); a kabupaten/kota outside the province is refused.
 */
export async function saveVenture(
  db: DB,
  actor: VentureActor,
  input: VentureInput,
): Promise<{ id: string; created: boolean }> {
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    if (input.regency_code && !(await selectRegency(trx, actor.provinceId, input.regency_code))) {
      throw invalid('venture:errors.regency', 'regency_code')
    }
    const next = values(input)
    const entry = { actorId: actor.userId, objectType: 'venture', provinceId: actor.provinceId, ip: actor.ip }
    const before = await selectVenture(trx, actor, true)
    if (!before) {
      const created = await insertVenture(trx, actor, next)
      if (created) {
        await audit(trx, { ...entry, action: 'venture.created', objectId: created.id, details: { name: next.name } })
        return { id: created.id, created: true }
      }
    }
    // Either it existed, or a concurrent first save just created it: edit that one.
    const current = before ?? (await selectVenture(trx, actor, true))
    if (!current) throw new Error('venture vanished during save')
    const changed = (Object.keys(next) as (keyof VentureValues)[]).filter((k) => current[k] !== next[k])
    if (changed.length > 0) {
      await updateVenture(trx, actor, current.id, next, actor.now)
      await audit(trx, { ...entry, action: 'venture.updated', objectId: current.id, details: { changed } })
    }
    return { id: current.id, created: false }
  })
}

/**
 * Adds a team member; needs a profile first and stops at MAX_TEAM. The same person
 * posted twice in a row (a double tap on a slow connection) is added once.
 */
export async function addMember(db: DB, actor: VentureActor, input: MemberInput): Promise<string> {
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const venture = await selectVenture(trx, actor, true)
    if (!venture) throw refused('venture:team.needProfile')
    const members = await selectMembers(trx, actor.provinceId, venture.id)
    const last = members.at(-1)
    if (
      last &&
      last.name === input.name &&
      last.role === input.role &&
      last.gender === input.gender &&
      last.age_band === input.age_band
    ) {
      return last.id
    }
    if (members.length >= MAX_TEAM) throw refused('venture:team.full')
    const { id } = await insertMember(trx, actor.provinceId, venture.id, input, (last?.position ?? 0) + 1)
    await audit(trx, {
      actorId: actor.userId,
      action: 'venture.member_added',
      objectType: 'venture',
      objectId: venture.id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { member: id, name: input.name },
    })
    return id
  })
}

/** Removes a member of the applicant's own venture; any other id is NotFound (404) and changes nothing. */
export async function removeMember(db: DB, actor: VentureActor, memberId: string): Promise<void> {
  await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const venture = await selectVenture(trx, actor, true)
    const removed = venture ? await deleteMember(trx, actor.provinceId, venture.id, memberId) : undefined
    if (!venture || !removed) throw notFound()
    await audit(trx, {
      actorId: actor.userId,
      action: 'venture.member_removed',
      objectType: 'venture',
      objectId: venture.id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { member: removed.id, name: removed.name },
    })
  })
}
