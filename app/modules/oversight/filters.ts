import { isUuid } from '#app/modules/errors/errors.ts'
import { HEAT_MEASURES, type HeatMeasure } from './dashboard-rules.ts'

// The dashboard's filters from the query string (a GET form, so they work without
// JavaScript and travel into the exports): anything unknown falls back to "all" or the
// default rather than answering an error — a filter is a view, not an input to keep.

export interface DashboardFilters {
  /** An edition id; null: the current edition. */
  edition: string | null
  /** A phase number; null: every phase. */
  phase: number | null
  /** A province slug; null: every province. */
  province: string | null
  measure: HeatMeasure
}

const SLUG = /^[a-z0-9-]{2,40}$/

export function parseDashboardFilters(params: URLSearchParams): DashboardFilters {
  const edition = params.get('edition') ?? ''
  const phase = Number(params.get('phase') ?? '')
  const province = params.get('province') ?? ''
  const measure = params.get('measure') ?? ''
  return {
    edition: isUuid(edition) ? edition.toLowerCase() : null,
    phase: Number.isInteger(phase) && phase >= 1 && phase <= 20 ? phase : null,
    province: SLUG.test(province) ? province : null,
    measure: (HEAT_MEASURES as readonly string[]).includes(measure) ? (measure as HeatMeasure) : 'applications',
  }
}

/** The same filters as a query string (for exports and links), leaving out what is the default. */
export function filtersQuery(f: DashboardFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams()
  if (f.edition) q.set('edition', f.edition)
  if (f.phase !== null) q.set('phase', String(f.phase))
  if (f.province) q.set('province', f.province)
  if (f.measure !== 'applications') q.set('measure', f.measure)
  for (const [k, v] of Object.entries(extra)) q.set(k, v)
  const s = q.toString()
  return s ? `?${s}` : ''
}
