import { Kysely } from 'kysely'
import postgres from 'postgres'
import { postgresJsDialect } from './postgres-js.ts'
import type { Database } from './schema.ts'
import { guardedDialect } from './transaction-scope.ts'

/** The non-owner role every application query runs as; RLS applies to it. */
export const RUNTIME_ROLE = 'winner_app'

export type DB = Kysely<Database>

export interface DbHandle {
  db: DB
  sql: postgres.Sql
  /** Connections Kysely holds right now (a query or a transaction each); pg-boss's own queries are not counted. */
  inUse(): number
  close(): Promise<void>
}

export interface ConnectOptions {
  /** Pool size; the embedded server serves one connection at a time. */
  max?: number
  /** `app` connects as the runtime role (RLS applies); `owner` runs migrations and seeds. */
  as?: 'app' | 'owner'
  /** Never recycle connections (the embedded server keeps session state across them). */
  persistent?: boolean
  /**
   * Behind a transaction-mode pooler (PgBouncer): consecutive transactions may run on
   * different server connections, and one server connection serves many clients. So no
   * named prepared statements (PgBouncer before 1.21 hands them to the wrong client) and
   * no `role` startup parameter (PgBouncer refuses it); the login role's default
   * (`alter role … set role winner_app`) and withTenant's SET LOCAL ROLE pin the role.
   * See docs/DEPLOYMENT.md#pgbouncer.
   */
  transactionPooler?: boolean
}

/** Opens a postgres.js pool with a Kysely instance on top. */
export function connect(
  url: string,
  { max = 10, as = 'app', persistent = false, transactionPooler = false }: ConnectOptions = {},
): DbHandle {
  const sql = postgres(url, {
    max,
    prepare: !transactionPooler,
    connect_timeout: 5,
    ...(persistent ? { max_lifetime: null, idle_timeout: 0 } : {}),
    onnotice: () => {},
    // Keep `date` columns as plain YYYY-MM-DD text: a calendar date has no time zone.
    types: {
      date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v },
      // A string bound to a json parameter is already JSON (pg-boss sends its batches
      // that way); only objects need encoding. The default would encode strings twice.
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v)),
        parse: (v: string) => JSON.parse(v),
      },
    },
    // The startup parameter makes every session begin as the runtime role, so a
    // query that forgets withTenant() still runs under RLS and sees no tenant rows.
    connection: as === 'app' && !transactionPooler ? ({ role: RUNTIME_ROLE } as Record<string, string>) : {},
  })
  const usage = { held: 0 }
  const db = new Kysely<Database>({
    dialect: guardedDialect(postgresJsDialect(sql, { prepare: !transactionPooler }), usage),
  })
  return { db, sql, inUse: () => usage.held, close: () => db.destroy() }
}

/**
 * PGlite runs a single backend and ignores startup parameters, so the role is
 * set once for the whole (single) session after migrations and seeds are done.
 */
export async function assumeRuntimeRole(handle: DbHandle): Promise<void> {
  await handle.sql.unsafe(`set role ${RUNTIME_ROLE}`)
}
