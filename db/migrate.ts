import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { FileMigrationProvider, type Kysely, Migrator } from 'kysely'

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export class MigrationError extends Error {}

/** Applies every pending migration; throws MigrationError naming the failed one. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  const failed = results.find((r) => r.status === 'Error')
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error)
    throw new MigrationError(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`)
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
