import type { DB } from '#db/client.ts'
import { findActiveProvinceBySlug, type ProvinceRef } from './province.queries.server.ts'

// Every tenant page resolves its province by slug, often twice (root and page). The answer
// changes only when a province is onboarded, edited, (de)activated, so it is kept in memory,
// per database handle. Whoever changes a province calls `invalidateProvinceCache()`; with
// several processes, the cross-process notice must call it too. The expiry bounds what a
// process that missed a notice can serve (docs/decisions/021-signed-in-request-cost.md).
// Unknown or deactivated slugs are not kept: they cost a query, never a stale 200.

const TTL_MS = 30_000
const MAX_ENTRIES = 500

interface Entry {
  province: ProvinceRef
  until: number
}

// On globalThis under a registered symbol: the server bundle (build/) carries its own copy of
// this module beside the one app/server/server.ts loads, and the cross-process notice
// (app/server/invalidation.ts) arrives in server.ts; both copies must share one cache.
interface State {
  caches: WeakMap<DB, Map<string, Entry>>
  generation: number
}
const KEY = Symbol.for('winner.provinceCache')
const holder = globalThis as typeof globalThis & { [KEY]?: State }
holder[KEY] ??= { caches: new WeakMap(), generation: 0 }
const state: State = holder[KEY]

/** The active province a slug names (undefined when unknown or deactivated), from memory when fresh. */
export async function cachedActiveProvince(db: DB, slug: string): Promise<ProvinceRef | undefined> {
  let cache = state.caches.get(db)
  if (!cache) {
    cache = new Map()
    state.caches.set(db, cache)
  }
  const hit = cache.get(slug)
  const now = Date.now()
  if (hit && hit.until > now) return hit.province
  const seen = state.generation
  const province = await findActiveProvinceBySlug(db, slug)
  // A change committed while this read was under way must not be overwritten by it.
  if (province && seen === state.generation) {
    if (cache.size >= MAX_ENTRIES) cache.clear()
    cache.set(slug, { province, until: now + TTL_MS })
  } else if (!province) {
    cache.delete(slug)
  }
  return province
}

/** Forgets every cached province (all database handles): call after a province's row changed. */
export function invalidateProvinceCache(): void {
  state.generation += 1
  // WeakMap cannot be iterated: a new one makes every entry unreachable instead.
  state.caches = new WeakMap()
}
