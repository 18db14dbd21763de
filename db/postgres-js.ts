import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  PostgresAdapter,
  type PostgresDialectConfig,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'
import type postgres from 'postgres'

// Kysely on postgres.js, written here for the two things a request's round trips depend
// on (docs/decisions/025-prepared-statements-and-pipelined-begin.md):
// - Statements are prepared once per connection and reused. postgres.js's `unsafe`, which
//   any query builder must use, sends a statement with parameters unnamed unless told
//   otherwise, first asking the server for the parameter types: two round trips and a
//   fresh parse and plan for every statement.
// - BEGIN is not waited for: it leaves in the same network write as the transaction's
//   first statement (postgres.js pipelines queries on one connection), and its answer is
//   checked with that statement's, or at COMMIT when there was none.
// - A statement marked with `sendAhead` (a tenant transaction's settings) is treated like
//   BEGIN: sent at once, its answer checked with the next statement's.

/** Statements whose answer nobody reads: sent without waiting, checked with the next one. */
const ahead = new WeakSet<CompiledQuery>()

/**
 * Marks a compiled statement to be sent without waiting for its answer (its result has no
 * rows): it leaves in the same network write as the statement after it, and a failure fails
 * that statement, or COMMIT. Only for a statement that, if it fails, aborts its transaction
 * (so nothing behind it can run as if it had succeeded). Other dialects run it as usual.
 */
export function sendAhead(query: CompiledQuery): CompiledQuery {
  ahead.add(query)
  return query
}

/** The dialect; `prepare: false` behind a transaction-mode pooler (db/client.ts). */
export function postgresJsDialect(sql: postgres.Sql, { prepare }: { prepare: boolean }): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PostgresJsDriver(sql, prepare),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }
}

// Extends Kysely's own driver for its COMMIT, ROLLBACK and savepoint statements, which
// run through the connection below; the pool is postgres.js's.
class PostgresJsDriver extends PostgresDriver {
  constructor(
    private readonly sql: postgres.Sql,
    private readonly prepare: boolean,
  ) {
    super({} as PostgresDialectConfig)
  }

  override async init(): Promise<void> {}

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new PostgresJsConnection(await this.sql.reserve(), this.prepare)
  }

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    ;(connection as PostgresJsConnection).begin(settings)
  }

  override async releaseConnection(connection: DatabaseConnection): Promise<void> {
    ;(connection as PostgresJsConnection).release()
  }

  override async destroy(): Promise<void> {
    await this.sql.end()
  }
}

class PostgresJsConnection implements DatabaseConnection {
  /** A BEGIN (and statements sent ahead) sent and not yet checked, in the order sent. */
  private pending: Promise<unknown> | undefined

  constructor(
    private readonly reserved: postgres.ReservedSql,
    private readonly prepare: boolean,
  ) {}

  begin({ isolationLevel, accessMode }: TransactionSettings): void {
    const statement = ['start transaction', isolationLevel && `isolation level ${isolationLevel}`, accessMode]
      .filter(Boolean)
      .join(' ')
    // Executed now (a postgres.js query starts when awaited or executed), answered later.
    const begin = this.reserved.unsafe(statement).execute()
    this.pending = begin
    begin.catch(() => {})
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const begin = this.pending
    this.pending = undefined
    const running = this.reserved.unsafe(query.sql, query.parameters as postgres.ParameterOrJSON<never>[], {
      prepare: this.prepare,
    })
    if (ahead.has(query)) {
      const sent = running.execute()
      sent.catch(() => {})
      // Checked in order: an earlier failure is the one reported.
      const checked = begin ? begin.then(() => sent) : sent
      checked.catch(() => {})
      this.pending = checked
      return { rows: [] }
    }
    if (begin) {
      running.execute().catch(() => {})
      await begin
    }
    const result = await running
    return {
      rows: Array.from(result) as R[],
      numAffectedRows: ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(result.command)
        ? BigInt(result.count)
        : undefined,
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const begin = this.pending
    this.pending = undefined
    await begin
    const cursor = this.reserved
      .unsafe(query.sql, query.parameters as postgres.ParameterOrJSON<never>[], { prepare: this.prepare })
      .cursor(chunkSize)
    for await (const rows of cursor) yield { rows: rows as R[] }
  }

  release(): void {
    this.reserved.release()
  }
}
