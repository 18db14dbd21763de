import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import { callUnderReview } from './call-under-review.ts'

// Kysely only. The call whose screening, review, ranking and selection a province works
// on: one of its published calls in the current edition (call-under-review.ts has the
// rule). Locked FOR UPDATE by the workflows that change review state, so two admins (or
// a form sent twice) run one after the other.

const COLUMNS = [
  'id',
  'edition_id',
  'status',
  'opens_at',
  'closes_at',
  'review_closes_at',
  'blind_review',
  'reviewers_per_application',
  'share_scores',
  'ranking_method',
  'review_started_at',
  'rubric_locked_at',
] as const

/** The calls a page may choose between: the edition's published calls, newest first. */
export function listReviewableCalls(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('calls')
    .select(['id', 'opens_at', 'closes_at', 'status'])
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .orderBy('closes_at', 'desc')
    .execute()
}

/** A page's choice of call: the one named in its address, else the one under review at `now`. */
export interface CallChoice {
  id: string | null
  now: Date
}

/**
 * The call a page is about, read inside the caller's tenant transaction: the chosen one
 * if it is a published call of the current edition, else the call under review at
 * `choice.now`. Undefined without an edition or a published call.
 */
export async function findCallUnderReview(
  trx: Trx,
  provinceId: string,
  choice: CallChoice,
  /** The current edition when the caller has read it already (saves a round trip). */
  current?: { id: string },
) {
  const edition = current ?? (await findCurrentEdition(trx))
  if (!edition) return undefined
  const calls = await trx
    .selectFrom('calls')
    .select(COLUMNS)
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', edition.id)
    .where('status', '=', 'published')
    .execute()
  return choice.id ? calls.find((c) => c.id === choice.id) : callUnderReview(calls, choice.now)
}

export type CallUnderReview = NonNullable<Awaited<ReturnType<typeof findCallUnderReview>>>

/** One published call of the province by id, locked until the transaction ends; drafts are never under review. */
export function lockCallUnderReview(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('calls')
    .select(COLUMNS)
    .where('province_id', '=', provinceId)
    .where('id', '=', callId)
    .where('status', '=', 'published')
    .forUpdate()
    .executeTakeFirst()
}
