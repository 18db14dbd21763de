import { sql } from 'kysely'
import { inject } from 'vitest'
import { forgetReferenceCaches } from '#app/modules/tenancy/reference-cache.server.ts'
import { assumeRuntimeRole, connect, type DB, type DbHandle, RUNTIME_ROLE } from '#db/client.ts'
import { startEmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { seedReference } from '#db/seed/reference.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName, withDatabase } from './databases.ts'

export interface TestDatabase {
  /** Connected as the runtime role, like the application. */
  db: DB
  url: string
  /**
   * Runs `fn` with owner rights (fixtures that bypass the app, direct checks). The app's
   * in-memory reference rows (provinces, current edition) are forgotten after it, unless
   * `keepAppCaches` (a test of what those caches keep behind the app's back).
   */
  asOwner<T>(fn: (db: DB) => Promise<T>, options?: { keepAppCaches?: boolean }): Promise<T>
  close(): Promise<void>
}

function forgetCaches(options?: { keepAppCaches?: boolean }): void {
  if (!options?.keepAppCaches) forgetReferenceCaches()
}

/**
 * A throwaway database for one test file: a clone of the migrated, seeded template
 * on TEST_DATABASE_URL's server, else an in-memory embedded database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('templateDatabase')
  if (testServerUrl && template) {
    const name = uniqueName('winner_test')
    const url = await createDatabase(testServerUrl, name, template)
    // Under vitest.pgbouncer.config.ts the application's queries go through a transaction-mode
    // PgBouncer (one server connection per database); cloning and the owner stay direct.
    const pooled = inject('pgbouncerUrl')
    const app = pooled
      ? connect(withDatabase(pooled, name), { max: 4, as: 'app', transactionPooler: true })
      : connect(url, { max: 4, as: 'app' })
    const owner = connect(url, { max: 1, as: 'owner' })
    return {
      db: app.db,
      url,
      asOwner: (fn, options) => fn(owner.db).finally(() => forgetCaches(options)),
      async close() {
        await app.close()
        await owner.close()
        await dropDatabase(testServerUrl as string, name)
      },
    }
  }
  const embedded = await startEmbeddedDatabase(null)
  const setup = connect(embedded.url, { max: 1, as: 'owner' })
  await migrateToLatest(setup.db)
  await seedReference(setup.db)
  await setup.close()
  // PGlite is one backend: the owner and the app share it, switching role in turn.
  const app: DbHandle = connect(embedded.url, { max: 1, as: 'app', persistent: true })
  await assumeRuntimeRole(app)
  return {
    db: app.db,
    url: embedded.url,
    async asOwner(fn, options) {
      await sql`reset role`.execute(app.db)
      try {
        return await fn(app.db)
      } finally {
        await sql`set role ${sql.id(RUNTIME_ROLE)}`.execute(app.db)
        forgetCaches(options)
      }
    },
    async close() {
      await app.close()
      await embedded.stop()
    },
  }
}
