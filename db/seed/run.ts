import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { seedConsentNotices } from './consent.ts'
import { seedDemo } from './demo.ts'
import { seedDemoAccounts } from './demo-accounts.ts'
import { seedDemoApplications } from './demo-applications.ts'
import { seedDemoCatalogue } from './demo-catalogue.ts'
import { seedDemoHistory } from './demo-history.ts'
import { seedDemoProgramme } from './demo-programme.ts'
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
  if (demo) {
    await seedDemoAccounts(db)
    // The 2023 history before the demo edition exists: its workflows act on the current edition.
    await seedDemoHistory(db, origin)
    await seedDemo(db, now)
    // The demo edition is created only now; it needs its data-processing notice too.
    await seedConsentNotices(db)
    await seedDemoCatalogue(db)
    // Applicants, ventures and applications last: they need the accounts, issues and notice.
    await seedDemoApplications(db, origin, now)
    // Then the provinces further along: screening, review, the ministry's decision, published.
    await seedDemoProgramme(db, origin, now)
  }
}
