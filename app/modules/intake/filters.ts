import { isUuid } from '#app/modules/errors/errors.ts'
import type { VentureStage } from '#db/schema.ts'

// The filters of Bappeda's incoming-applications list, shared by the page and its CSV
// export (the export must contain exactly what the filtered list shows). Pure: parsed
// from the query string, where an unknown value is ignored rather than refused, since
// these are bookmarkable GET links, not a form that must be corrected.

/** Every status past draft: a draft is the applicant's own business until it is submitted. */
export const INCOMING_STATUSES = [
  'submitted',
  'eligible',
  'ineligible',
  'in_review',
  'shortlisted',
  'finalist',
  'not_selected',
  'withdrawn',
] as const
/** Statuses counted per issue: everything submitted and not withdrawn. */
export const COUNTED = INCOMING_STATUSES.filter((s) => s !== 'withdrawn')
export type IncomingStatus = (typeof INCOMING_STATUSES)[number]
export const VENTURE_STAGES = ['idea', 'prototype', 'operating', 'scaling'] as const satisfies readonly VentureStage[]

export const PAGE_SIZE = 50
const MAX_SEARCH = 100

export interface IncomingFilters {
  issue?: string
  regency?: string
  status?: IncomingStatus
  stage?: VentureStage
  q?: string
}

const REGENCY = /^[0-9]{4}$/

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((x) => x === value)

/** Reads the filters from a query string; anything malformed is dropped. */
export function parseFilters(params: URLSearchParams): IncomingFilters {
  const filters: IncomingFilters = {}
  const issue = params.get('issue')
  if (issue && isUuid(issue)) filters.issue = issue.toLowerCase()
  const regency = params.get('regency')
  if (regency && REGENCY.test(regency)) filters.regency = regency
  const status = oneOf(INCOMING_STATUSES, params.get('status'))
  if (status) filters.status = status
  const stage = oneOf(VENTURE_STAGES, params.get('stage'))
  if (stage) filters.stage = stage
  const q = params.get('q')?.trim().slice(0, MAX_SEARCH)
  if (q) filters.q = q
  return filters
}

/** The query string ("?a=b…", or "") for the filters and an optional page, for links that keep them. */
export function filterSearch(filters: IncomingFilters, page?: number): string {
  const params = new URLSearchParams()
  for (const key of ['issue', 'regency', 'status', 'stage', 'q'] as const) {
    const value = filters[key]
    if (value) params.set(key, value)
  }
  if (page && page > 1) params.set('page', String(page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
