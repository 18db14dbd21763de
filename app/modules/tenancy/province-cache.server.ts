import type { DB } from '#db/client.ts'
import { findActiveProvinceBySlug, type ProvinceRef } from './province.queries.server.ts'
import { referenceCache } from './reference-cache.server.ts'

// Every tenant page resolves its province by slug, often twice (root and page). The answer
// changes only when a province is onboarded, edited, (de)activated: whoever does that calls
// `invalidateProvinceCache()`. Unknown or deactivated slugs are not kept.
const provinces = referenceCache<ProvinceRef>('province')

/** The active province a slug names (undefined when unknown or deactivated), from memory when fresh. */
export function cachedActiveProvince(db: DB, slug: string): Promise<ProvinceRef | undefined> {
  return provinces.get(db, slug, () => findActiveProvinceBySlug(db, slug))
}

/** Forgets every cached province (all database handles): call after a province's row changed. */
export function invalidateProvinceCache(): void {
  provinces.invalidate()
}
