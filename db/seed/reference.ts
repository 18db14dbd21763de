import type { Kysely } from 'kysely'
import { localToInstant } from '#app/modules/calls/zoned-time.ts'
import { invalidateEditionCache } from '#app/modules/tenancy/edition.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database, MilestoneKind } from '../schema.ts'
import { seedConsentNotices } from './consent.ts'
import {
  calls2023,
  edition2023,
  kalbar2023,
  milestones2023,
  nationalIssues,
  type OpdSeed,
  opdsByProvince,
  type ProvinceIssueSeed,
  provinces,
} from './reference-data.ts'
import { seedRegencies } from './regencies.ts'

type DB = Kysely<Database>

/** Loads the reference data from the seed articles. Safe to run any number of times. */
export async function seedReference(db: DB): Promise<void> {
  await db
    .insertInto('provinces')
    .values(provinces.map((p) => ({ ...p })))
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute()
  await db
    .insertInto('national_issues')
    .values(nationalIssues.map((issue, i) => ({ ...issue, position: i + 1 })))
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name_id: eb.ref('excluded.name_id'),
        name_en: eb.ref('excluded.name_en'),
        position: eb.ref('excluded.position'),
      })),
    )
    .execute()

  const { phases, ...edition } = edition2023
  const editionId = await upsertEdition(db, edition)
  await assignPhases(db, editionId, phases)
  await upsertMilestones(db, editionId, milestones2023)

  for (const [slug, opds] of Object.entries(opdsByProvince)) {
    await upsertOpds(db, await provinceId(db, slug), opds)
  }
  const kalbar = await provinceId(db, 'kalbar')
  await upsertIssues(db, kalbar, editionId, kalbar2023.issues, {
    status: 'published',
    validated_on: kalbar2023.validated_on,
    validation_place: kalbar2023.validation_place,
  })
  for (const call of calls2023) {
    const province = await db
      .selectFrom('provinces')
      .select(['id', 'time_zone'])
      .where('slug', '=', call.province)
      .executeTakeFirstOrThrow()
    await ensureCall(db, province.id, editionId, {
      opens_at: localToInstant(call.opens_local, province.time_zone),
      closes_at: localToInstant(call.closes_local, province.time_zone),
    })
  }
  await seedRegencies(db)
  await seedConsentNotices(db)
}

export async function provinceId(db: DB, slug: string): Promise<string> {
  const row = await db.selectFrom('provinces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  return row.id
}

export async function upsertEdition(
  db: DB,
  e: {
    slug: string
    name: string
    starts_on: string
    ends_on: string
    legal_basis: string | null
    status: 'planned' | 'active' | 'closed'
  },
): Promise<string> {
  await db
    .insertInto('editions')
    .values(e)
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute()
  // A new edition may be the current one now (the demo's workflows act on it next).
  invalidateEditionCache()
  const row = await db.selectFrom('editions').select('id').where('slug', '=', e.slug).executeTakeFirstOrThrow()
  return row.id
}

export async function assignPhases(
  db: DB,
  editionId: string,
  phases: readonly { number: number; provinces: readonly string[] }[],
): Promise<void> {
  for (const phase of phases) {
    await db
      .insertInto('phases')
      .values({ edition_id: editionId, number: phase.number })
      .onConflict((oc) => oc.columns(['edition_id', 'number']).doNothing())
      .execute()
    const { id: phaseId } = await db
      .selectFrom('phases')
      .select('id')
      .where('edition_id', '=', editionId)
      .where('number', '=', phase.number)
      .executeTakeFirstOrThrow()
    for (const slug of phase.provinces) {
      await db
        .insertInto('phase_provinces')
        .values({ edition_id: editionId, phase_id: phaseId, province_id: await provinceId(db, slug) })
        .onConflict((oc) => oc.columns(['edition_id', 'province_id']).doNothing())
        .execute()
    }
  }
}

export interface MilestoneSeed {
  phase: number
  kind: MilestoneKind
  starts_on: string
  ends_on: string | null
  note: string | null
}

/** Adds a phase's milestones unless that kind is already set for the phase. */
export async function upsertMilestones(db: DB, editionId: string, milestones: readonly MilestoneSeed[]): Promise<void> {
  for (const m of milestones) {
    const phase = await db
      .selectFrom('phases')
      .select('id')
      .where('edition_id', '=', editionId)
      .where('number', '=', m.phase)
      .executeTakeFirstOrThrow()
    await db
      .insertInto('milestones')
      .values({
        edition_id: editionId,
        phase_id: phase.id,
        kind: m.kind,
        starts_on: m.starts_on,
        ends_on: m.ends_on,
        note: m.note,
      })
      .onConflict((oc) => oc.columns(['phase_id', 'kind']).doNothing())
      .execute()
  }
}

export async function upsertOpds(db: DB, province: string, opds: readonly OpdSeed[]): Promise<void> {
  await withTenant(db, { provinceId: province }, (trx) =>
    trx
      .insertInto('opds')
      .values(
        opds.map((o) => ({
          province_id: province,
          name: o.name,
          short_name: o.short_name,
          head_name: o.head_name ?? null,
        })),
      )
      .onConflict((oc) => oc.columns(['province_id', 'short_name']).doNothing())
      .execute(),
  )
}

export async function upsertIssues(
  db: DB,
  province: string,
  editionId: string,
  issues: readonly ProvinceIssueSeed[],
  extra: { status: 'draft' | 'validated' | 'published'; validated_on: string | null; validation_place: string | null },
): Promise<void> {
  await withTenant(db, { provinceId: province }, async (trx) => {
    const opds = await trx.selectFrom('opds').select(['id', 'short_name']).where('province_id', '=', province).execute()
    const national = await trx.selectFrom('national_issues').select(['id', 'code']).execute()
    for (const [i, issue] of issues.entries()) {
      const lead = opds.find((o) => o.short_name === issue.lead)
      const nat = national.find((n) => n.code === issue.issue)
      if (!lead || !nat) throw new Error(`seed: unknown OPD ${issue.lead} or issue ${issue.issue}`)
      await trx
        .insertInto('province_issues')
        .values({
          province_id: province,
          edition_id: editionId,
          national_issue_id: nat.id,
          lead_opd_id: lead.id,
          title_id: issue.title_id,
          title_en: issue.title_en,
          description_id: issue.description_id,
          description_en: issue.description_en,
          priority: i + 1,
          ...extra,
        })
        .onConflict((oc) => oc.columns(['province_id', 'edition_id', 'national_issue_id']).doNothing())
        .execute()
    }
  })
}

/** Adds a call for the province and edition unless one already exists. */
export async function ensureCall(
  db: DB,
  province: string,
  editionId: string,
  window: { opens_at: Date; closes_at: Date },
): Promise<void> {
  await withTenant(db, { provinceId: province }, async (trx) => {
    const existing = await trx
      .selectFrom('calls')
      .select('id')
      .where('province_id', '=', province)
      .where('edition_id', '=', editionId)
      .executeTakeFirst()
    if (!existing) {
      await trx
        .insertInto('calls')
        .values({ province_id: province, edition_id: editionId, status: 'published', ...window })
        .execute()
    }
  })
}
