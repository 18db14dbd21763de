import { type CallStatus, callStatusAt } from '#app/modules/calls/call-status.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  countPublishedIssues,
  findActiveProvinceBySlug,
  findCurrentEdition,
  findPhaseNumber,
  listActiveProvinces,
  listCallWindows,
  listNationalIssues,
  listProvinceCalls,
  listPublishedIssues,
} from './portal.queries.server.ts'

export interface ProvinceSummary {
  slug: string
  name: string
  timeZone: string
  phase: number | null
  status: CallStatus
  publishedIssues: number
}

/** Everything the home page shows: the current edition, its provinces by phase, the national issues. */
export async function loadHome(db: DB, now: Date) {
  const [edition, nationalIssues] = await Promise.all([findCurrentEdition(db), listNationalIssues(db)])
  const provinces = await listActiveProvinces(db, edition?.id ?? null)
  // Published issues and call dates are public. One read-only transaction in the
  // national scope (RLS forbids writes there) instead of one per province.
  const [calls, counts] = edition
    ? await withTenant(db, { national: true }, (trx) =>
        Promise.all([listCallWindows(trx, edition.id), countPublishedIssues(trx, edition.id)]),
      )
    : [[], []]
  const summaries: ProvinceSummary[] = provinces.map((p) => ({
    slug: p.slug,
    name: p.name,
    timeZone: p.time_zone,
    phase: p.phase,
    status: callStatusAt(
      calls.filter((c) => c.province_id === p.id),
      now,
    ),
    publishedIssues: Number(counts.find((c) => c.province_id === p.id)?.count ?? 0),
  }))
  return { edition: edition ?? null, provinces: summaries, nationalIssues }
}

/** The public portal of one province, or null when no active province has this slug. */
export async function loadProvincePortal(db: DB, slug: string, now: Date) {
  const province = await findActiveProvinceBySlug(db, slug)
  if (!province) return null
  const edition = await findCurrentEdition(db)
  if (!edition) return { province, edition: null, phase: null, issues: [], status: callStatusAt([], now), calls: [] }
  const phase = await findPhaseNumber(db, edition.id, province.id)
  const { issues, calls } = await withTenant(db, { provinceId: province.id }, async (trx) => ({
    issues: await listPublishedIssues(trx, province.id, edition.id),
    calls: await listProvinceCalls(trx, province.id, edition.id),
  }))
  return { province, edition, phase: phase?.number ?? null, issues, calls, status: callStatusAt(calls, now) }
}
