// Pure helpers for the i18n check (check.ts reads the files), unit-tested in tests/unit/i18n-keys.test.ts.

/** Flattens nested resources into dotted keys with their text. */
export function flattenKeys(obj: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k
    if (v && typeof v === 'object') return flattenKeys(v as Record<string, unknown>, key)
    return [[key, String(v)] as [string, string]]
  })
}

const PLURAL_SUFFIXES = ['_zero', '_one', '_two', '_few', '_many', '_other']

/** True when `key` ("ns:a.b", or "a.b" in the default namespace) names a text, directly or as a plural. */
export function resolvesTo(key: string, keys: Map<string, string>, defaultNs = 'common'): boolean {
  const full = key.includes(':') ? key : `${defaultNs}:${key}`
  return keys.has(full) || PLURAL_SUFFIXES.some((s) => keys.has(`${full}${s}`))
}

// t('key'), t("key"), and `as const` key literals handed to t() indirectly ('errors.x' as const).
const USE_PATTERNS = [/\bt\(\s*'([^']+)'/g, /\bt\(\s*"([^"]+)"/g, /'([a-z]+:)?([a-zA-Z]+\.[a-zA-Z.]+)' as const/g]

/** Translation keys used in a source text, with their line numbers. */
export function keysUsedIn(source: string): { key: string; line: number }[] {
  const found: { key: string; line: number }[] = []
  for (const pattern of USE_PATTERNS) {
    for (const m of source.matchAll(pattern)) {
      const key = m.length > 2 ? `${m[1] ?? ''}${m[2]}` : (m[1] as string)
      const line = source.slice(0, m.index).split('\n').length
      found.push({ key, line })
    }
  }
  return found
}

/**
 * Text that looks like an untranslated key ("portal:home.title", "errors.notFoundTitle")
 * and is one of the known keys: i18next renders the key itself when a text is missing.
 */
export function rawKeysIn(text: string, keys: Iterable<string>): string[] {
  const hits: string[] = []
  for (const full of keys) {
    const bare = full.slice(full.indexOf(':') + 1).replace(/_(zero|one|two|few|many|other)$/, '')
    const withNs = `${full.slice(0, full.indexOf(':'))}:${bare}`
    for (const candidate of [withNs, bare]) {
      if (candidate.includes('.') && text.includes(candidate)) hits.push(candidate)
    }
  }
  return [...new Set(hits)]
}

/** Each language's texts by full key ("ns:a.b"). */
export type Catalogues = Record<string, Map<string, string>>

/**
 * Everything wrong with the catalogues and the code that uses them: a key one language
 * has and another lacks, an empty text, and a key the code uses that some language
 * cannot resolve — checked against every language, so a key missing from all of them
 * is named with each.
 */
export function catalogueProblems(
  catalogues: Catalogues,
  sources: { file: string; text: string }[],
): { problems: string[]; used: number } {
  const problems: string[] = []
  const languages = Object.keys(catalogues)
  for (const lng of languages) {
    const keys = catalogues[lng] as Map<string, string>
    for (const other of languages) {
      if (other === lng) continue
      for (const key of keys.keys()) {
        if (!catalogues[other]?.has(key)) problems.push(`missing in ${other}: ${key} (present in ${lng})`)
      }
    }
    for (const [key, value] of keys) {
      if (value.trim() === '') problems.push(`empty text in ${lng}: ${key}`)
    }
  }
  let used = 0
  for (const { file, text } of sources) {
    for (const { key, line } of keysUsedIn(text)) {
      used++
      const missing = languages.filter((lng) => !resolvesTo(key, catalogues[lng] as Map<string, string>))
      if (missing.length > 0) problems.push(`${file}:${line}: unknown key ${key} (missing in ${missing.join(', ')})`)
    }
  }
  return { problems, used }
}
