import { sql } from 'kysely'
import type { DB } from '#db/client.ts'
import { handleOf } from '#db/transaction-scope.ts'
import { referenceCache } from './reference-cache.server.ts'

type Edition = Awaited<ReturnType<ReturnType<typeof currentEditionQuery>['executeTakeFirstOrThrow']>>
const editions = referenceCache<Readonly<Edition>>('edition')

/**
 * The current edition, which every province's pages are about: the newest active one,
 * else the newest of any status. Editions are reference data every scope may read; it
 * comes from memory when fresh, per database handle, also inside a transaction (whoever
 * changes an edition calls `invalidateEditionCache()` after the commit). Code that changes
 * editions and reads them back in one transaction reads the table, not this.
 */
export function findCurrentEdition(db: DB) {
  return editions.get(handleOf(db), 'current', async () => {
    const edition = await currentEditionQuery(db).executeTakeFirst()
    return edition && Object.freeze(edition)
  })
}

/** Forgets the cached current edition (all database handles): call after an edition changed. */
export function invalidateEditionCache(): void {
  editions.invalidate()
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
