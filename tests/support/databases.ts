import { randomBytes } from 'node:crypto'
import postgres from 'postgres'

/**
 * The PostgreSQL server tests run against (vitest.config.ts chooses it); null: each
 * test file starts its own embedded database, as `npm start` does.
 */
export const testServerUrl =
  process.env.WINNER_TEST_DATABASE === 'embedded' ? null : process.env.TEST_DATABASE_URL || null

/** The same server URL pointed at another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function onServer(serverUrl: string, statement: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    await sql.unsafe(statement)
  } finally {
    await sql.end()
  }
}

export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await onServer(serverUrl, `create database "${name}"${template ? ` template "${template}"` : ''}`)
  return withDatabase(serverUrl, name)
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, `drop database if exists "${name}" with (force)`)
}
