import { assumeRuntimeRole, connect, type DbHandle } from '#db/client.ts'
import type { EmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { seed } from '#db/seed/run.ts'

export interface OpenDatabase {
  app: DbHandle
  embedded: boolean
  close(): Promise<void>
}

interface DatabaseOptions {
  databaseUrl: string | null
  /** Migrations and seeds connect here (directly, not through a pooler); null: databaseUrl. */
  ownerDatabaseUrl?: string | null
  /** databaseUrl is a transaction-mode PgBouncer (db/client.ts). */
  transactionPooler?: boolean
  seedDemo: boolean
  /** The server's origin (config.ts): links in the mails the demo seed creates point there. */
  origin: string
  /** Installs pg-boss's schema and queues (jobs.ts); the job queue runs in every configuration. */
  installJobs?: (owner: DbHandle) => Promise<void>
}

/** Migrates, seeds and installs the job queue as the owner (once per start: in the cluster's primary). */
async function prepare(url: string, embedded: boolean, options: DatabaseOptions): Promise<void> {
  const owner = connect(embedded ? url : (options.ownerDatabaseUrl ?? url), {
    max: 1,
    as: 'owner',
    transactionPooler: !embedded && !options.ownerDatabaseUrl && options.transactionPooler,
  })
  try {
    await migrateToLatest(owner.db)
    await seed(owner.db, { demo: options.seedDemo, origin: options.origin })
    await options.installJobs?.(owner)
  } finally {
    await owner.close()
  }
}

/**
 * What the cluster's primary does before forking (docs/decisions/023-one-process-per-core.md):
 * migrations, seeds and the job schema run once, not once per process. Real PostgreSQL only.
 */
export async function prepareDatabase(options: DatabaseOptions & { databaseUrl: string }): Promise<void> {
  await prepare(options.databaseUrl, false, options)
}

/**
 * Connects (starting the embedded database when no URL is given), migrates and
 * seeds as the owner unless `prepared` (a cluster worker: the primary did), then
 * hands back a pool that runs as the runtime role.
 */
export async function openDatabase(
  options: DatabaseOptions & {
    dataDir: string
    poolSize: number
    /** The primary already migrated and seeded (cluster worker). */
    prepared?: boolean
  },
): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | null = null
  let url = options.databaseUrl
  if (!url) {
    // Loaded only here: PGlite is large, and the cluster's primary (PostgreSQL only) never needs it.
    const { startEmbeddedDatabase } = await import('#db/embedded.ts')
    embedded = await startEmbeddedDatabase(options.dataDir)
    url = embedded.url
  }
  try {
    if (!options.prepared) await prepare(url, embedded !== null, options)
    // The embedded server serves one connection at a time: a pool of one.
    const app = connect(url, {
      max: embedded ? 1 : options.poolSize,
      as: 'app',
      persistent: embedded !== null,
      transactionPooler: !embedded && options.transactionPooler,
    })
    if (embedded) await assumeRuntimeRole(app)
    return {
      app,
      embedded: embedded !== null,
      async close() {
        await app.close()
        await embedded?.stop()
      },
    }
  } catch (error) {
    await embedded?.stop()
    throw error
  }
}
