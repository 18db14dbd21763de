// Which call a Bappeda review page is about: `?call=<id>` on pages, a `call` field in
// forms. Pure. A malformed id on a page means "the latest call"; in a form it cannot
// name anything here (404, never a database error).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function callQuery(params: URLSearchParams): string | null {
  const v = params.get('call')
  return v && UUID.test(v) ? v.toLowerCase() : null
}

export function callField(form: FormData): string {
  const v = form.get('call')
  if (typeof v !== 'string' || !UUID.test(v)) throw new Response('Not Found', { status: 404 })
  return v.toLowerCase()
}

/** A UUID from a form field, or null when absent or malformed. */
export function idField(form: FormData, name: string): string | null {
  const v = form.get(name)
  return typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : null
}

const BACK_KEYS = ['call', 'filter', 'page'] as const

/**
 * Where a decision sent from the screening list returns to: the list itself with its call,
 * filter and page, and `screened=1` for the confirmation. Only a relative path naming this
 * province's list is accepted (null otherwise), so the field cannot send the admin to
 * another origin, page or province; other query parameters are dropped.
 */
export function screeningListBack(value: unknown, slug: string): string | null {
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/') || value.startsWith('//')) return null
  const origin = 'http://back.invalid'
  let url: URL
  try {
    url = new URL(value, origin)
  } catch {
    return null
  }
  // The parser drops tabs and newlines and reads "\" as "/": judge what it understood.
  if (url.origin !== origin || url.pathname !== `/p/${slug}/manage/screening`) return null
  const kept = new URLSearchParams()
  for (const key of BACK_KEYS) {
    const v = url.searchParams.get(key)
    if (v) kept.set(key, v)
  }
  kept.set('screened', '1')
  return `${url.pathname}?${kept}`
}
