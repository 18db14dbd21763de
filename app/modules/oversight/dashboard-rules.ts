// The dashboard's arithmetic and its warnings, pure (issue 16): the funnel and its sums,
// deadlines at risk, and where a phase's timeline stands on a date.

export const FUNNEL_STEPS = [
  'registered',
  'drafts',
  'submitted',
  'eligible',
  'reviewed',
  'shortlisted',
  'finalists',
  'mentored',
  'finalNight',
] as const
export type FunnelStep = (typeof FUNNEL_STEPS)[number]
export type Funnel = Record<FunnelStep, number>

export const HEAT_MEASURES = ['applications', 'eligible', 'finalists'] as const
export type HeatMeasure = (typeof HEAT_MEASURES)[number]
export type HeatCell = Record<HeatMeasure, number>

export const emptyFunnel = (): Funnel => ({
  registered: 0,
  drafts: 0,
  submitted: 0,
  eligible: 0,
  reviewed: 0,
  shortlisted: 0,
  finalists: 0,
  mentored: 0,
  finalNight: 0,
})

/** The sum of funnels, step by step: the national total is exactly the sum of the provinces. */
export function sumFunnels(funnels: readonly Funnel[]): Funnel {
  const total = emptyFunnel()
  for (const f of funnels) for (const step of FUNNEL_STEPS) total[step] += f[step]
  return total
}

export interface Reviews {
  reviewers: number
  assigned: number
  scored: number
  overdue: number
}

export function sumReviews(rows: readonly Reviews[]): Reviews {
  return rows.reduce(
    (t, r) => ({
      reviewers: t.reviewers + r.reviewers,
      assigned: t.assigned + r.assigned,
      scored: t.scored + r.scored,
      overdue: t.overdue + r.overdue,
    }),
    { reviewers: 0, assigned: 0, scored: 0, overdue: 0 },
  )
}

// A call closing within a week with fewer than ten applications sent is at risk; reviews
// are behind when unscored past the deadline, or less than 80 % done three days before.
export const CLOSING_SOON_DAYS = 7
export const FEW_SUBMISSIONS = 10
export const REVIEW_WARNING_DAYS = 3
export const REVIEW_WARNING_SHARE = 0.8
const DAY_MS = 86_400_000

export type Risk =
  | { kind: 'closingFewSubmissions'; at: string; submitted: number }
  | { kind: 'reviewsOverdue'; at: string; overdue: number; assigned: number }
  | { kind: 'reviewsBehind'; at: string; scored: number; assigned: number }
  | { kind: 'selectionWaiting'; at: string | null; days: number }

export interface RiskInput {
  /** The call that speaks for the province now, if any. */
  call: { opens_at: Date; closes_at: Date; review_closes_at: Date | null } | null
  submitted: number
  reviews: Reviews
  /** When the selection was sent to the ministry, if one waits for it. */
  awaiting: { submitted_at: Date | null } | null
}

/** The province's deadlines at risk at `now`, most urgent kinds first. */
export function risksOf(input: RiskInput, now: Date): Risk[] {
  const risks: Risk[] = []
  const t = now.getTime()
  const { call, reviews } = input
  if (call && call.opens_at.getTime() <= t && t <= call.closes_at.getTime()) {
    const left = call.closes_at.getTime() - t
    if (left <= CLOSING_SOON_DAYS * DAY_MS && input.submitted < FEW_SUBMISSIONS) {
      risks.push({ kind: 'closingFewSubmissions', at: call.closes_at.toISOString(), submitted: input.submitted })
    }
  }
  const reviewEnd = call?.review_closes_at ?? null
  if (reviewEnd && reviews.assigned > 0 && reviews.scored < reviews.assigned) {
    const left = reviewEnd.getTime() - t
    if (reviews.overdue > 0) {
      risks.push({
        kind: 'reviewsOverdue',
        at: reviewEnd.toISOString(),
        overdue: reviews.overdue,
        assigned: reviews.assigned,
      })
    } else if (
      left >= 0 &&
      left <= REVIEW_WARNING_DAYS * DAY_MS &&
      reviews.scored < reviews.assigned * REVIEW_WARNING_SHARE
    ) {
      risks.push({
        kind: 'reviewsBehind',
        at: reviewEnd.toISOString(),
        scored: reviews.scored,
        assigned: reviews.assigned,
      })
    }
  }
  if (input.awaiting) {
    const since = input.awaiting.submitted_at
    risks.push({
      kind: 'selectionWaiting',
      at: since ? since.toISOString() : null,
      days: since ? Math.max(0, Math.floor((t - since.getTime()) / DAY_MS)) : 0,
    })
  }
  return risks
}

export interface MilestoneRow {
  kind: string
  starts_on: string
  ends_on: string | null
}

/** The milestone a phase is in on `today` (YYYY-MM-DD): the latest started one still running, else the latest started. */
export function currentMilestone<T extends MilestoneRow>(milestones: readonly T[], today: string): T | null {
  const started = milestones.filter((m) => m.starts_on <= today)
  const running = started.filter((m) => (m.ends_on ?? m.starts_on) >= today)
  return running.at(-1) ?? started.at(-1) ?? null
}
