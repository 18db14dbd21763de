import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { PoolInsideTransactionError, runTransaction } from '#db/transaction-scope.ts'
import { projectRoot } from '#tests/support/app-process.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) ? [full] : []
  })
}

describe('a query inside a transaction uses the transaction', () => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await t?.close()
  })

  it('refuses a pool query from inside withTenant at once, on every database, and leaves the pool usable', async () => {
    const started = Date.now()
    await expect(
      withTenant(t.db, { national: true }, async () => {
        await sql`select 1`.execute(t.db)
      }),
    ).rejects.toBeInstanceOf(PoolInsideTransactionError)
    // Refused, not waited on: on the one-connection embedded database a wait never ends.
    expect(Date.now() - started).toBeLessThan(5000)
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(t.db)
    expect(rows[0]?.one).toBe(1)
  })

  it('refuses a nested transaction and a pool query after an await deep in the call chain', async () => {
    const deep = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      return t.db.selectFrom('editions').select('id').execute()
    }
    await expect(withTenant(t.db, { national: true }, () => deep())).rejects.toBeInstanceOf(PoolInsideTransactionError)
    await expect(
      withTenant(t.db, { national: true }, () => withTenant(t.db, { national: true }, async () => 1)),
    ).rejects.toBeInstanceOf(PoolInsideTransactionError)
  })

  it('allows the transaction itself, and the pool again once it has ended', async () => {
    const inside = await withTenant(t.db, { national: true }, (trx) =>
      trx.selectFrom('editions').select('id').execute(),
    )
    const outside = await t.db.selectFrom('editions').select('id').execute()
    expect(inside.length).toBeGreaterThan(0)
    expect(outside).toEqual(inside)
    await expect(
      runTransaction(t.db, async (trx) => (await sql<{ n: number }>`select 2 as n`.execute(trx)).rows[0]?.n),
    ).resolves.toBe(2)
  })

  it('is the only way the code opens a transaction', () => {
    const offenders = [...sourceFiles(path.join(projectRoot, 'app')), ...sourceFiles(path.join(projectRoot, 'db'))]
      .filter((file) => !file.endsWith(path.join('db', 'transaction-scope.ts')))
      .filter((file) => /\.transaction\(\)/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(projectRoot, file))
    expect(offenders).toEqual([])
  })
})
