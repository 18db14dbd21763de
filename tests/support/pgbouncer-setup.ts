import type { TestProject } from 'vitest/node'
import { startPgBouncer } from '../../scripts/pgbouncer.ts'
import { testServerUrl } from './databases.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A transaction-mode PgBouncer in front of TEST_DATABASE_URL (vitest.pgbouncer.config.ts); else unset. */
    pgbouncerUrl: string | null
  }
}

/** Once per run of vitest.pgbouncer.config.ts: one PgBouncer, one server connection per database. */
export default async function setup(project: TestProject) {
  if (!testServerUrl) throw new Error('the PgBouncer suite needs a PostgreSQL server (TEST_DATABASE_URL)')
  const bouncer = await startPgBouncer(testServerUrl, { poolSize: 1 })
  project.provide('pgbouncerUrl', bouncer.url)
  return () => bouncer.stop()
}
