import { sql } from 'kysely'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { connect, type DbHandle, RUNTIME_ROLE } from '#db/client.ts'
import { withDatabase } from '#tests/support/databases.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// Two tenants' transactions interleaved on ONE PostgreSQL connection (PgBouncer, transaction
// mode, pool size 1 — vitest.pgbouncer.config.ts): nothing of one reaches the other — no
// tenant setting, no role, no prepared statement (docs/DEPLOYMENT.md#pgbouncer).
let t: TestDatabase
let pooledUrl: string
let a: DbHandle
let b: DbHandle
let kalbar: string
let sulsel: string

beforeAll(async () => {
  t = await createTestDatabase()
  const bouncer = inject('pgbouncerUrl')
  if (!bouncer) throw new Error('run with vitest.pgbouncer.config.ts')
  pooledUrl = withDatabase(bouncer, new URL(t.url).pathname.slice(1))
  // Two application pools, as two app processes would have.
  a = connect(pooledUrl, { max: 1, transactionPooler: true })
  b = connect(pooledUrl, { max: 1, transactionPooler: true })
  const ids = await t.asOwner((db) => db.selectFrom('provinces').select(['id', 'slug']).execute())
  kalbar = ids.find((p) => p.slug === 'kalbar')!.id
  sulsel = ids.find((p) => p.slug === 'sulsel')!.id
})
afterAll(async () => {
  await a.close()
  await b.close()
  await t.close()
})

interface Seen {
  pid: number
  user: string
  province: string | null
  scope: string | null
  provinces: string[]
}

const look = sql<Seen>`select pg_backend_pid() as pid, current_user as user,
  nullif(current_setting('app.province_id', true), '') as province,
  nullif(current_setting('app.scope', true), '') as scope,
  coalesce((select array_agg(distinct province_id::text) from opds), '{}') as provinces`

describe('PgBouncer in transaction mode', () => {
  it('interleaves two tenants on one server connection; each sees only its own rows and nothing is left behind', async () => {
    const pids = new Set<number>()
    for (let round = 0; round < 5; round++) {
      for (const [pool, province] of [
        [a, kalbar],
        [b, sulsel],
      ] as const) {
        const inside = await withTenant(
          pool.db,
          { provinceId: province },
          async (trx) => (await look.execute(trx)).rows[0]!,
        )
        expect(inside).toMatchObject({ user: RUNTIME_ROLE, province, scope: 'tenant', provinces: [province] })
        pids.add(inside.pid)
        // The other pool, outside any tenant transaction, next on the same connection.
        const other = pool === a ? b : a
        const after = (await look.execute(other.db)).rows[0]!
        expect(after).toEqual({ pid: inside.pid, user: RUNTIME_ROLE, province: null, scope: null, provinces: [] })
      }
    }
    // Concurrent requests queue for the one connection rather than sharing a transaction.
    const both = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const [pool, province] = i % 2 ? [a, kalbar] : [b, sulsel]
        return withTenant(pool.db, { provinceId: province }, async (trx) => ({
          province,
          seen: (await look.execute(trx)).rows[0]!,
        }))
      }),
    )
    for (const { province, seen } of both) {
      expect(seen.provinces).toEqual([province])
      pids.add(seen.pid)
    }
    expect(pids.size).toBe(1)
  })

  it('a failed tenant transaction leaves no setting or role for the next client', async () => {
    await expect(
      withTenant(a.db, { provinceId: kalbar }, async (trx) => {
        await sql`select 1/0`.execute(trx)
      }),
    ).rejects.toMatchObject({ code: '22012' })
    const after = (await look.execute(b.db)).rows[0]!
    expect(after).toMatchObject({ user: RUNTIME_ROLE, province: null, scope: null, provinces: [] })
  })

  it('the pooled login cannot leave its runtime role: RESET ROLE returns to winner_app', async () => {
    const rows = await withTenant(a.db, { national: true }, async (trx) => {
      await sql`reset role`.execute(trx)
      return (await sql<{ user: string }>`select current_user as user`.execute(trx)).rows
    })
    expect(rows).toEqual([{ user: RUNTIME_ROLE }])
    const after = (await look.execute(b.db)).rows[0]!
    expect(after.user).toBe(RUNTIME_ROLE)
  })

  it('the application leaves no prepared statement on the server connection; postgres.js defaults would', async () => {
    const statements = sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`
    for (let i = 0; i < 3; i++) {
      await withTenant(a.db, { provinceId: kalbar }, (trx) =>
        trx.selectFrom('opds').select('id').where('province_id', '=', kalbar).execute(),
      )
    }
    expect((await statements.execute(b.db)).rows[0]!.n).toBe(0)
    // Why `prepare: false` (db/client.ts): a named statement outlives its transaction on the
    // server connection, where the next client (here b) finds it — PgBouncer 1.18 does not track them.
    const defaults = postgres(pooledUrl, { max: 1, onnotice: () => {} })
    try {
      expect(await defaults`select ${1}::int as one`).toEqual([{ one: 1 }])
      expect((await statements.execute(b.db)).rows[0]!.n).toBeGreaterThan(0)
    } finally {
      await defaults.end()
    }
  })
})
