import { type Kysely, type Migration, Migrator } from 'kysely'
import { migrations as allMigrations } from './migrations/index.ts'

export class MigrationError extends Error {}

/** Applies every pending migration; throws MigrationError naming the failed one. */
export async function migrateToLatest(
  db: Kysely<any>,
  migrations: Record<string, Migration> = allMigrations,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results = [] } = await migrator.migrateToLatest()
  const failed = results.find((r) => r.status === 'Error')
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error)
    throw new MigrationError(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`)
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
