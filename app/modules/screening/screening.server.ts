import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { insertEvent } from '#app/modules/applications/application.queries.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import {
  type CallChoice,
  findCallUnderReview,
  listReviewableCalls,
  lockCallUnderReview,
} from '#app/modules/calls/call-under-review.queries.server.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { queueMessage } from '#app/modules/messaging/outbox.server.ts'
import type { ReviewActor, ReviewProvince } from '#app/modules/review/review-context.ts'
import { enqueueReviewMail } from '#app/modules/review/review-mail.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  countByScreeningState,
  countScreening,
  findCallOf,
  findForScreening,
  listScreening,
  PASSED,
  writeScreening,
} from './screening.queries.server.ts'
import type { DecisionInput, ScreeningFilter } from './screening.schema.ts'

// Screening (issue 7): Bappeda decides whether each submitted application is eligible
// for review. An ineligible applicant is told why, in their own language. A decision
// may be reversed (with a written reason) only until the review has begun: once
// reviewers were assigned, the pool they review is fixed (calls.review_started_at).

export const SCREENING_PAGE_SIZE = 25

/** The list page: the chosen (or latest) call of the current edition, counts and one page. */
export async function loadScreeningPage(
  db: DB,
  province: ReviewProvince,
  query: { call: CallChoice; filter: ScreeningFilter | null; page: number },
) {
  const edition = await findCurrentEdition(db)
  if (!edition) return null
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await findCallUnderReview(trx, province.id, query.call)
    if (!call) return { edition, calls: [], call: null, counts: null, rows: [], total: 0, pageCount: 0 }
    const calls = await listReviewableCalls(trx, province.id, edition.id)
    const total = await countScreening(trx, province.id, call.id, query.filter)
    const rows = await listScreening(trx, province.id, call.id, query.filter, {
      limit: SCREENING_PAGE_SIZE,
      offset: (query.page - 1) * SCREENING_PAGE_SIZE,
    })
    const counts = await countByScreeningState(trx, province.id, call.id)
    return { edition, calls, call, counts, rows, total, pageCount: Math.ceil(total / SCREENING_PAGE_SIZE) }
  })
}

/** One application's screening state (the decision page and the panel on the detail page). */
export async function loadScreening(db: DB, provinceId: string, applicationId: string) {
  return withTenant(db, { provinceId }, async (trx) => {
    const found = await findForScreening(trx, provinceId, applicationId)
    if (!found || found.status === 'withdrawn') return undefined
    const { applicant_email: _e, applicant_locale: _l, ...shown } = found
    return {
      ...shown,
      // A decision exists and may still be reversed: the review has not begun.
      reversible: found.review_started_at === null,
      decidable: found.status === 'submitted' || found.status === 'eligible' || found.status === 'ineligible',
    }
  })
}

/**
 * Records a decision. The same decision sent again changes nothing (a form sent twice).
 * Changing a decision needs a written reason and is refused (409) once the review began
 * or once the application moved on (in review, withdrawn, …). Answers whether it changed.
 */
export async function decideScreening(
  db: DB,
  province: ReviewProvince,
  actor: ReviewActor,
  applicationId: string,
  input: DecisionInput,
): Promise<boolean> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    // The call first, then the application: the same order as an assignment run, so a
    // decision and the first assignment never interleave (nor deadlock) and "the review
    // has not begun" stays true until this decision commits.
    const callId = await findCallOf(trx, province.id, applicationId)
    if (callId) await lockCallUnderReview(trx, province.id, callId)
    const app = await findForScreening(trx, province.id, applicationId)
    if (!app) throw notFound('application')
    if (app.status === input.decision) return false
    const reversal = app.status === 'eligible' || app.status === 'ineligible'
    if (!reversal && app.status !== 'submitted') {
      throw refused(PASSED.includes(app.status) ? 'screening:refused.reviewStarted' : 'screening:refused.notScreenable')
    }
    if (reversal && app.review_started_at !== null) throw refused('screening:refused.reviewStarted')
    if (reversal && !input.note) throw invalid('screening:errors.reversalReason', 'note')

    const ineligible = input.decision === 'ineligible'
    const reason = ineligible ? (input.reason ?? 'other') : null
    const note = input.note || null
    await writeScreening(trx, province.id, app.id, {
      status: input.decision,
      reason,
      note,
      at: actor.now,
      by: actor.userId,
    })
    // The applicant's timeline shows the event's note as the reason.
    await insertEvent(trx, province.id, app.id, { status: 'screening', at: actor.now, note })
    await audit(trx, {
      actorId: actor.userId,
      action: reversal ? 'application.screening_reversed' : 'application.screened',
      objectType: 'application',
      objectId: app.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { from: app.status, to: input.decision, reason, note },
    })
    await queueMessage(trx, {
      userId: app.applicant_id,
      template: ineligible ? 'screeningIneligible' : 'screeningEligible',
      params: {
        receipt: app.receipt_number ?? '',
        province: province.name,
        reason: getFixedT(app.applicant_locale as Language)(`screening:reason.${reason ?? 'other'}`),
      },
      now: actor.now,
    })
    if (ineligible) {
      const locale = app.applicant_locale as Language
      const t = getFixedT(locale)
      await enqueueReviewMail(trx, {
        to: app.applicant_email,
        name: app.applicant_name,
        locale,
        template: 'ineligible',
        params: {
          province: province.name,
          receipt: app.receipt_number ?? '',
          venture: app.venture_name,
          reason: t(`screening:reason.${reason ?? 'other'}`),
          note: note ?? '',
          link: `${actor.origin}/p/${province.slug}/apply/${app.id}`,
        },
      })
    }
    return true
  })
}
