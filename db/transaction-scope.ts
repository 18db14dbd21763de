import { AsyncLocalStorage } from 'node:async_hooks'
import type { DatabaseConnection, Dialect, Driver, Kysely, Transaction } from 'kysely'

// A query sent to the pool from inside a transaction's callback asks for a second
// connection while the first is held. On the embedded database (one connection) that
// waits for ever and takes the whole server down; on a real pool it holds two
// connections per request and can deadlock under load. So it is refused at once,
// everywhere, by the driver (docs/decisions/007-one-connection-per-transaction.md).

// One store per process: the server bundle (build/) carries its own copy of this module
// next to the one db/client.ts loads, and both must see the same mark.
const key = Symbol.for('winner.insideTransaction')
const registry = globalThis as typeof globalThis & { [key]?: AsyncLocalStorage<true> }
registry[key] ??= new AsyncLocalStorage<true>()
const insideTransaction = registry[key]

/** Thrown when code inside a transaction reaches for the pool instead of the transaction. */
export class PoolInsideTransactionError extends Error {
  constructor() {
    super(
      'A query went to the connection pool while a transaction of the same call chain is open; pass the transaction (trx) instead.',
    )
    this.name = 'PoolInsideTransactionError'
  }
}

// Which handle each open transaction came from, for in-memory caches kept per handle.
const handles = new WeakMap<object, object>()

/** Runs `fn` in a transaction; any pool query reached from inside `fn` throws PoolInsideTransactionError. */
export function runTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => {
    handles.set(trx, db)
    return insideTransaction.run(true, () => fn(trx))
  })
}

/** The pool handle a transaction of `runTransaction` was opened on (the handle itself otherwise). */
export function handleOf<H extends object>(db: H): H {
  return (handles.get(db) as H | undefined) ?? db
}

/**
 * Wraps a dialect so that acquiring a pool connection inside `runTransaction`'s callback throws.
 * `usage.held` counts the connections acquired and not yet released (the pool gauge of /metrics).
 */
export function guardedDialect(dialect: Dialect, usage: { held: number } = { held: 0 }): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => guardedDriver(dialect.createDriver(), usage),
  }
}

function guardedDriver(driver: Driver, usage: { held: number }): Driver {
  return {
    init: () => driver.init(),
    destroy: () => driver.destroy(),
    async acquireConnection(): Promise<DatabaseConnection> {
      if (insideTransaction.getStore()) throw new PoolInsideTransactionError()
      const connection = await driver.acquireConnection()
      usage.held += 1
      return connection
    },
    async releaseConnection(connection) {
      usage.held -= 1
      await driver.releaseConnection(connection)
    },
    beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
    commitTransaction: (connection) => driver.commitTransaction(connection),
    rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
    savepoint: driver.savepoint?.bind(driver),
    rollbackToSavepoint: driver.rollbackToSavepoint?.bind(driver),
    releaseSavepoint: driver.releaseSavepoint?.bind(driver),
  }
}
