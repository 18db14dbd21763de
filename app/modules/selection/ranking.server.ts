import { audit } from '#app/modules/audit/audit.server.ts'
import { type CallUnderReview, findCallUnderReview } from '#app/modules/calls/call-under-review.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { pageWindow } from '#app/modules/validation/paging.ts'
import type { DB } from '#db/client.ts'
import {
  entriesOfIssue,
  nameReviews,
  type RankedEntry,
  type RankingMethod,
  rankBoard,
  reviewerIdsOf,
} from './leaderboard.ts'
import {
  countProgress,
  listCompletedTotals,
  listIssueOptions,
  listRankedApplications,
  listReviewerNames,
  readRankingVersion,
  updateRankingMethod,
} from './ranking.queries.server.ts'
import { boardView, type CachedRanking, cachedRanking, keepRanking } from './ranking-cache.server.ts'

// The ranking of a province's call under review (issue 7): the leaderboard with its
// figures, the call's progress and agreement, and the admin's choice of method. The
// ranking is computed once per change of the call (docs/decisions/022): a request reads
// the call's version and reuses this process's board when it was computed at it.

/** Rows a page of the leaderboard shows (the ranking and selection pages); the exports hold every row. */
export const RANKING_PAGE_SIZE = 50

/**
 * The ranked board and progress of a call inside the caller's transaction: one small
 * query when this process has it at the current version, else the three queries and
 * the ranking (kept for the next request unless this transaction has written).
 */
export async function readRanking(trx: Trx, provinceId: string, call: CallUnderReview): Promise<CachedRanking> {
  const { version, wrote } = await readRankingVersion(trx, provinceId, call.id)
  const method = call.ranking_method
  const cached = wrote ? null : cachedRanking(provinceId, call.id, version, method)
  if (cached) return cached
  const totals = await listCompletedTotals(trx, provinceId, call.id)
  const applications = await listRankedApplications(trx, provinceId, call.id)
  const progress = await countProgress(trx, provinceId, call.id)
  const ranking = { board: rankBoard({ totals, applications, method }), progress }
  if (!wrote) keepRanking(provinceId, call.id, version, method, ranking)
  return ranking
}

/** Entries with their reviewers named (read live), or numbered when the call is blind. */
export async function nameEntries(trx: Trx, call: CallUnderReview, entries: readonly RankedEntry[]) {
  if (call.blind_review) return nameReviews(entries, true, new Map())
  const names = await listReviewerNames(trx, reviewerIdsOf(entries))
  return nameReviews(entries, false, new Map(names.map((n) => [n.id, n.name])))
}

/** The leaderboard of a call read inside the caller's transaction, every entry named: exports. */
export async function readLeaderboard(trx: Trx, provinceId: string, call: CallUnderReview, issue?: string | null) {
  const { board } = await readRanking(trx, provinceId, call)
  const entries = await nameEntries(trx, call, entriesOfIssue(board.all, issue))
  return { entries, alpha: board.alpha, reviewSlots: board.reviewSlots }
}

/**
 * The ranking page: the call's method, its progress and agreement, the issue options and one
 * page of the leaderboard. Ranks stay the province's (or the issue's) on every page, so
 * entries tied across a page boundary show the same rank on both pages. Besides the three
 * small queries, a request only slices the rows derived once per ranking version.
 */
export async function loadRanking(
  db: DB,
  provinceId: string,
  now: Date,
  filter: { issue: string | null; page: number },
) {
  return withTenant(db, { provinceId }, async (trx) => {
    const call = await findCallUnderReview(trx, provinceId, { id: null, now })
    if (!call) return { call: null } as const
    const { board, progress } = await readRanking(trx, provinceId, call)
    const { rows, flagged } = boardView(board, filter.issue)
    const issues = await listIssueOptions(trx, provinceId, call.edition_id)
    const { page, pageCount, offset, limit } = pageWindow(filter.page, rows.length, RANKING_PAGE_SIZE)
    return {
      call: { method: call.ranking_method },
      issues,
      progress: { ...progress, expected: progress.applications * call.reviewers_per_application },
      alpha: board.alpha,
      total: rows.length,
      flagged,
      rows: rows.slice(offset, offset + limit),
      offset,
      page,
      pageCount,
    } as const
  })
}

export interface Actor {
  provinceId: string
  userId: string
  ip: string | null
}

/** Sets the call's ranking method (audited); false when no call is under review. Choosing the same method again changes nothing. */
export async function chooseRankingMethod(db: DB, actor: Actor, method: RankingMethod, now: Date) {
  const { provinceId } = actor
  return withTenant(db, { provinceId }, async (trx) => {
    const call = await findCallUnderReview(trx, provinceId, { id: null, now })
    if (!call) return false
    if (call.ranking_method === method) return true
    await updateRankingMethod(trx, provinceId, call.id, method)
    await audit(trx, {
      actorId: actor.userId,
      action: 'ranking.method_changed',
      objectType: 'call',
      objectId: call.id,
      provinceId,
      ip: actor.ip,
      details: { from: call.ranking_method, to: method },
    })
    return true
  })
}
