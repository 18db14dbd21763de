import { sql } from 'kysely'
import type { DB } from '#db/client.ts'

/**
 * The current edition, which every province's pages are about: the newest active one,
 * else the newest of any status. Editions are reference data every scope may read; pass the
 * transaction when calling from inside one.
 */
export function findCurrentEdition(db: DB) {
  return currentEditionQuery(db).executeTakeFirst()
}

/** findCurrentEdition's query unexecuted, for a caller that embeds it in a statement of its own. */
export function currentEditionQuery(db: DB) {
  return db
    .selectFrom('editions')
    .select(['id', 'slug', 'name', 'starts_on', 'ends_on', 'legal_basis', 'status'])
    .orderBy(sql`status = 'active'`, 'desc')
    .orderBy('starts_on', 'desc')
    .limit(1)
}
