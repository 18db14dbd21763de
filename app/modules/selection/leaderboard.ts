import type { Language } from '#app/i18n/config.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { krippendorffAlpha, rankApplications } from './score-maths.ts'

// Pure: turns the completed reviews of a call and its ranked applications into the
// leaderboard (issue 7): figures from the maths module, ranks within an issue when
// filtered, and reviewers named or numbered. Shared by the page, the exports and the
// selection, so what Bappeda sees, exports and chooses from is one computation.

export type RankingMethod = 'mean' | 'zscore'

export interface TotalRow {
  application_id: string
  reviewer_id: string
  reviewer_name: string
  total: string | number | null
}

export interface RankedApplicationRow {
  id: string
  receipt_number: string | null
  status: string
  issue_id: string
  issue_title_id: string
  issue_title_en: string
  venture_name: string
  stage: 'shortlisted' | 'finalist' | null
  justification: string | null
}

export interface ReviewCell {
  /** "Reviewer k" within this application, in the order the reviews were completed. */
  slot: number
  /** The reviewer's name, or null when the call is blind. */
  reviewer: string | null
  total: number
}

export interface LeaderboardEntry {
  id: string
  receipt: string
  status: string
  issueId: string
  issue: { id: string; en: string }
  venture: string
  stage: 'shortlisted' | 'finalist' | null
  justification: string
  reviews: ReviewCell[]
  mean: number
  spread: number
  normalised: number
  score: number
  rank: number
  /** Rank among the entries shown (the issue's own leaderboard when filtered). */
  shownRank: number
  tie: boolean
  disagreement: boolean
}

export interface LeaderboardInput {
  totals: readonly TotalRow[]
  applications: readonly RankedApplicationRow[]
  method: RankingMethod
  blind: boolean
  issue?: string | null
}

/** The leaderboard of a call: every application with a completed review, best first. */
export function buildLeaderboard(input: LeaderboardInput) {
  const totals = input.totals.map((t) => ({
    applicationId: t.application_id,
    reviewerId: t.reviewer_id,
    total: Number(t.total),
  }))
  const ranked = rankApplications(totals, { method: input.method })
  const byId = new Map(input.applications.map((a) => [a.id, a]))
  const reviewsOf = new Map<string, ReviewCell[]>()
  for (const t of input.totals) {
    const cells = reviewsOf.get(t.application_id) ?? []
    cells.push({ slot: cells.length + 1, reviewer: input.blind ? null : t.reviewer_name, total: Number(t.total) })
    reviewsOf.set(t.application_id, cells)
  }
  const all: LeaderboardEntry[] = []
  for (const r of ranked) {
    const a = byId.get(r.applicationId)
    if (!a) continue
    all.push({
      id: a.id,
      receipt: a.receipt_number ?? '',
      status: a.status,
      issueId: a.issue_id,
      issue: { id: a.issue_title_id, en: a.issue_title_en },
      venture: a.venture_name,
      stage: a.stage,
      justification: a.justification ?? '',
      reviews: reviewsOf.get(a.id) ?? [],
      mean: r.mean,
      spread: r.spread,
      normalised: r.normalised,
      score: r.score,
      rank: r.rank,
      shownRank: r.rank,
      tie: r.tie,
      disagreement: r.disagreement,
    })
  }
  all.sort((x, y) => x.rank - y.rank)
  const shown = input.issue ? all.filter((e) => e.issueId === input.issue) : all
  // Within an issue, an entry's rank is one more than the entries shown ahead of it; tied
  // entries share the rank of the province's leaderboard, so they share it here too.
  if (input.issue) {
    let ahead = 0
    let previous: LeaderboardEntry | undefined
    for (const [i, e] of shown.entries()) {
      if (!previous || previous.rank !== e.rank) ahead = i
      e.shownRank = ahead + 1
      previous = e
    }
  }
  return { entries: shown, all, alpha: krippendorffAlpha(totals), reviewSlots: maxSlots(all) }
}

function maxSlots(entries: readonly LeaderboardEntry[]): number {
  return entries.reduce((n, e) => Math.max(n, e.reviews.length), 0)
}

/** A figure as the page and exports show it: two decimals, in the reader's number format. */
export function formatFigure(value: number | null | undefined, lng: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return formatNumber(value, lng, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** A figure rounded to two decimals for exports (spreadsheets format numbers themselves). */
export const round2 = (value: number) => Math.round(value * 100) / 100
