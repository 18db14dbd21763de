import { reviewProgress } from '#app/modules/assignment/assignments.queries.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import {
  type CallChoice,
  findCallUnderReview,
  listReviewableCalls,
  lockCallUnderReview,
} from '#app/modules/calls/call-under-review.queries.server.ts'
import { instantToLocal, localToInstant } from '#app/modules/calls/zoned-time.ts'
import { invalid, notFound } from '#app/modules/errors/errors.ts'
import type { ReviewActor, ReviewProvince } from '#app/modules/review/review-context.ts'
import { countByScreeningState } from '#app/modules/screening/screening.queries.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { SettingsInput } from './review-settings.schema.ts'

// Review settings per call (issue 7): the reviewers' deadline (entered as the
// province's wall-clock time, stored as an instant), blind review, how many reviewers
// each application gets, and whether applicants later see their anonymised scores;
// plus the progress overview of screening and review.

/** The review page: the chosen (or latest) call, its settings as form values and the progress. */
export async function loadReviewOverview(db: DB, province: ReviewProvince, choice: CallChoice) {
  const edition = await findCurrentEdition(db)
  if (!edition) return null
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await findCallUnderReview(trx, province.id, choice)
    if (!call) return { edition, calls: [], call: null, local: null, progress: null }
    const calls = await listReviewableCalls(trx, province.id, edition.id)
    const screening = await countByScreeningState(trx, province.id, call.id)
    const review = await reviewProgress(trx, province.id, call.id, call.reviewers_per_application)
    return {
      edition,
      calls,
      call,
      local: {
        review_closes_at: call.review_closes_at ? instantToLocal(call.review_closes_at, province.time_zone) : '',
        closes_at: instantToLocal(call.closes_at, province.time_zone),
      },
      progress: { screened: screening.eligible + screening.ineligible, ...screening, ...review },
    }
  })
}

/** Saves a call's review settings; the deadline must come after the call closes. */
export async function saveReviewSettings(
  db: DB,
  province: ReviewProvince,
  actor: ReviewActor,
  callId: string,
  input: SettingsInput,
): Promise<void> {
  const closesAt = input.review_closes_at ? localToInstant(input.review_closes_at, province.time_zone) : null
  await withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await lockCallUnderReview(trx, province.id, callId)
    if (!call) throw notFound('call')
    if (closesAt && closesAt.getTime() <= call.closes_at.getTime()) {
      throw invalid('screening:errors.deadlineBeforeClose', 'review_closes_at')
    }
    const after = {
      review_closes_at: closesAt,
      blind_review: input.blind_review,
      share_scores: input.share_scores,
      reviewers_per_application: input.reviewers_per_application,
    }
    await trx
      .updateTable('calls')
      .set({ ...after, updated_at: actor.now })
      .where('province_id', '=', province.id)
      .where('id', '=', call.id)
      .execute()
    await audit(trx, {
      actorId: actor.userId,
      action: 'review.settings_saved',
      objectType: 'call',
      objectId: call.id,
      provinceId: province.id,
      ip: actor.ip,
      details: {
        before: {
          review_closes_at: call.review_closes_at?.toISOString() ?? null,
          blind_review: call.blind_review,
          share_scores: call.share_scores,
          reviewers_per_application: call.reviewers_per_application,
        },
        after: { ...after, review_closes_at: closesAt?.toISOString() ?? null },
      },
    })
  })
}
