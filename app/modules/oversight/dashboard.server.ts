import { callStatusAt, currentCall } from '#app/modules/calls/call-status.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { listActiveProvinces } from '#app/modules/tenancy/province.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { MilestoneKind } from '#db/schema.ts'
import {
  countFinalNightPitches,
  listAwaitingSelections,
  listCalls,
  listEditionMilestones,
  listEditions,
  listIssues,
  readIssueCounts,
  readProvinceCounts,
} from './dashboard.queries.server.ts'
import {
  currentMilestone,
  emptyFunnel,
  type Funnel,
  type HeatCell,
  type Reviews,
  type Risk,
  risksOf,
  sumFunnels,
  sumReviews,
} from './dashboard-rules.ts'
import type { DashboardFilters } from './filters.ts'
import { listSelectionStates } from './oversight.queries.server.ts'
import { type ProvinceStage, provinceStage } from './stage.ts'

// The national dashboard (issue 16) from the summary counts: one read-only national
// transaction over a few hundred rows, whatever the number of applications. The figures
// are as of the oldest count shown (`asOf`); calls, selections and Final Night pitches
// are read live (a handful of rows each).

export interface ProvinceFiguresRow {
  id: string
  slug: string
  name: string
  timeZone: string
  phase: number | null
  stage: ProvinceStage
  milestone: MilestoneKind | null
  funnel: Funnel
  reviews: Reviews
  byIssue: Record<string, HeatCell>
  risks: Risk[]
}

const emptyCell = (): HeatCell => ({ applications: 0, eligible: 0, finalists: 0 })

/** The dashboard for the filters at `now`; null when there is no edition at all. */
export async function loadDashboard(db: DB, filters: DashboardFilters, now: Date) {
  const editions = await listEditions(db)
  const edition =
    editions.find((e) => e.id === filters.edition) ??
    (await findCurrentEdition(db).then((c) => editions.find((e) => e.id === c?.id)))
  if (!edition) return null
  const [all, issues, milestones] = await Promise.all([
    listActiveProvinces(db, edition.id),
    listIssues(db),
    listEditionMilestones(db, edition.id),
  ])
  const live = await withTenant(db, { national: true }, async (trx) => ({
    counts: await readIssueCounts(trx, edition.id),
    provinces: await readProvinceCounts(trx, edition.id),
    calls: await listCalls(trx, edition.id),
    awaiting: await listAwaitingSelections(trx, edition.id),
    selections: await listSelectionStates(trx, edition.id),
    pitches: await countFinalNightPitches(trx, edition.id),
  }))
  const phases = [...new Set(all.map((p) => p.phase).filter((n): n is number => n !== null))].sort((a, b) => a - b)
  const shown = all.filter(
    (p) =>
      (filters.phase === null || p.phase === filters.phase) &&
      (filters.province === null || p.slug === filters.province),
  )
  const rows: ProvinceFiguresRow[] = shown.map((p) => {
    const funnel = emptyFunnel()
    const byIssue: Record<string, HeatCell> = {}
    const cell = (issue: string) => {
      byIssue[issue] ??= emptyCell()
      return byIssue[issue]
    }
    for (const c of live.counts) {
      if (c.province_id !== p.id) continue
      funnel.drafts += c.drafts
      funnel.submitted += c.submitted
      funnel.eligible += c.eligible
      funnel.reviewed += c.reviewed
      funnel.shortlisted += c.shortlisted
      funnel.finalists += c.finalists
      funnel.mentored += c.mentored
      const h = cell(c.national_issue_id)
      h.applications += c.submitted
      h.eligible += c.eligible
      h.finalists += c.finalists
    }
    for (const pitch of live.pitches) if (pitch.province_id === p.id) funnel.finalNight += Number(pitch.n)
    const counted = live.provinces.find((r) => r.province_id === p.id)
    funnel.registered = counted?.registered ?? 0
    const reviews: Reviews = {
      reviewers: counted?.reviewers ?? 0,
      assigned: counted?.assigned ?? 0,
      scored: counted?.scored ?? 0,
      overdue: counted?.overdue ?? 0,
    }
    const calls = live.calls.filter((c) => c.province_id === p.id)
    const status = callStatusAt(calls, now)
    const call = currentCall(calls, now) ?? null
    const awaiting = live.awaiting.find((s) => s.province_id === p.id) ?? null
    const today = instantToLocal(now, p.time_zone).slice(0, 10)
    const phaseMilestones = milestones.filter((m) => m.phase === p.phase)
    return {
      id: p.id,
      slug: p.slug,
      name: p.name,
      timeZone: p.time_zone,
      phase: p.phase,
      stage: provinceStage(
        status.kind,
        {
          submitted: funnel.submitted,
          eligible: funnel.eligible,
          scored: funnel.reviewed,
          finalists: funnel.finalists,
        },
        live.selections.get(p.id) ?? null,
      ),
      milestone: currentMilestone(phaseMilestones, today)?.kind ?? null,
      funnel,
      reviews,
      byIssue,
      risks: risksOf({ call, submitted: funnel.submitted, reviews, awaiting }, now),
    }
  })
  const issueTotals: Record<string, HeatCell> = {}
  for (const r of rows) {
    for (const [issue, c] of Object.entries(r.byIssue)) {
      issueTotals[issue] ??= emptyCell()
      const t = issueTotals[issue]
      t.applications += c.applications
      t.eligible += c.eligible
      t.finalists += c.finalists
    }
  }
  // Retired issues stay while they hold figures of this edition.
  const issueColumns = issues.filter((i) => i.retired_at === null || issueTotals[i.id] !== undefined)
  const times = live.provinces
    .filter((r) => shown.some((p) => p.id === r.province_id))
    .map((r) => new Date(r.refreshed_at).getTime())
  return {
    editions: editions.map((e) => ({ id: e.id, name: e.name })),
    edition: { id: edition.id, name: edition.name, slug: edition.slug },
    phases,
    provinceOptions: all.map((p) => ({ slug: p.slug, name: p.name })),
    issues: issueColumns.map((i) => ({ id: i.id, code: i.code, name: { id: i.name_id, en: i.name_en } })),
    milestones: milestones.map((m) => ({ phase: m.phase, kind: m.kind, starts_on: m.starts_on, ends_on: m.ends_on })),
    rows,
    totals: { funnel: sumFunnels(rows.map((r) => r.funnel)), reviews: sumReviews(rows.map((r) => r.reviews)) },
    issueTotals,
    /** The oldest count among the provinces shown; null before the first count. */
    asOf: times.length > 0 ? new Date(Math.min(...times)).toISOString() : null,
  }
}

export type Dashboard = NonNullable<Awaited<ReturnType<typeof loadDashboard>>>
