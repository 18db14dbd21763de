// Open-redirect guard (issue 11 §2): a prefix check on the raw string is not enough,
// because browsers parse `Location` with the WHATWG URL parser, which drops tabs and
// newlines and reads `\` as `/`: "/\t/evil.example" arrives as "//evil.example".
// So the target is parsed the same way and only its same-origin, re-serialised path
// is ever sent back.
const BASE = 'http://x.invalid'

/** A path on this site to redirect to after sign-in, or `fallback` if `target` could lead anywhere else. */
export function safeRedirectPath(target: string | null | undefined, fallback = '/'): string {
  if (!target?.startsWith('/')) return fallback
  let url: URL
  try {
    url = new URL(target, BASE)
  } catch {
    return fallback
  }
  if (url.origin !== BASE) return fallback
  const path = url.pathname + url.search + url.hash
  // Dot segments can leave an empty first segment ("/.//evil.example" → "//evil.example"),
  // which a browser would read as another host.
  if (path.startsWith('//')) return fallback
  return path
}
