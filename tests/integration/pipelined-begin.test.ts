import net from 'node:net'
import { sql } from 'kysely'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type DbHandle } from '#db/client.ts'
import { runTransaction } from '#db/transaction-scope.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// A transaction's BEGIN goes out with its first statement (db/transaction-scope.ts,
// docs/decisions/025-prepared-statements-and-pipelined-begin.md). Measured where it matters,
// on the wire: a TCP relay in front of PostgreSQL counts what the client writes, and can cut
// the line. A lost line fails the transaction and the pool goes on (postgres.js would hang).

interface Relay {
  url: string
  /** Chunks the client has written to the server since the last reset. */
  writes: number
  /** Cuts the connection when the client next writes. */
  cutNext: boolean
  close(): Promise<void>
}

async function relay(target: string): Promise<Relay> {
  const to = new URL(target)
  const sockets = new Set<net.Socket>()
  const state: Relay = { url: '', writes: 0, cutNext: false, close: async () => {} }
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port || 5432), to.hostname)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
    client.on('data', (chunk) => {
      if (state.cutNext) {
        state.cutNext = false
        client.destroy()
        upstream.destroy()
        return
      }
      state.writes += 1
      upstream.write(chunk)
    })
    upstream.on('data', (chunk) => client.write(chunk))
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  const url = new URL(target)
  url.hostname = '127.0.0.1'
  url.port = String(port)
  state.url = url.toString()
  state.close = () => {
    for (const s of sockets) s.destroy()
    return new Promise((resolve) => server.close(() => resolve()))
  }
  return state
}

describe('statements on the wire: prepared once, BEGIN with the first statement', () => {
  let t: TestDatabase
  let wire: Relay
  let handle: DbHandle
  beforeAll(async () => {
    t = await createTestDatabase()
    wire = await relay(t.url)
    handle = connect(wire.url, { max: 1, as: 'app' })
  })
  afterAll(async () => {
    await handle?.close()
    await wire?.close()
    await t?.close()
  })

  const oneStatement = () =>
    runTransaction(handle.db, async (trx) => (await sql<{ n: number }>`select ${41}::int + 1 as n`.execute(trx)).rows[0]?.n)

  it('costs two writes to the server: BEGIN with the statement, then COMMIT', async () => {
    // Warm: the connection is open and the statement prepared (its first use describes it first).
    await oneStatement()
    await oneStatement()
    wire.writes = 0
    await expect(oneStatement()).resolves.toBe(42)
    expect(wire.writes).toBe(2)
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
    wire.cutNext = true
    await expect(oneStatement()).rejects.toThrow()
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
