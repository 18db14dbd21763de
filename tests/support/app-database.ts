import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '#app/server/config.ts'
import { connect, type DB } from '#db/client.ts'
import { startEmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { seed } from '#db/seed/run.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from './databases.ts'

export interface AppDatabase {
  /** Environment for startAppProcess: DATABASE_URL on a server, DATA_DIR on the embedded path. */
  env: Record<string, string>
  cleanup(): Promise<void>
}

/**
 * A database for a server process, migrated, seeded with the demo and then given the
 * test's own fixtures by `prepare` (as the owner) before the server starts. On the
 * embedded path it is a data directory the server then opens, exactly as `npm start`
 * reopens `.data/`: the embedded database serves one process, so fixtures cannot be
 * written while the server runs. `embedded` asks for a data directory even when the
 * suite runs on a server.
 */
export async function prepareAppDatabase(
  prepare: (owner: DB) => Promise<void>,
  options: { embedded?: boolean } = {},
): Promise<AppDatabase> {
  if (testServerUrl && !options.embedded) {
    const server = testServerUrl
    const name = uniqueName('winner_e2e')
    const url = await createDatabase(server, name)
    await seedAndPrepare(url, prepare)
    return { env: { DATABASE_URL: url, SEED_DEMO: '1' }, cleanup: () => dropDatabase(server, name) }
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'winner-e2e-'))
  const embedded = await startEmbeddedDatabase(dataDir)
  try {
    await seedAndPrepare(embedded.url, prepare)
  } finally {
    await embedded.stop()
  }
  return { env: { DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) }
}

/** Runs `read` as the owner on the database of `env` (on the embedded one: the server must be stopped). */
export async function readAppDatabase<T>(env: Record<string, string>, read: (owner: DB) => Promise<T>): Promise<T> {
  const embedded = env.DATABASE_URL ? null : await startEmbeddedDatabase(env.DATA_DIR as string)
  const owner = connect(env.DATABASE_URL ?? (embedded as { url: string }).url, { max: 1, as: 'owner' })
  try {
    return await read(owner.db)
  } finally {
    await owner.close()
    await embedded?.stop()
  }
}

async function seedAndPrepare(url: string, prepare: (owner: DB) => Promise<void>): Promise<void> {
  const owner = connect(url, { max: 1, as: 'owner' })
  try {
    await migrateToLatest(owner.db)
    // The server's port is chosen when it starts; the seed's few mails link to the default origin.
    await seed(owner.db, { demo: true, origin: loadConfig({}).origin })
    await prepare(owner.db)
  } finally {
    await owner.close()
  }
}
