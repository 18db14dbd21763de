import { audit } from '#app/modules/audit/audit.server.ts'
import {
  type CallChoice,
  findCallUnderReview,
  listReviewableCalls,
  lockCallUnderReview,
} from '#app/modules/calls/call-under-review.queries.server.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { DEFAULT_RUBRIC } from '#app/modules/review/default-rubric.ts'
import type { ReviewActor, ReviewProvince } from '#app/modules/review/review-context.ts'
import { insertCriteria, listCriteria } from '#app/modules/review/rubric.queries.server.ts'
import { validateWeights } from '#app/modules/selection/score-maths.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { deleteCriteria, hasScores, insertCriterion, updateCriterion } from './rubric-editor.queries.server.ts'
import type { ParsedCriterion } from './rubric-form.ts'

// The rubric of a call (issue 7): weighted criteria, each level 1–5 described in both
// languages. A call gets the default rubric the first time its editor is opened; the
// admin adapts it until the first score is saved (calls.rubric_locked_at), after which
// it is read-only so every review is scored against the same rubric.

/**
 * The editor page: the call's rubric, created from the default when it has none and the
 * viewer may manage it (ministry and ERAT only look; their visit creates nothing).
 */
export async function loadRubric(
  db: DB,
  province: ReviewProvince,
  choice: CallChoice,
  options: { createDefault: boolean },
) {
  const edition = await findCurrentEdition(db)
  if (!edition) return null
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const found = await findCallUnderReview(trx, province.id, choice)
    if (!found) return { calls: [], call: null, criteria: [], locked: false }
    const calls = await listReviewableCalls(trx, province.id, edition.id)
    // Locked: two first visits at once create one rubric.
    const call = await lockCallUnderReview(trx, province.id, found.id)
    if (!call) throw notFound('call')
    let criteria = await listCriteria(trx, province.id, call.id)
    if (criteria.length === 0 && options.createDefault) {
      await insertCriteria(
        trx,
        province.id,
        call.id,
        DEFAULT_RUBRIC.map((c) => ({
          key: c.key,
          weight: c.weight,
          title_id: c.title.id,
          title_en: c.title.en,
          levels: c.levels.map((l) => ({ id: l.id, en: l.en })),
        })),
      )
      criteria = await listCriteria(trx, province.id, call.id)
    }
    const locked = call.rubric_locked_at !== null || (await hasScores(trx, province.id, call.id))
    return { calls, call: found, criteria, locked }
  })
}

/**
 * A call's rubric as the editor's action needs it before reading the form: the stored
 * keys (to recognise the blocks) and whether it is locked; not found for another province.
 */
export async function rubricState(
  db: DB,
  provinceId: string,
  callId: string,
): Promise<{ keys: Set<string>; locked: boolean }> {
  return withTenant(db, { provinceId }, async (trx) => {
    const call = await trx
      .selectFrom('calls')
      .select(['id', 'rubric_locked_at'])
      .where('province_id', '=', provinceId)
      .where('id', '=', callId)
      .executeTakeFirst()
    if (!call) throw notFound('call')
    const criteria = await listCriteria(trx, provinceId, callId)
    const locked = call.rubric_locked_at !== null || (await hasScores(trx, provinceId, callId))
    return { keys: new Set(criteria.map((c) => c.key)), locked }
  })
}

/**
 * Stores the edited rubric: kept criteria updated, removed ones deleted, new ones added,
 * in the order given. Refused when the weights do not add up (400) or once a score was
 * saved (409).
 */
export async function saveRubric(
  db: DB,
  province: ReviewProvince,
  actor: ReviewActor,
  callId: string,
  criteria: readonly ParsedCriterion[],
): Promise<void> {
  const check = validateWeights(criteria.map((c) => ({ key: c.key, weight: c.weight })))
  await withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await lockCallUnderReview(trx, province.id, callId)
    if (!call) throw notFound('call')
    // The desk sets rubric_locked_at with the first score; a score is the lock either way.
    if (call.rubric_locked_at || (await hasScores(trx, province.id, call.id))) {
      throw refused('screening:rubric.refused.locked')
    }
    if (!check.ok) throw invalid('screening:rubric.errors.weights', 'form')
    const before = await listCriteria(trx, province.id, call.id)
    const kept = new Set(criteria.map((c) => c.key))
    await deleteCriteria(
      trx,
      province.id,
      call.id,
      before.filter((c) => !kept.has(c.key)).map((c) => c.key),
    )
    const stored = new Set(before.map((c) => c.key))
    for (const [i, c] of criteria.entries()) {
      const values = { ...c, position: i + 1 }
      if (stored.has(c.key)) await updateCriterion(trx, province.id, call.id, values)
      else await insertCriterion(trx, province.id, call.id, values)
    }
    await audit(trx, {
      actorId: actor.userId,
      action: 'review.rubric_saved',
      objectType: 'call',
      objectId: call.id,
      provinceId: province.id,
      ip: actor.ip,
      details: {
        before: before.map((c) => ({ key: c.key, weight: c.weight })),
        after: criteria.map((c) => ({ key: c.key, weight: c.weight })),
      },
    })
  })
}
