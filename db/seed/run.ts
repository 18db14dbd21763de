import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { seedConsentNotices } from './consent.ts'
import { seedDemo } from './demo.ts'
import { seedDemoAccounts } from './demo-accounts.ts'
import { seedDemoApplications } from './demo-applications.ts'
import { seedDemoCatalogue } from './demo-catalogue.ts'
import { seedDemoFinalNight } from './demo-final-night.ts'
import { seedReference } from './reference.ts'

/** Reference data always; demo data when asked (embedded start, SEED_DEMO=1). */
export async function seed(db: Kysely<Database>, { demo }: { demo: boolean }): Promise<void> {
  await seedReference(db)
  if (demo) {
    await seedDemo(db)
    // The demo edition is created only now; it needs its data-processing notice too.
    await seedConsentNotices(db)
    await seedDemoCatalogue(db)
    await seedDemoAccounts(db)
    // Applicants, ventures and applications last: they need the accounts, issues and notice.
    await seedDemoApplications(db)
    // A past Final Night from whatever finalists the demo has published (after every selection exists).
    await seedDemoFinalNight(db)
  }
}
