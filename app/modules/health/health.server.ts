import { sql } from 'kysely'
import type { DB } from '#db/client.ts'

// postgres.js connection failures and PostgreSQL's "cannot serve now" classes.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
])

/** True when an error means the database cannot be reached, not that a query is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true
  const errors = (error as { errors?: unknown }).errors
  return Array.isArray(errors) && errors.some(isDatabaseUnavailable)
}

/** Runs a page's data access; a database outage becomes a 503 response, not a 500. */
export async function orUnavailable<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new Response('Service Unavailable', { status: 503 })
    throw error
  }
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function databaseAnswers(db: DB, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    const ping = sql<{ ok: number }>`select 1 as ok`
      .execute(db)
      .then((r) => r.rows[0]?.ok === 1)
      .catch(() => false)
    return await Promise.race([ping, timeout])
  } finally {
    clearTimeout(timer)
  }
}
