import type { Kysely } from 'kysely'
import { localToInstant } from '#app/modules/calls/zoned-time.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '../schema.ts'
import { seedApplicants } from './demo-applications.ts'
import { advance, targetOf } from './demo-programme.ts'
import { sulsel2023Applicants, sulsel2023Issues, sulsel2023Window } from './demo-programme-data.ts'
import { ensureCall, provinceId, upsertIssues } from './reference.ts'

// The 2023 edition as history (reference.ts has its phases, Kalbar's issues and phase 1's
// 6–20 Feb 2023 calls): Sulawesi Selatan's phase 2 call, its applications submitted,
// screened, reviewed and its three finalists published in 2023, among them Skolla EdTech
// and Rappo Indonesia, the two finalists the articles show at Sulsel's co-creation event.
//
// It goes through the same workflows as the current edition, dated in 2023. Those
// workflows act on the current edition (the applicant's call, the call under review), so
// this runs before the demo edition exists, while 2023 is the only edition: on a fresh
// data directory, which is what `npm start` gives a newcomer. A database whose demo
// edition was seeded by an older version keeps its history as it is.

/** Sulsel's FGD fell in April 2023 (phase 2 followed the April FGDs); the day is the demo's placeholder. */
const SULSEL_VALIDATED_ON = '2023-04-10'

/** Seeds the 2023 history of Sulsel once, on a database whose current edition is 2023. Idempotent. */
export async function seedDemoHistory(db: Kysely<Database>, origin: string): Promise<void> {
  const edition = await db.selectFrom('editions').select('id').where('slug', '=', '2023').executeTakeFirst()
  if (!edition) return
  const sulsel = await provinceId(db, 'sulsel')
  const published = await withTenant(db, { provinceId: sulsel }, (trx) =>
    trx
      .selectFrom('selections as s')
      .innerJoin('calls as c', (j) => j.onRef('c.id', '=', 's.call_id').onRef('c.province_id', '=', 's.province_id'))
      .select('s.status')
      .where('s.province_id', '=', sulsel)
      .where('c.edition_id', '=', edition.id)
      .where('s.status', '=', 'published')
      .executeTakeFirst(),
  )
  if (published) return
  if ((await findCurrentEdition(db))?.slug !== '2023') return

  await upsertIssues(db, sulsel, edition.id, sulsel2023Issues, {
    status: 'published',
    validated_on: SULSEL_VALIDATED_ON,
    validation_place: null,
  })
  const zone = 'Asia/Makassar'
  await ensureCall(db, sulsel, edition.id, {
    opens_at: localToInstant(sulsel2023Window.opens_local, zone),
    closes_at: localToInstant(sulsel2023Window.closes_local, zone),
  })
  const closes = localToInstant(sulsel2023Window.closes_local, zone)
  await seedApplicants(db, {
    edition: '2023',
    slug: 'sulsel',
    list: sulsel2023Applicants,
    origin,
    now: closes,
  })
  const target = await targetOf(db, 'sulsel', edition.id, 'published', sulsel2023Applicants, origin)
  if (target) await advance(db, target)
}
