import type { Language } from '#app/i18n/config.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { krippendorffAlpha, rankApplications } from './score-maths.ts'

// Pure: turns the completed reviews of a call and its ranked applications into the
// leaderboard (issue 7): figures from the maths module, ranks within an issue when
// filtered, and reviewers named or numbered. Shared by the page, the exports and the
// selection, so what Bappeda sees, exports and chooses from is one computation. The
// ranking itself (rankBoard) is cached per call and version (ranking-cache.server.ts);
// the issue filter and the reviewers' names are applied per request.

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

/** A completed review within its application as the ranking keeps it: the reviewer by id, named only when shown. */
export interface RankedCell {
  slot: number
  reviewerId: string
  total: number
}

/** A leaderboard entry before its reviewers are named (what the per-call cache holds). */
export interface RankedEntry extends Omit<LeaderboardEntry, 'reviews'> {
  reviews: RankedCell[]
}

/** The ranking of a whole call: depends only on its rows and method, so it is computed once per change. */
export interface RankedBoard {
  all: readonly RankedEntry[]
  alpha: number | null
  reviewSlots: number
}

/** Ranks every application with a completed review, best first; reviewers by id (no names, no issue filter). */
export function rankBoard(input: Omit<LeaderboardInput, 'blind' | 'issue'>): RankedBoard {
  const totals = input.totals.map((t) => ({
    applicationId: t.application_id,
    reviewerId: t.reviewer_id,
    total: Number(t.total),
  }))
  const ranked = rankApplications(totals, { method: input.method })
  const byId = new Map(input.applications.map((a) => [a.id, a]))
  const reviewsOf = new Map<string, RankedCell[]>()
  for (const t of input.totals) {
    const cells = reviewsOf.get(t.application_id) ?? []
    cells.push({ slot: cells.length + 1, reviewerId: t.reviewer_id, total: Number(t.total) })
    reviewsOf.set(t.application_id, cells)
  }
  const all: RankedEntry[] = []
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
  return { all, alpha: krippendorffAlpha(totals), reviewSlots: maxSlots(all) }
}

/**
 * The entries one issue's leaderboard shows (every entry without an issue). Within an issue,
 * an entry's rank is one more than the entries shown ahead of it; tied entries share the
 * rank of the province's leaderboard, so they share it here too. Never changes `all`.
 */
export function entriesOfIssue(all: readonly RankedEntry[], issue?: string | null): readonly RankedEntry[] {
  if (!issue) return all
  const shown = all.filter((e) => e.issueId === issue).map((e) => ({ ...e }))
  let ahead = 0
  let previous: RankedEntry | undefined
  for (const [i, e] of shown.entries()) {
    if (!previous || previous.rank !== e.rank) ahead = i
    e.shownRank = ahead + 1
    previous = e
  }
  return shown
}

/**
 * A leaderboard row as the pages show it: the figures and flags, how many reviews are
 * complete, no reviewer (the exports carry each reviewer's total; a page of rows stays
 * small to render and to send, and a blind call's reviewer ids never reach the browser).
 */
export interface BoardRow {
  id: string
  /** The rank shown: the province's, or within the issue when filtered (ties share it). */
  rank: number
  receipt: string
  venture: string
  issue: { id: string; en: string }
  reviews: number
  mean: number
  spread: number
  normalised: number
  score: number
  stage: 'shortlisted' | 'finalist' | null
  tie: boolean
  disagreement: boolean
}

/** A shortlisted or finalist row, with Bappeda's justification. */
export interface ChosenRow extends BoardRow {
  justification: string
}

export function boardRowOf(e: RankedEntry): BoardRow {
  return {
    id: e.id,
    rank: e.shownRank,
    receipt: e.receipt,
    venture: e.venture,
    issue: e.issue,
    reviews: e.reviews.length,
    mean: e.mean,
    spread: e.spread,
    normalised: e.normalised,
    score: e.score,
    stage: e.stage,
    tie: e.tie,
    disagreement: e.disagreement,
  }
}

/** Entries with their reviewers named, or numbered only ("Reviewer k") when the call is blind. */
export function nameReviews(
  entries: readonly RankedEntry[],
  blind: boolean,
  names: ReadonlyMap<string, string>,
): LeaderboardEntry[] {
  return entries.map((e) => ({
    ...e,
    reviews: e.reviews.map((c) => ({
      slot: c.slot,
      reviewer: blind ? null : (names.get(c.reviewerId) ?? ''),
      total: c.total,
    })),
  }))
}

/** The reviewers of some entries, for naming them. */
export function reviewerIdsOf(entries: readonly RankedEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.reviews.map((c) => c.reviewerId)))]
}

/** The leaderboard of a call computed from scratch: every application with a completed review, best first. */
export function buildLeaderboard(input: LeaderboardInput) {
  const board = rankBoard(input)
  const names = new Map(input.totals.map((t) => [t.reviewer_id, t.reviewer_name]))
  const all = nameReviews(board.all, input.blind, names)
  const entries = input.issue ? nameReviews(entriesOfIssue(board.all, input.issue), input.blind, names) : all
  return { entries, all, alpha: board.alpha, reviewSlots: board.reviewSlots }
}

function maxSlots(entries: readonly RankedEntry[]): number {
  return entries.reduce((n, e) => Math.max(n, e.reviews.length), 0)
}

/** A figure as the page and exports show it: two decimals, in the reader's number format. */
export function formatFigure(value: number | null | undefined, lng: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return formatNumber(value, lng, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** A figure rounded to two decimals for exports (spreadsheets format numbers themselves). */
export const round2 = (value: number) => Math.round(value * 100) / 100
