import type { i18n } from 'i18next'

// A server instance serves one language with its resources in memory, fixed after init
// (i18n.server.ts), so a lookup of a key without options gives the same text on every request.
// Pages make hundreds of such lookups per render, each going through i18next's key parsing,
// resource walk and interpolation scan (issue 18's profiles: i18next ≈ 7 % of a signed-in
// page's CPU). This remembers them per instance. Anything with options (interpolation,
// count, context, defaultValue) goes to i18next as before. A key that does not resolve is
// never kept, so keys built from a request (`?done=…`) cannot grow the map; a cap bounds
// it besides.

const MAX_KEPT = 20_000

type AnyT = (...args: unknown[]) => unknown
type FixedT = (lng: unknown, ns?: string | readonly string[], keyPrefix?: string) => AnyT

/** Makes `instance.getFixedT` hand out functions that remember option-less lookups. */
export function rememberPlainLookups(instance: i18n): void {
  const fixedT = instance.getFixedT.bind(instance) as unknown as FixedT
  const kept = new Map<string, string>()
  const remembered: FixedT = (lng, ns, keyPrefix) => {
    const t = fixedT(lng, ns, keyPrefix)
    const scope = `${String(lng ?? '')}|${String(ns ?? '')}|${keyPrefix ?? ''}|`
    const remembering: AnyT = (key, ...rest) => {
      if (rest.length > 0 || typeof key !== 'string') return t(key, ...rest)
      const id = scope + key
      const known = kept.get(id)
      if (known !== undefined) return known
      const text = t(key)
      if (typeof text === 'string' && kept.size < MAX_KEPT && instance.exists(qualified(key, ns, keyPrefix))) {
        kept.set(id, text)
      }
      return text
    }
    return Object.assign(remembering, t)
  }
  instance.getFixedT = remembered as unknown as typeof instance.getFixedT
}

/** The key as `exists` reads it: with the fixed namespace and prefix unless it names its own namespace. */
function qualified(key: string, ns: string | readonly string[] | undefined, keyPrefix: string | undefined): string {
  const withPrefix = keyPrefix ? `${keyPrefix}.${key}` : key
  if (key.includes(':') || ns === undefined) return withPrefix
  const first = typeof ns === 'string' ? ns : ns[0]
  return first ? `${first}:${withPrefix}` : withPrefix
}
