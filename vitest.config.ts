import postgres from 'postgres'
import { configDefaults, defineConfig } from 'vitest/config'

// The local PostgreSQL most machines run: used when TEST_DATABASE_URL is unset and it answers.
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres'

/** Whether a PostgreSQL server accepts us at `url` (one short connection). */
async function accepts(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} })
  try {
    await sql`select 1`
    return true
  } catch {
    return false
  } finally {
    await sql.end({ timeout: 1 })
  }
}

/**
 * Where integration tests find their database (tests/support/databases.ts):
 * TEST_DATABASE_URL; else a PostgreSQL answering on 127.0.0.1:5432; else an embedded
 * database per test file. WINNER_TEST_DATABASE=embedded forces the embedded path
 * (vitest.embedded.config.ts).
 */
async function chooseTestServer(): Promise<void> {
  if (process.env.WINNER_TEST_DATABASE === 'embedded') {
    delete process.env.TEST_DATABASE_URL
    return
  }
  if (process.env.TEST_DATABASE_URL) return
  if (await accepts(LOCAL_POSTGRES)) process.env.TEST_DATABASE_URL = LOCAL_POSTGRES
}

export default defineConfig(async () => {
  await chooseTestServer()
  return {
    test: {
      include: ['tests/**/*.test.ts'],
      // Through PgBouncer only (vitest.pgbouncer.config.ts).
      exclude: [...configDefaults.exclude, 'tests/pgbouncer/**'],
      globalSetup: ['tests/support/global-setup.ts'],
      setupFiles: ['tests/support/fail-on-console-error.ts', 'tests/mocks/network.ts'],
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 120_000,
      // Workers read the choice made here (tests/support/databases.ts).
      env: {
        WINNER_TEST_DATABASE: process.env.WINNER_TEST_DATABASE ?? 'server',
        TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
      },
    },
  }
})
