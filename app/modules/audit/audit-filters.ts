import { localToInstant } from '#app/modules/calls/zoned-time.ts'

// Pure: the audit viewer's GET filters (issue 16). Dates are whole days in the reader's
// zone (the province's, WIB nationally): "to 2026-12-05" includes that whole day.

export interface AuditFilters {
  /** National page only: a province's slug. */
  province?: string
  /** Part of the actor's name or e-mail address. */
  actor?: string
  action?: string
  objectType?: string
  from?: string
  to?: string
}

const CODE = /^[a-z_]{1,40}(\.[a-z_]{1,60})?$/
const DAY = /^\d{4}-\d{2}-\d{2}$/
const SLUG = /^[a-z0-9-]{1,40}$/

function validDay(day: string): boolean {
  return DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`))
}

/** Reads the filters from a URL's query; anything malformed is ignored rather than refused. */
export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const text = (name: string) => params.get(name)?.trim() ?? ''
  const f: AuditFilters = {}
  if (SLUG.test(text('province'))) f.province = text('province')
  if (text('actor') && text('actor').length <= 120) f.actor = text('actor')
  if (CODE.test(text('action'))) f.action = text('action')
  if (CODE.test(text('object'))) f.objectType = text('object')
  if (validDay(text('from'))) f.from = text('from')
  if (validDay(text('to'))) f.to = text('to')
  return f
}

/** The filters as a query string (without "?"), for paging and file links. */
export function auditQuery(f: AuditFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams()
  if (f.province) q.set('province', f.province)
  if (f.actor) q.set('actor', f.actor)
  if (f.action) q.set('action', f.action)
  if (f.objectType) q.set('object', f.objectType)
  if (f.from) q.set('from', f.from)
  if (f.to) q.set('to', f.to)
  for (const [k, v] of Object.entries(extra)) q.set(k, v)
  return q.toString()
}

/** The instants [from, before) the day range covers in the zone. */
export function dayRange(f: AuditFilters, timeZone: string): { from?: Date; before?: Date } {
  const range: { from?: Date; before?: Date } = {}
  if (f.from) range.from = localToInstant(`${f.from}T00:00`, timeZone)
  if (f.to) {
    const next = new Date(`${f.to}T00:00:00Z`)
    next.setUTCDate(next.getUTCDate() + 1)
    range.before = localToInstant(`${next.toISOString().slice(0, 10)}T00:00`, timeZone)
  }
  return range
}

/**
 * The page of an audited object, where one exists: Bappeda's pages for a province's
 * objects, the national pages for the programme's. Null when there is no page.
 */
export function objectPath(
  e: { object_type: string | null; object_id: string | null; province_slug: string | null },
  national: boolean,
): string | null {
  const id = e.object_id
  if (!id || !e.object_type) return null
  const p = e.province_slug
  switch (e.object_type) {
    case 'application':
      return p ? `/p/${p}/manage/applications/${id}` : null
    case 'province_issue':
      return p ? `/p/${p}/manage/issues/${id}` : null
    case 'opd':
      return p ? `/p/${p}/manage/opds/${id}` : null
    case 'call':
      return p ? `/p/${p}/manage/calls/${id}` : null
    case 'province':
      return national && p ? `/national/provinces/${p}` : null
    case 'privacy_request':
      return national ? `/national/privacy/requests/${id}` : null
    case 'privacy_incident':
      return national ? `/national/privacy/incidents/${id}` : null
    default:
      return null
  }
}
