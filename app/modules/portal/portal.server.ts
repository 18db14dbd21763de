import { type CallStatus, callStatusAt, currentCall } from '#app/modules/calls/call-status.ts'
import { loadPublishedWinners } from '#app/modules/final-night/results.server.ts'
import { listPublishedFinalists } from '#app/modules/selection/selection.queries.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { findActiveProvinceBySlug, listActiveProvinces } from '#app/modules/tenancy/province.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { MilestoneKind } from '#db/schema.ts'
import {
  countPublishedIssues,
  findPhase,
  listCallWindows,
  listMilestones,
  listNationalIssues,
  listProvinceCalls,
  listPublishedIndicators,
  listPublishedIssues,
  listPublishedSupportingOpds,
} from './portal.queries.server.ts'

/** The programme's steps in their natural order, which breaks ties between milestones of one day. */
export const MILESTONE_ORDER: readonly MilestoneKind[] = [
  'fgd_validation',
  'registration_open',
  'registration_close',
  'screening',
  'review',
  'finalist_announcement',
  'mentoring',
  'final_night',
]

function sortTimeline<T extends { kind: MilestoneKind; starts_on: string }>(milestones: T[]): T[] {
  return [...milestones].sort(
    (a, b) =>
      a.starts_on.localeCompare(b.starts_on) || MILESTONE_ORDER.indexOf(a.kind) - MILESTONE_ORDER.indexOf(b.kind),
  )
}

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
  // Published issues and call dates are public. One read-only transaction in the
  // national scope (RLS forbids writes there) instead of one per province.
  const summaries = await withTenant(db, { national: true }, (trx) => summariseProvinces(trx, edition?.id ?? null, now))
  // Published Final Night winners (issue 14); publishing invalidates the portal cache.
  const winners = edition ? await loadPublishedWinners(db, edition.id) : []
  return {
    edition: edition ?? null,
    provinces: summaries.map(({ id: _id, ...summary }) => summary),
    nationalIssues,
    winners,
  }
}

/**
 * The active provinces of an edition by phase, each with its call status and count of
 * published issues (and its id, for callers that join more figures), read in `trx`:
 * a transaction in the national scope.
 */
export async function summariseProvinces(
  trx: Trx,
  editionId: string | null,
  now: Date,
): Promise<(ProvinceSummary & { id: string })[]> {
  const provinces = await listActiveProvinces(trx, editionId)
  const [calls, counts] = editionId
    ? await Promise.all([listCallWindows(trx, editionId), countPublishedIssues(trx, editionId)])
    : [[], []]
  return provinces.map((p) => ({
    id: p.id,
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
}

/**
 * The public portal of one province, or null when no active province has this slug:
 * its published issues (owning and supporting OPDs, baseline indicators), the
 * timeline of its phase, and the published call that speaks for it now with its details.
 */
export async function loadProvincePortal(db: DB, slug: string, now: Date) {
  const province = await findActiveProvinceBySlug(db, slug)
  if (!province) return null
  const edition = await findCurrentEdition(db)
  if (!edition) {
    return {
      province,
      edition: null,
      phase: null,
      issues: [],
      timeline: [],
      calls: [],
      call: null,
      status: callStatusAt([], now),
      finalists: [],
      winners: [],
    }
  }
  const phase = await findPhase(db, edition.id, province.id)
  const timeline = phase ? sortTimeline(await listMilestones(db, edition.id, phase.id)) : []
  const { issues, indicators, supporting, calls, finalists } = await withTenant(
    db,
    { provinceId: province.id },
    async (trx) => ({
      issues: await listPublishedIssues(trx, province.id, edition.id),
      indicators: await listPublishedIndicators(trx, province.id, edition.id),
      supporting: await listPublishedSupportingOpds(trx, province.id, edition.id),
      calls: await listProvinceCalls(trx, province.id, edition.id),
      // Only published selections (issue 7); publishing invalidates the portal cache.
      finalists: await listPublishedFinalists(trx, province.id, edition.id),
    }),
  )
  return {
    province,
    edition,
    phase: phase?.number ?? null,
    issues: issues.map((issue) => ({
      ...issue,
      indicators: indicators.filter((i) => i.issue_id === issue.id),
      supporting: supporting.filter((s) => s.issue_id === issue.id),
    })),
    timeline,
    calls: calls.map((c) => ({ opens_at: c.opens_at, closes_at: c.closes_at })),
    call: currentCall(calls, now) ?? null,
    status: callStatusAt(calls, now),
    finalists,
    winners: (await loadPublishedWinners(db, edition.id)).filter((w) => w.province.slug === province.slug),
  }
}
