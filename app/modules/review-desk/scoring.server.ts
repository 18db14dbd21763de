import type { Language } from '#app/i18n/config.ts'
import { listProvinceAdmins } from '#app/modules/assignment/assignments.queries.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { isNotFound, notFound, refused } from '#app/modules/errors/errors.ts'
import { enqueueReviewMail } from '#app/modules/review/review-mail.server.ts'
import { listCriteria } from '#app/modules/review/rubric.queries.server.ts'
import { weightedTotal } from '#app/modules/selection/score-maths.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { type Declaration, parseScoreForm, type ScoreEntry } from './scoring.schema.ts'
import {
  declareConflict,
  findNextUnscored,
  hasDeclaredConflict,
  listScores,
  lockRubric,
  markDeclared,
  setTotal,
  upsertScores,
} from './workspace.queries.server.ts'
import { type Reviewer, requireAssignment, reviewOpen } from './workspace.server.ts'

// The reviewer's two state changes (issue 7): the conflict-of-interest declaration and
// saving scores. Both run in one transaction with the assignment row locked, are
// audited, and are safe to submit twice.

export type ReviewActor = Reviewer & { ip: string | null }

/** Where Bappeda's notice of a declared conflict points (the assignments page). */
export interface ConflictNotice {
  origin: string
  slug: string
  provinceName: string
}

/**
 * Records the reviewer's declaration on an assigned application. "No conflict" opens
 * the details; a conflict is stored (source declared) and the assignment removed so
 * Bappeda re-assigns. Repeating a conflict declaration that already removed the
 * assignment changes nothing. Returns what was declared.
 */
export async function declare(
  db: DB,
  actor: ReviewActor,
  applicationId: string,
  declaration: Declaration,
  now: Date,
  notice: ConflictNotice,
): Promise<'none' | 'conflict'> {
  const { provinceId, userId } = actor
  return withTenant(db, { provinceId }, async (trx) => {
    let assignment: Awaited<ReturnType<typeof requireAssignment>>
    try {
      assignment = await requireAssignment(trx, actor, applicationId, true)
    } catch (error) {
      // A second "conflict" post after the first removed the assignment: already done.
      if (
        isNotFound(error) &&
        declaration.conflict === 'yes' &&
        (await hasDeclaredConflict(trx, provinceId, applicationId, userId))
      ) {
        return 'conflict'
      }
      throw error
    }
    if (declaration.conflict === 'none') {
      if (assignment.declared_at) return 'none'
      await markDeclared(trx, provinceId, applicationId, userId, now)
      await audit(trx, {
        actorId: userId,
        action: 'review.declared_no_conflict',
        objectType: 'application',
        objectId: applicationId,
        provinceId,
        ip: actor.ip,
      })
      return 'none'
    }
    // Once scores exist the review is under way; it cannot silently disappear (the
    // scores' foreign key would refuse too). The form is only offered before declaring.
    if ((await listScores(trx, provinceId, applicationId, userId)).length > 0) {
      throw refused('review:errors.conflictAfterScores')
    }
    const note = declaration.note === '' ? null : declaration.note
    await declareConflict(trx, provinceId, applicationId, userId, { kind: declaration.kind, note }, now)
    await audit(trx, {
      actorId: userId,
      action: 'review.declared_conflict',
      objectType: 'application',
      objectId: applicationId,
      provinceId,
      ip: actor.ip,
      details: { kind: declaration.kind, has_note: note !== null },
    })
    await tellAdmins(trx, actor, applicationId, notice)
    return 'conflict'
  })
}

export type SaveResult =
  | { kind: 'invalid'; errors: Record<string, string>; entries: ScoreEntry[] }
  | {
      kind: 'saved'
      complete: boolean
      total: number | null
      next: string | null
      wantsNext: boolean
      /** How many criteria this save changed; 0 when the sheet held what was stored (or nothing). */
      changed: number
    }

/**
 * Saves the reviewer's scores and comments from the rubric form. Partial saves are a
 * draft; once every criterion has a score the weighted total and scored_at are set.
 * The first score of a call locks its rubric. Refused before the
 * declaration, after the review deadline, or when the application is not in review.
 * A field naming another call's criterion is treated like an unknown application.
 */
export async function saveScores(
  db: DB,
  actor: ReviewActor,
  applicationId: string,
  form: Iterable<[string, FormDataEntryValue]>,
  now: Date,
): Promise<SaveResult> {
  const { provinceId, userId } = actor
  return withTenant(db, { provinceId }, async (trx) => {
    const assignment = await requireAssignment(trx, actor, applicationId, true)
    const criteria = await listCriteria(trx, provinceId, assignment.call_id)
    // Read here, not at the route: the sheet's fields are this transaction's criteria (docs/ARCHITECTURE.md#errors).
    const parsed = parseScoreForm(
      form,
      criteria.map((c) => c.id),
    )
    if (!parsed.ok && 'unknown' in parsed) throw notFound()
    if (!assignment.declared_at) throw refused('review:errors.notDeclared')
    if (assignment.status !== 'in_review') throw refused('review:errors.notInReview')
    if (!reviewOpen(assignment.review_closes_at, now)) throw refused('review:errors.closed')
    if (criteria.length === 0) throw refused('review:errors.noRubric')
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors, entries: parsed.entries }

    const before = new Map((await listScores(trx, provinceId, applicationId, userId)).map((s) => [s.criterion_id, s]))
    const changed = parsed.entries.flatMap((e) => {
      if (e.score === null) return []
      const old = before.get(e.criterionId)
      const comment = e.comment ?? old?.comment ?? ''
      return old && old.score === e.score && old.comment === comment ? [] : [{ ...e, score: e.score, comment }]
    })
    const scores = new Map([...before].map(([id, s]) => [id, s.score]))
    for (const e of changed) scores.set(e.criterionId, e.score)
    const complete = criteria.every((c) => scores.has(c.id))
    const total = complete
      ? weightedTotal(
          criteria.map((c) => ({ key: c.key, weight: c.weight })),
          Object.fromEntries(criteria.map((c) => [c.key, scores.get(c.id) as number])),
        )
      : null

    // A repeated submit with the same values writes nothing and audits nothing.
    if (changed.length > 0) {
      await upsertScores(trx, provinceId, applicationId, userId, changed, now)
      await lockRubric(trx, provinceId, assignment.call_id, now)
      if (total !== null) await setTotal(trx, provinceId, applicationId, userId, total, now)
      await audit(trx, {
        actorId: userId,
        action: 'review.scored',
        objectType: 'application',
        objectId: applicationId,
        provinceId,
        ip: actor.ip,
        details: {
          criteria: changed.map((c) => c.criterionId),
          scored: scores.size,
          of: criteria.length,
          total,
        },
      })
    }
    const next = parsed.next
      ? ((await findNextUnscored(trx, provinceId, assignment.edition_id, userId, assignment)) ?? null)
      : null
    return { kind: 'saved', complete, total, next, wantsNext: parsed.next, changed: changed.length }
  })
}

/** Mails the province's Bappeda admins that an application lost a reviewer, in the same transaction. */
async function tellAdmins(trx: Trx, actor: ReviewActor, applicationId: string, notice: ConflictNotice) {
  const { provinceId } = actor
  const application = await trx
    .selectFrom('applications')
    .select('receipt_number')
    .where('province_id', '=', provinceId)
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const reviewer = await trx.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirstOrThrow()
  for (const admin of await listProvinceAdmins(trx, provinceId)) {
    await enqueueReviewMail(trx, {
      to: admin.email,
      name: admin.name,
      locale: admin.locale as Language,
      template: 'conflictDeclared',
      params: {
        receipt: application.receipt_number ?? '',
        reviewer: reviewer.name,
        province: notice.provinceName,
        link: `${notice.origin}/p/${notice.slug}/manage/review/assignments`,
      },
    })
  }
}
