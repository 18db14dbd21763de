// Which call a Bappeda review page is about: `?call=<id>` on pages, a `call` field in
// forms. Pure. A malformed id on a page means "the latest call"; in a form it cannot
// name anything here (404, never a database error).

import { isUuid, notFound } from '#app/modules/errors/errors.ts'

export function callQuery(params: URLSearchParams): string | null {
  const v = params.get('call')
  return isUuid(v) ? v.toLowerCase() : null
}

export function callField(form: FormData): string {
  const v = form.get('call')
  if (!isUuid(v)) throw notFound('call')
  return v.toLowerCase()
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
