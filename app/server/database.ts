import { assumeRuntimeRole, connect, type DbHandle } from '#db/client.ts'
import { type EmbeddedDatabase, startEmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { seed } from '#db/seed/run.ts'

export interface OpenDatabase {
  app: DbHandle
  embedded: boolean
  close(): Promise<void>
}

/**
 * Connects (starting the embedded database when no URL is given), migrates and
 * seeds as the owner, then hands back a pool that runs as the runtime role.
 */
export async function openDatabase(options: {
  databaseUrl: string | null
  /** Migrations and seeds connect here (directly, not through a pooler); null: databaseUrl. */
  ownerDatabaseUrl?: string | null
  /** databaseUrl is a transaction-mode PgBouncer (db/client.ts). */
  transactionPooler?: boolean
  dataDir: string
  poolSize: number
  seedDemo: boolean
  /** The server's origin (config.ts): links in the mails the demo seed creates point there. */
  origin: string
  /** Installs pg-boss's schema and queues (jobs.ts); the job queue runs in every configuration. */
  installJobs?: (owner: DbHandle) => Promise<void>
}): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | null = null
  let url = options.databaseUrl
  if (!url) {
    embedded = await startEmbeddedDatabase(options.dataDir)
    url = embedded.url
  }
  try {
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
