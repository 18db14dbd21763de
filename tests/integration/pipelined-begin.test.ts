import { sql } from 'kysely'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { connect, type DbHandle } from '#db/client.ts'
import { sendAhead } from '#db/postgres-js.ts'
import { runTransaction } from '#db/transaction-scope.ts'
import { startTcpProxy, type TcpProxy } from '#tests/support/tcp-proxy.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// A transaction's BEGIN goes out with its first statement (db/postgres-js.ts,
// docs/decisions/025-prepared-statements-and-pipelined-begin.md). Measured where it matters,
// on the wire: a TCP relay in front of PostgreSQL counts what the client writes, and can cut
// the line. A lost line fails the transaction and the pool goes on (postgres.js would hang).

describe('statements on the wire: prepared once, BEGIN with the first statement', () => {
  let t: TestDatabase
  let wire: TcpProxy
  let handle: DbHandle
  beforeAll(async () => {
    t = await createTestDatabase()
    const url = new URL(t.url)
    wire = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) })
    url.hostname = '127.0.0.1'
    url.port = String(wire.port)
    handle = connect(url.toString(), { max: 1, as: 'app' })
  })
  afterAll(async () => {
    await handle?.close()
    await wire?.close()
    await t?.close()
  })

  const oneStatement = () =>
    runTransaction(
      handle.db,
      async (trx) => (await sql<{ n: number }>`select ${41}::int + 1 as n`.execute(trx)).rows[0]?.n,
    )

  it('costs two writes to the server: BEGIN with the statement, then COMMIT', async () => {
    // Warm: the connection is open and the statement prepared (its first use describes it first).
    await oneStatement()
    await oneStatement()
    wire.writes = 0
    await expect(oneStatement()).resolves.toBe(42)
    expect(wire.writes).toBe(2)
  })

  it("sends a tenant transaction's settings ahead: BEGIN, settings and statement in one write, then COMMIT", async () => {
    const scoped = () =>
      withTenant(handle.db, { national: true }, async (trx) => {
        const { rows } = await sql<{ scope: string }>`select current_setting('app.scope') as scope`.execute(trx)
        return rows[0]?.scope
      })
    await scoped()
    await scoped()
    wire.writes = 0
    await expect(scoped()).resolves.toBe('national')
    expect(wire.writes).toBe(2)
  })

  it('fails the next statement with the error of a statement sent ahead, and runs nothing of it', async () => {
    await sql`create temp table if not exists ahead_probe (n int)`.execute(handle.db)
    await expect(
      runTransaction(handle.db, async (trx) => {
        await trx.executeQuery(sendAhead(sql`select set_config('role', 'no_such_role', true)`.compile(trx)))
        await sql`insert into ahead_probe values (1)`.execute(trx)
      }),
    ).rejects.toThrow(/no_such_role/)
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ahead_probe`.execute(handle.db)
    expect(rows[0]?.n).toBe(0)
    await expect(oneStatement()).resolves.toBe(42)
  })

  it('fails at COMMIT when a statement sent ahead failed and nothing followed it', async () => {
    await expect(
      runTransaction(handle.db, async (trx) => {
        await trx.executeQuery(sendAhead(sql`select 1 / 0`.compile(trx)))
        return 'done'
      }),
    ).rejects.toThrow(/division by zero/)
    await expect(oneStatement()).resolves.toBe(42)
  })

  it('prepares a statement with parameters once per connection: later runs are one write', async () => {
    const run = () => sql<{ n: number }>`select ${6}::int * 7 as n`.execute(handle.db)
    await run()
    wire.writes = 0
    expect((await run()).rows[0]?.n).toBe(42)
    expect(wire.writes).toBe(1)
  })

  it('runs every statement inside the transaction, and nothing of it outlives the commit', async () => {
    const inside = await runTransaction(handle.db, async (trx) => {
      await sql`select set_config('winner.probe', 'inside', true)`.execute(trx)
      return (await sql<{ v: string }>`select current_setting('winner.probe') as v`.execute(trx)).rows[0]?.v
    })
    expect(inside).toBe('inside')
    const after = await sql<{ v: string | null }>`select current_setting('winner.probe', true) as v`.execute(handle.db)
    expect(after.rows[0]?.v ?? '').toBe('')
  })

  it('rolls back when the callback fails after its first statement', async () => {
    await expect(
      runTransaction(handle.db, async (trx) => {
        await sql`select set_config('winner.probe', 'kept?', false)`.execute(trx)
        throw new Error('stop')
      }),
    ).rejects.toThrow('stop')
    const after = await sql<{ v: string | null }>`select current_setting('winner.probe', true) as v`.execute(handle.db)
    expect(after.rows[0]?.v ?? '').toBe('')
  })

  it('fails the transaction when the line drops under BEGIN and its statement, and the pool recovers', async () => {
    await oneStatement()
    wire.cutOnNextWrite()
    await expect(oneStatement()).rejects.toThrow()
    await expect(oneStatement()).resolves.toBe(42)
  })

  it('fails a transaction whose line is lost between two statements, and the pool recovers', async () => {
    await expect(
      runTransaction(handle.db, async (trx) => {
        await sql`select 1`.execute(trx)
        await wire.cut()
        // The client sees the close before it writes again (the write unpatched postgres.js throws from a timer).
        await new Promise((resolve) => setTimeout(resolve, 50))
        await sql`select 2`.execute(trx)
      }),
    ).rejects.toThrow()
    await wire.restore()
    await expect(oneStatement()).resolves.toBe(42)
  })

  it('fails a transaction whose server process is terminated under it, and the pool recovers', async () => {
    const killer = postgres(t.url, { max: 1, onnotice: () => {} })
    try {
      await expect(
        runTransaction(handle.db, async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
          await killer`select pg_terminate_backend(${rows[0]?.pid ?? 0})`
          await sql`select 1`.execute(trx)
        }),
      ).rejects.toThrow()
      await expect(oneStatement()).resolves.toBe(42)
      await expect(oneStatement()).resolves.toBe(42)
    } finally {
      await killer.end()
    }
  })

  it('commits a transaction that ran no statement at all', async () => {
    await expect(runTransaction(handle.db, async () => 'nothing')).resolves.toBe('nothing')
    await expect(oneStatement()).resolves.toBe(42)
  })
})
