import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { seedReference } from './reference.ts'

export interface SeedOptions {
  demo: boolean
  /**
   * The origin the server runs on (`loadConfig(env).origin`, app/server/config.ts): every
   * mail the demo seed creates links there. Required, so no seed step can guess its own.
   */
  origin: string
  now?: Date
}

/** Reference data always; demo data when asked (embedded start, SEED_DEMO=1). */
export async function seed(db: Kysely<Database>, { demo, origin, now = new Date() }: SeedOptions): Promise<void> {
  await seedReference(db)
  // Loaded only when asked: the demo runs the app's modules, which the cluster's primary
  // (docs/decisions/023-one-process-per-core.md) otherwise never loads.
  if (demo) await (await import('./demo.ts')).seedDemoData(db, { origin, now })
}
