import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { RUNTIME_ROLE } from '#db/client.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// Layer 5 of tenancy in depth: whatever the application forgets, PostgreSQL refuses.
let t: TestDatabase
let kalbar: string
let sulsel: string
const tenantTables = ['opds', 'province_issues', 'calls'] as const

beforeAll(async () => {
  t = await createTestDatabase()
  const ids = await t.db.selectFrom('provinces').select(['id', 'slug']).execute()
  kalbar = ids.find((p) => p.slug === 'kalbar')!.id
  sulsel = ids.find((p) => p.slug === 'sulsel')!.id
})
afterAll(() => t.close())

async function ownerCount(table: string, provinceId?: string): Promise<number> {
  return t.asOwner(async (db) => {
    const where = provinceId ? sql`where province_id = ${provinceId}` : sql``
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} ${where}`.execute(db)
    return Number(r.rows[0]?.n)
  })
}

describe('row-level security', () => {
  it('the runtime role neither owns the tables nor bypasses RLS', async () => {
    const role = await t.asOwner((db) =>
      sql<{
        rolsuper: boolean
        rolbypassrls: boolean
      }>`select rolsuper, rolbypassrls from pg_roles where rolname = ${RUNTIME_ROLE}`.execute(db),
    )
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false })
    const owners = await t.asOwner((db) =>
      sql<{ tableowner: string; forced: boolean }>`
        select t.tableowner, c.relforcerowsecurity as forced from pg_tables t
        join pg_class c on c.relname = t.tablename
        where t.tablename in ('opds', 'province_issues', 'calls')`.execute(db),
    )
    expect(owners.rows).toHaveLength(3)
    for (const row of owners.rows) {
      expect(row.tableowner).not.toBe(RUNTIME_ROLE)
      expect(row.forced).toBe(true)
    }
  })

  it('a query outside withTenant sees no tenant rows at all', async () => {
    for (const table of tenantTables) {
      expect(await ownerCount(table)).toBeGreaterThan(0)
      const rows = await sql`select * from ${sql.table(table)}`.execute(t.db)
      expect(rows.rows, table).toEqual([])
    }
  })

  it("a tenant's context reads only its own rows, even with a hand-written query", async () => {
    const kalbarOpds = await ownerCount('opds', kalbar)
    expect(await ownerCount('opds', sulsel)).toBeGreaterThan(0)
    await withTenant(t.db, { provinceId: kalbar }, async (trx) => {
      const all = await sql<{ province_id: string }>`select province_id from opds`.execute(trx)
      expect(all.rows).toHaveLength(kalbarOpds)
      expect(new Set(all.rows.map((r) => r.province_id))).toEqual(new Set([kalbar]))
      const theirs = await sql`select * from opds where province_id = ${sulsel}`.execute(trx)
      expect(theirs.rows).toEqual([])
    })
  })

  it("a tenant's context cannot insert, update or delete another tenant's rows", async () => {
    const before = await ownerCount('opds', sulsel)
    await expect(
      withTenant(t.db, { provinceId: kalbar }, (trx) =>
        trx
          .insertInto('opds')
          .values({ province_id: sulsel, name: 'Intruder', short_name: 'X', head_name: null })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' })
    const updated = await withTenant(t.db, { provinceId: kalbar }, (trx) =>
      sql`update opds set name = 'hijacked' where province_id = ${sulsel}`.execute(trx),
    )
    expect(Number(updated.numAffectedRows)).toBe(0)
    // Moving an own row into another tenant is refused too.
    await expect(
      withTenant(t.db, { provinceId: kalbar }, (trx) =>
        sql`update opds set province_id = ${sulsel} where province_id = ${kalbar}`.execute(trx),
      ),
    ).rejects.toMatchObject({ code: '42501' })
    const deleted = await withTenant(t.db, { provinceId: kalbar }, (trx) =>
      sql`delete from opds where province_id = ${sulsel}`.execute(trx),
    )
    expect(Number(deleted.numAffectedRows)).toBe(0)
    expect(await ownerCount('opds', sulsel)).toBe(before)
    const names = await t.asOwner((db) =>
      db.selectFrom('opds').select('name').where('province_id', '=', sulsel).execute(),
    )
    expect(names.map((n) => n.name)).not.toContain('hijacked')
  })

  it('fails closed when the province setting is missing or empty', async () => {
    const rows = await t.db.transaction().execute(async (trx) => {
      await sql`set local role ${sql.id(RUNTIME_ROLE)}`.execute(trx)
      await sql`select set_config('app.province_id', '', true)`.execute(trx)
      return sql`select * from province_issues`.execute(trx)
    })
    expect(rows.rows).toEqual([])
  })

  it('the setting does not outlive its transaction', async () => {
    await withTenant(t.db, { provinceId: kalbar }, async (trx) => {
      const r = await sql`select * from opds`.execute(trx)
      expect(r.rows.length).toBeGreaterThan(0)
    })
    const after = await sql`select * from opds`.execute(t.db)
    expect(after.rows).toEqual([])
  })

  it('the national scope reads every tenant but cannot write', async () => {
    const total = await ownerCount('opds')
    await withTenant(t.db, { national: true }, async (trx) => {
      const r = await sql`select * from opds`.execute(trx)
      expect(r.rows).toHaveLength(total)
    })
    await expect(
      withTenant(t.db, { national: true }, (trx) =>
        trx
          .insertInto('opds')
          .values({ province_id: kalbar, name: 'National', short_name: 'N', head_name: null })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '42501' })
  })

  it("composite foreign keys stop a row pointing into another tenant's OPD", async () => {
    const sulselOpd = await t.asOwner((db) =>
      db.selectFrom('opds').select('id').where('province_id', '=', sulsel).executeTakeFirstOrThrow(),
    )
    const issue = await t.asOwner((db) =>
      db.selectFrom('national_issues').select('id').where('code', '=', 'waste').executeTakeFirstOrThrow(),
    )
    const edition = await t.asOwner((db) => db.selectFrom('editions').select('id').executeTakeFirstOrThrow())
    await expect(
      t.asOwner((db) =>
        db
          .insertInto('province_issues')
          .values({
            province_id: kalbar,
            edition_id: edition.id,
            national_issue_id: issue.id,
            lead_opd_id: sulselOpd.id,
            title_id: 'x',
            title_en: 'x',
          })
          .execute(),
      ),
    ).rejects.toMatchObject({ code: '23503' })
  })
})
