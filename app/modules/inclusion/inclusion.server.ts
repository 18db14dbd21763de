import { selectMembers, selectVenture } from '#app/modules/applications/venture.queries.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { notFound, refused } from '#app/modules/errors/errors.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { type Figures, listTables, peopleTables, type Question } from './figures.ts'
import * as q from './inclusion.queries.server.ts'
import type { DeclareInput } from './inclusion.schema.ts'
import { AGE_BANDS, fromTeamAnswer, GENDERS } from './inclusion-rules.ts'

// Inclusion figures (issue 16, docs/decisions/017). The applicant declares, under the
// consent `inclusion_statistics`, for themselves and their team; withdrawing deletes
// every declaration. The figures count only consenting applicants' declarations and are
// shown as suppressed aggregates. Consents are identity rows (readable nationally or by
// their person), so the figures are read in the national read-only scope, every query
// filtered by edition and, for a province's page, by its province.

export interface Declarer {
  provinceId: string
  userId: string
  ip: string | null
  now: Date
}

/** The applicant's page: their venture and team, what they declared, whether they consent. */
export function loadOwnDeclarations(db: DB, owner: { provinceId: string; userId: string }) {
  return withTenant(db, { provinceId: owner.provinceId, userId: owner.userId }, async (trx) => {
    const venture = await selectVenture(trx, owner)
    const consent = await q.findConsent(trx, owner.userId)
    const consented = Boolean(consent && consent.withdrawn_at === null)
    if (!venture) return { venture: null, members: [], self: null, consented }
    const [team, declared] = await Promise.all([
      selectMembers(trx, owner.provinceId, venture.id),
      q.ventureDeclarations(trx, owner.provinceId, venture.id),
    ])
    const own = declared.find((d) => d.member_id === null) ?? null
    return {
      venture: { id: venture.id, name: venture.name },
      self: own ? { gender: own.gender, age_band: own.age_band, disability: own.disability } : null,
      // A member not declared yet starts from what the team list says (the applicant can change it).
      members: team.map((m) => {
        const d = declared.find((x) => x.member_id === m.id)
        return {
          id: m.id,
          name: m.name,
          role: m.role,
          declared: Boolean(d),
          gender: d?.gender ?? fromTeamAnswer(m.gender, GENDERS),
          age_band: d?.age_band ?? fromTeamAnswer(m.age_band, AGE_BANDS),
          disability: d?.disability,
        }
      }),
      consented,
    }
  })
}

/** Gives the consent and stores the declarations of the applicant and the named team members; audited without the answers. */
export async function declare(db: DB, actor: Declarer, input: DeclareInput): Promise<void> {
  await withTenant(db, { provinceId: actor.provinceId, userId: actor.userId }, async (trx) => {
    const venture = await selectVenture(trx, actor, true)
    if (!venture) throw refused('inclusion:errors.needProfile')
    const team = new Set((await selectMembers(trx, actor.provinceId, venture.id)).map((m) => m.id))
    // Only this venture's members: any other id is not found, and nothing is written.
    if (input.members.some((m) => !team.has(m.id))) throw notFound('member')
    const members = [...new Map(input.members.map((m) => [m.id, m])).values()]
    await q.setConsent(trx, actor.userId, true, actor.now)
    await q.replaceDeclarations(
      trx,
      actor.provinceId,
      venture.id,
      [
        { member_id: null, ...input.self },
        ...members.map((m) => ({ member_id: m.id, gender: m.gender, age_band: m.age_band, disability: m.disability })),
      ],
      actor.now,
    )
    await audit(trx, {
      actorId: actor.userId,
      action: 'inclusion.declared',
      objectType: 'venture',
      objectId: venture.id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { people: members.length + 1 },
    })
  })
}

/**
 * Withdraws the consent (from then on nothing counts) and deletes the declarations in
 * every province where the user applies, one transaction each; running it again
 * finishes a run cut short.
 */
export async function withdraw(db: DB, actor: Omit<Declarer, 'provinceId'>): Promise<void> {
  const provinces = await withTenant(db, { identity: true, userId: actor.userId }, async (trx) => {
    await q.setConsent(trx, actor.userId, false, actor.now)
    await audit(trx, {
      actorId: actor.userId,
      action: 'inclusion.consent_withdrawn',
      objectType: 'user',
      objectId: actor.userId,
      ip: actor.ip,
    })
    return q.applicantProvinces(trx, actor.userId)
  })
  for (const { province_id: provinceId } of provinces) {
    if (!provinceId) continue
    await withTenant(db, { provinceId, userId: actor.userId }, async (trx) => {
      const venture = await selectVenture(trx, { provinceId, userId: actor.userId })
      const deleted = venture ? await q.deleteDeclarations(trx, provinceId, venture.id) : null
      if (venture && deleted && deleted.numDeletedRows > 0n) {
        await audit(trx, {
          actorId: actor.userId,
          action: 'inclusion.withdrawn',
          objectType: 'venture',
          objectId: venture.id,
          provinceId,
          ip: actor.ip,
          details: { people: Number(deleted.numDeletedRows) },
        })
      }
    })
  }
}

/** The editions the figures can be read for, newest first. */
export function listFigureEditions(db: DB) {
  return withTenant(db, { national: true }, (trx) => q.listEditions(trx))
}

/** The figures of an edition, in one province or nationally; every table suppressed. */
export function loadFigures(db: DB, scope: q.Scope): Promise<Figures> {
  return withTenant(db, { national: true }, async (trx) => {
    const answers = async (question: Question) =>
      (await q.countDeclarations(trx, scope, question)).map((r) => ({ ...r, n: Number(r.n) }))
    const people = peopleTables({
      gender: await answers('gender'),
      age_band: await answers('age_band'),
      disability: await answers('disability'),
    })
    const areaRows = (await q.countByArea(trx, scope)).map((r) => ({ kind: r.kind, n: Number(r.n) }))
    const placeRows = scope.provinceId
      ? (await q.countByRegency(trx, scope)).map((r) => ({
          key: r.code,
          // "Kota Pontianak", "Kabupaten Ketapang": the official names, the same in both languages.
          label: r.name ? `${r.kind === 'kota' ? 'Kota' : 'Kabupaten'} ${r.name}` : null,
          n: Number(r.n),
        }))
      : (await q.countByProvince(trx, scope)).map((r) => ({ key: r.name, label: r.name, n: Number(r.n) }))
    const { area, spread } = listTables(areaRows, placeRows)
    const applicants = people[0]?.table.columnTotals[0]
    return {
      applications: { value: area.table.total.value, shown: area.table.total.mark === 'exact' },
      declared: { value: applicants?.value ?? 0, shown: applicants?.mark === 'exact' },
      people,
      area,
      spread,
    }
  })
}
