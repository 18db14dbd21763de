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
