import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Kysely only. The call whose review Bappeda manages: one of the province's calls in the
// current edition, the most recent by default. Locked FOR UPDATE by the workflows that
// change review state, so two admins (or a form sent twice) run one after the other.

const COLUMNS = [
  'id',
  'opens_at',
  'closes_at',
  'status',
  'review_closes_at',
  'blind_review',
  'reviewers_per_application',
  'share_scores',
  'review_started_at',
  'rubric_locked_at',
] as const

/** The edition's calls of the province, newest first (to choose between them). */
export function listEditionCalls(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('calls')
    .select(['id', 'opens_at', 'closes_at', 'status'])
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .orderBy('closes_at', 'desc')
    .execute()
}

/** A page's choice of call: the one named in its address, else the one under review at `now`. */
export interface CallChoice {
  id: string | null
  now: Date
}

/**
 * The chosen call of the edition or, when none is chosen, the latest one that has opened
 * by `now` (a call announced for later has nothing to screen yet; ranking and selection
 * choose the same way, app/modules/selection/review-call.ts), else the latest at all.
 */
export function findReviewCall(trx: Trx, provinceId: string, editionId: string, choice: CallChoice) {
  let q = trx
    .selectFrom('calls')
    .select(COLUMNS)
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
  if (choice.id) q = q.where('id', '=', choice.id)
  return q.orderBy(sql`opens_at <= ${choice.now}`, 'desc').orderBy('opens_at', 'desc').limit(1).executeTakeFirst()
}

/** One call of the province by id, locked until the transaction ends. */
export function lockCall(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('calls')
    .select([...COLUMNS, 'edition_id'])
    .where('province_id', '=', provinceId)
    .where('id', '=', callId)
    .forUpdate()
    .executeTakeFirst()
}

export type ReviewCall = NonNullable<Awaited<ReturnType<typeof findReviewCall>>>
