import type { DB } from '#db/client.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { seedDemoAccounts } from '#db/seed/demo-accounts.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The demo world as a test starts from: a test database with the demo accounts and the
// demo edition, and where the seed put things (a province, the current demo edition's
// call there, its published issues and its first OPD).

/** A test database with the demo accounts and the demo edition, seeded as of `seededAt`. */
export async function createDemoDatabase(seededAt: Date): Promise<TestDatabase> {
  const t = await createTestDatabase()
  await t.asOwner((db) => seedDemoAccounts(db))
  await t.asOwner((db) => seedDemo(db, seededAt))
  return t
}

/** A province's id by slug, the current demo edition's call there (id and window) and its published issues. */
export async function provinceFixture(owner: DB, slug: string) {
  const p = await owner
    .selectFrom('provinces')
    .select(['id', 'slug'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
  const edition = await owner
    .selectFrom('editions')
    .select('id')
    .where('slug', '=', 'demo-current')
    .executeTakeFirstOrThrow()
  const call = await owner
    .selectFrom('calls')
    .select(['id', 'opens_at', 'closes_at'])
    .where('province_id', '=', p.id)
    .where('edition_id', '=', edition.id)
    .executeTakeFirstOrThrow()
  const issues = await owner
    .selectFrom('province_issues')
    .select(['id', 'title_id', 'title_en'])
    .where('province_id', '=', p.id)
    .where('edition_id', '=', edition.id)
    .where('status', '=', 'published')
    .orderBy('priority')
    .execute()
  const opd = await owner.selectFrom('opds').select('id').where('province_id', '=', p.id).executeTakeFirstOrThrow()
  const callWindow = { opensAt: call.opens_at, closesAt: call.closes_at }
  return { province: p, editionId: edition.id, callId: call.id, callWindow, issues, opdId: opd.id }
}

export type ProvinceFixture = Awaited<ReturnType<typeof provinceFixture>>
