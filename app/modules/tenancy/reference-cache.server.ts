import type { DB } from '#db/client.ts'

// Reference rows nearly every page reads and that change a few times a year (a province
// by its slug, the current edition) are kept in memory, per database handle, instead of
// costing each request a round trip (docs/decisions/021-signed-in-request-cost.md).
// Whoever changes such a row calls the cache's `invalidate()`; with several processes the
// cross-process notice (app/server/server.ts) calls it too, and the expiry bounds what a
// process that missed a notice can serve. Absent answers are never kept: they cost a
// query, never a stale page.

export interface ReferenceCache<V> {
  /** The value under `key`, from memory when fresh, else from `load` (kept only when found). */
  get(db: DB, key: string, load: () => Promise<V | undefined>): Promise<V | undefined>
  /** Forgets every entry, for every database handle: call after the rows changed. */
  invalidate(): void
}

interface Entry<V> {
  value: V
  until: number
}

interface State<V> {
  caches: WeakMap<DB, Map<string, Entry<V>>>
  generation: number
}

// Every cache made here, for `forgetReferenceCaches` (same globalThis reasoning as below).
const ALL = Symbol.for('winner.referenceCaches')
const registry = globalThis as typeof globalThis & { [ALL]?: Map<string, () => void> }
registry[ALL] ??= new Map()
const all = registry[ALL]

/** Forgets every reference cache: after a change anything may depend on (the cross-process "everything" notice). */
export function forgetReferenceCaches(): void {
  for (const invalidate of all.values()) invalidate()
}

/**
 * A cache named `name`. Its state lives on globalThis under a registered symbol: the server
 * bundle (build/) carries its own copy of this module beside the one app/server/server.ts
 * loads, and the cross-process notice arrives in server.ts; both copies must share one cache.
 */
export function referenceCache<V>(name: string, { ttlMs = 30_000, maxEntries = 500 } = {}): ReferenceCache<V> {
  const key = Symbol.for(`winner.referenceCache.${name}`)
  const holder = globalThis as typeof globalThis & { [key]?: State<V> }
  holder[key] ??= { caches: new WeakMap(), generation: 0 }
  const state = holder[key] as State<V>
  const invalidate = () => {
    state.generation += 1
    // WeakMap cannot be iterated: a new one makes every entry unreachable instead.
    state.caches = new WeakMap()
  }
  all.set(name, invalidate)
  return {
    async get(db, entryKey, load) {
      let cache = state.caches.get(db)
      if (!cache) {
        cache = new Map()
        state.caches.set(db, cache)
      }
      const hit = cache.get(entryKey)
      const now = Date.now()
      if (hit && hit.until > now) return hit.value
      const seen = state.generation
      const value = await load()
      // A change committed while this read was under way must not be overwritten by it.
      if (value !== undefined && seen === state.generation) {
        if (cache.size >= maxEntries) cache.clear()
        cache.set(entryKey, { value, until: now + ttlMs })
      } else if (value === undefined) {
        cache.delete(entryKey)
      }
      return value
    },
    invalidate,
  }
}
