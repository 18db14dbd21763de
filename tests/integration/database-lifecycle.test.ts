import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '#db/client.ts'
import { startEmbeddedDatabase } from '#db/embedded.ts'
import { MigrationError, migrateToLatest } from '#db/migrate.ts'
import { migrations } from '#db/migrations/index.ts'
import { seedReference } from '#db/seed/reference.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t.close())

async function counts(db: Kysely<any>) {
  const r = await sql<Record<string, string>>`select
    (select count(*) from provinces) as provinces, (select count(*) from national_issues) as national_issues,
    (select count(*) from editions) as editions, (select count(*) from phase_provinces) as phase_provinces,
    (select count(*) from opds) as opds, (select count(*) from province_issues) as province_issues,
    (select count(*) from calls) as calls`.execute(db)
  return Object.fromEntries(Object.entries(r.rows[0] ?? {}).map(([k, v]) => [k, Number(v)]))
}

describe('migrations and reference seed', () => {
  it('seeds the 2023 reference data from the articles', async () => {
    expect(await t.asOwner(counts)).toEqual({
      provinces: 6,
      national_issues: 7,
      editions: 1,
      phase_provinces: 6,
      opds: 10,
      province_issues: 5,
      calls: 2,
    })
  })

  it('running migrations and the seed again changes nothing', async () => {
    const before = await t.asOwner(counts)
    expect(await t.asOwner((db) => migrateToLatest(db))).toEqual([])
    await t.asOwner((db) => seedReference(db))
    expect(await t.asOwner(counts)).toEqual(before)
  })

  it('a failing migration stops with a message naming it', async () => {
    const broken = {
      ...migrations,
      '2999-01-01T0000_broken': {
        up: async (db: Kysely<any>) => {
          await sql`select * from table_that_does_not_exist`.execute(db)
        },
      },
    }
    const error = await t.asOwner((db) => migrateToLatest(db, broken)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MigrationError)
    expect((error as Error).message).toMatch(/Migration 2999-01-01T0000_broken failed: .*table_that_does_not_exist/)
  })
})

describe('the embedded database', () => {
  it('keeps its data across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'winner-embedded-'))
    try {
      const first = await startEmbeddedDatabase(dir)
      const a = connect(first.url, { max: 1, as: 'owner' })
      await migrateToLatest(a.db)
      await seedReference(a.db)
      await a.db
        .updateTable('provinces')
        .set({ name: 'Kalimantan Barat (restart check)' })
        .where('slug', '=', 'kalbar')
        .execute()
      await a.close()
      await first.stop()

      const second = await startEmbeddedDatabase(dir)
      const b = connect(second.url, { max: 1, as: 'owner' })
      expect(await migrateToLatest(b.db)).toEqual([])
      const kalbar = await b.db.selectFrom('provinces').select('name').where('slug', '=', 'kalbar').executeTakeFirst()
      expect(kalbar?.name).toBe('Kalimantan Barat (restart check)')
      await b.close()
      await second.stop()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
