import { audit } from '#app/modules/audit/audit.server.ts'
import { type CallUnderReview, findCallUnderReview } from '#app/modules/calls/call-under-review.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { buildLeaderboard, type RankingMethod } from './leaderboard.ts'
import {
  countProgress,
  listCompletedTotals,
  listIssueOptions,
  listRankedApplications,
  updateRankingMethod,
} from './ranking.queries.server.ts'

// The ranking of a province's call under review (issue 7): the leaderboard with its
// figures, the call's progress and agreement, and the admin's choice of method.

export const RANKING_PAGE_SIZE = 100

/** The leaderboard of a call read inside the caller's transaction: three queries whatever its size. */
export async function readLeaderboard(trx: Trx, provinceId: string, call: CallUnderReview, issue?: string | null) {
  const [totals, applications] = [
    await listCompletedTotals(trx, provinceId, call.id),
    await listRankedApplications(trx, provinceId, call.id),
  ]
  return buildLeaderboard({ totals, applications, method: call.ranking_method, blind: call.blind_review, issue })
}

/** The ranking page: the call, its progress and agreement, the issue options and one page of the leaderboard. */
export async function loadRanking(
  db: DB,
  provinceId: string,
  now: Date,
  filter: { issue: string | null; page: number },
) {
  return withTenant(db, { provinceId }, async (trx) => {
    const call = await findCallUnderReview(trx, provinceId, { id: null, now })
    if (!call) return { call: null } as const
    const board = await readLeaderboard(trx, provinceId, call, filter.issue)
    const progress = await countProgress(trx, provinceId, call.id)
    const issues = await listIssueOptions(trx, provinceId, call.edition_id)
    const pageCount = Math.max(1, Math.ceil(board.entries.length / RANKING_PAGE_SIZE))
    const page = Math.min(Math.max(1, filter.page), pageCount)
    return {
      call,
      issues,
      progress: { ...progress, expected: progress.applications * call.reviewers_per_application },
      alpha: board.alpha,
      total: board.entries.length,
      flagged: {
        disagreement: board.entries.filter((e) => e.disagreement).length,
        tie: board.entries.filter((e) => e.tie).length,
      },
      entries: board.entries.slice((page - 1) * RANKING_PAGE_SIZE, page * RANKING_PAGE_SIZE),
      reviewSlots: board.reviewSlots,
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
