import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// Citus-ready tenancy (docs/decisions/019-citus-ready-tenancy.md), read from the live catalog:
// every table with a province_id would be distributed by it, so its primary key and every
// foreign key to another such table must lead with province_id (Citus enforces uniqueness
// and references only within one shard). A new table that breaks this fails here, unless
// it joins the list below with the reason the decision record gives.
const NOT_DISTRIBUTED: Record<string, string> = {
  audit_log: 'national actions have no province (province_id null); coordinator-local',
  memberships: 'national roles have no province; read at sign-in across provinces; coordinator-local',
  privacy_incidents: 'national incidents have no province; coordinator-local',
  final_night_pitches: 'the national Final Night, keyed by event across provinces; coordinator-local',
  phase_provinces: 'programme calendar per province, small and read everywhere: reference table',
  regencies: 'reference data (kabupaten/kota): reference table',
}

// Foreign keys that cross from one province to another by design, with the reason. Under
// Citus each becomes a check in its workflow (the constraint cannot span shards).
const CROSS_PROVINCE_FKS: Record<string, string> = {
  replications_innovation:
    "a replication is recorded by one province of another province's innovation (docs/decisions/015); " +
    'distributed, the workflows check the innovation exists in the national scope',
}

let t: TestDatabase
let tables: { name: string; pk: string[] }[]
let fks: { name: string; from: string; to: string; cols: string[]; refCols: string[] }[]

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner(async (db) => {
    const cols = (rel: string, keys: string) =>
      sql.raw(`array(select a.attname::text from unnest(${keys}) with ordinality k(n, i)
        join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.n order by k.i)`)
    tables = (
      await sql<{ name: string; pk: string[] }>`
        select c.relname as name, coalesce((select ${cols('c.oid', 'p.conkey')} from pg_constraint p
          where p.conrelid = c.oid and p.contype = 'p'), '{}') as pk
        from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        where c.relkind in ('r', 'p') and exists (select 1 from pg_attribute a
          where a.attrelid = c.oid and a.attname = 'province_id' and not a.attisdropped)
        order by 1`.execute(db)
    ).rows
    fks = (
      await sql<{ name: string; from: string; to: string; cols: string[]; refCols: string[] }>`
        select f.conname as name, f.conrelid::regclass::text as from, f.confrelid::regclass::text as to,
          ${cols('f.conrelid', 'f.conkey')} as cols, ${cols('f.confrelid', 'f.confkey')} as "refCols"
        from pg_constraint f where f.contype = 'f' and f.connamespace = 'public'::regnamespace
        order by 1`.execute(db)
    ).rows
  })
})
afterAll(() => t.close())

const distributed = () => new Set(tables.map((x) => x.name).filter((name) => !(name in NOT_DISTRIBUTED)))

describe('Citus-ready tenancy', () => {
  it('lists only tables that exist and carry a province_id', () => {
    const withProvince = new Set(tables.map((x) => x.name))
    for (const name of Object.keys(NOT_DISTRIBUTED)) expect(withProvince.has(name), name).toBe(true)
    expect(distributed().size).toBeGreaterThan(30)
  })

  it("every tenant table's primary key leads with province_id", () => {
    const wrong = tables.filter((x) => distributed().has(x.name) && x.pk[0] !== 'province_id')
    expect(wrong.map((x) => `${x.name} (${x.pk.join(', ')})`)).toEqual([])
  })

  it('every foreign key between tenant tables leads with province_id on both sides', () => {
    const tenant = distributed()
    const wrong = fks.filter(
      (f) =>
        tenant.has(f.from) &&
        tenant.has(f.to) &&
        !(f.name in CROSS_PROVINCE_FKS) &&
        (f.cols[0] !== 'province_id' || f.refCols[0] !== 'province_id'),
    )
    expect(wrong.map((f) => `${f.name}: ${f.from}(${f.cols}) → ${f.to}(${f.refCols})`)).toEqual([])
  })

  it('no table outside the tenant tables references one (a reference table cannot point into a shard)', () => {
    const tenant = distributed()
    const wrong = fks.filter((f) => !tenant.has(f.from) && tenant.has(f.to))
    // The national exceptions that keep their references: each is in the decision record.
    expect(wrong.map((f) => `${f.from} → ${f.to}`).sort()).toEqual([
      'final_night_pitches → applications',
      'memberships → opds',
    ])
  })
})
