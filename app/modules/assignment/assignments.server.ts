import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import {
  type CallChoice,
  findCallUnderReview,
  listReviewableCalls,
  lockCallUnderReview,
} from '#app/modules/calls/call-under-review.queries.server.ts'
import { notFound, refused } from '#app/modules/errors/errors.ts'
import type { ReviewActor, ReviewProvince } from '#app/modules/review/review-context.ts'
import { enqueueReviewMail } from '#app/modules/review/review-mail.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { assignReviewers, rebalance } from './assignment.ts'
import {
  deleteUnscoredAssignment,
  insertAssignments,
  listAssignments,
  listConflicts,
  listPool,
  listReviewers,
  markNotified,
  markReviewStarted,
  type ReviewerRow,
  startReviewOf,
} from './assignments.queries.server.ts'
import { refreshDetectedConflicts } from './conflicts.server.ts'

// Assignment of reviewers (issue 7). One run covers every application in the review
// pool with N reviewers (the call's setting), never a conflicted pair, loads even, the
// issue's lead OPD preferred (assignment.ts decides; this file loads and stores). Runs
// are incremental: existing assignments stay and gaps are filled, so sending the form
// twice, or again after a reviewer declared a conflict, is safe. The first assignment
// starts the review: screening decisions become final (calls.review_started_at).

type Call = NonNullable<Awaited<ReturnType<typeof lockCallUnderReview>>>

async function requireCall(trx: Trx, provinceId: string, callId: string): Promise<Call> {
  const call = await lockCallUnderReview(trx, provinceId, callId)
  if (!call) throw notFound('call')
  return call
}

/** The page: the call's pool with its assignments, reviewers with their loads, conflicts. */
export async function loadAssignmentsPage(db: DB, province: ReviewProvince, choice: CallChoice) {
  const edition = await findCurrentEdition(db)
  if (!edition) return null
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await findCallUnderReview(trx, province.id, choice)
    if (!call) return { calls: [], call: null, applications: [], reviewers: [] }
    const calls = await listReviewableCalls(trx, province.id, edition.id)
    const [pool, reviewers, assignments, conflicts] = await Promise.all([
      listPool(trx, province.id, call.id),
      listReviewers(trx, province.id),
      listAssignments(trx, province.id, call.id),
      listConflicts(trx, province.id, call.id),
    ])
    const opdOf = new Map(reviewers.map((r) => [r.id, r.opd_short_name ?? r.opd_name]))
    const applications = pool.map((a) => {
      const own = assignments.filter((x) => x.application_id === a.id)
      const conflicted = new Set(conflicts.filter((c) => c.application_id === a.id).map((c) => c.reviewer_id))
      const on = new Set(own.map((x) => x.reviewer_id))
      return {
        id: a.id,
        receipt_number: a.receipt_number,
        venture_name: a.venture_name,
        issue_title_id: a.issue_title_id,
        issue_title_en: a.issue_title_en,
        assignments: own.map((x) => ({ ...x, opd: opdOf.get(x.reviewer_id) ?? null })),
        missing: Math.max(0, call.reviewers_per_application - own.length),
        // Reviewers the admin may still add by hand: not on it, not conflicted.
        candidates: reviewers.filter((r) => !on.has(r.id) && !conflicted.has(r.id)).map((r) => r.id),
      }
    })
    const loads = reviewers.map((r) => ({
      id: r.id,
      name: r.name,
      opd: r.opd_short_name ?? r.opd_name,
      assigned: assignments.filter((x) => x.reviewer_id === r.id).length,
    }))
    return { calls, call, applications, reviewers: loads }
  })
}

export interface RunResult {
  assigned: number
  uncovered: { applicationId: string; receipt: string | null; venture: string; assigned: number; missing: number }[]
  reviewers: number
}

/** Assigns every application of the pool (incremental), then mails each reviewer one digest. */
export async function runAssignment(
  db: DB,
  province: ReviewProvince,
  actor: ReviewActor,
  callId: string,
): Promise<RunResult> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await requireCall(trx, province.id, callId)
    const pool = await listPool(trx, province.id, call.id)
    const reviewers = await listReviewers(trx, province.id)
    await refreshDetectedConflicts(trx, province.id, pool, reviewers, actor.now)
    const conflicts = await listConflicts(trx, province.id, call.id)
    let existing = await listAssignments(trx, province.id, call.id)
    const input = {
      applications: pool.map((a) => ({ id: a.id, ownerOpdId: a.lead_opd_id })),
      reviewers: reviewers.map((r) => ({ id: r.id, opdId: r.opd_id })),
      conflicts: conflicts.map((c) => ({ reviewerId: c.reviewer_id, applicationId: c.application_id })),
      perApplication: call.reviewers_per_application,
    }
    // A pair that became conflicted (e.g. detected after a team change) goes before it is
    // scored; once scored it stays for the admin to judge.
    const pairs = () => existing.map((x) => ({ applicationId: x.application_id, reviewerId: x.reviewer_id }))
    const first = assignReviewers({ ...input, existing: pairs() })
    let removed = 0
    for (const c of first.conflictedExisting) {
      if (await deleteUnscoredAssignment(trx, province.id, c.applicationId, c.reviewerId)) removed++
    }
    if (removed > 0) existing = await listAssignments(trx, province.id, call.id)
    const result = removed > 0 ? assignReviewers({ ...input, existing: pairs() }) : first

    await insertAssignments(trx, province.id, result.assignments, { source: 'auto', by: actor.userId, at: actor.now })
    if (result.assignments.length > 0) await markReviewStarted(trx, province.id, call.id, actor.now)
    const covered = [
      ...new Set([...existing.map((x) => x.application_id), ...result.assignments.map((a) => a.applicationId)]),
    ]
    await startReviewOf(trx, province.id, covered, actor.now)
    const notified = await sendDigests(trx, province, actor, call, reviewers, result.assignments)
    const byId = new Map(pool.map((a) => [a.id, a]))
    const uncovered = result.uncovered.map((u) => ({
      applicationId: u.applicationId,
      receipt: byId.get(u.applicationId)?.receipt_number ?? null,
      venture: byId.get(u.applicationId)?.venture_name ?? '',
      assigned: u.assigned,
      missing: u.missing,
    }))
    await audit(trx, {
      actorId: actor.userId,
      action: 'review.assigned',
      objectType: 'call',
      objectId: call.id,
      provinceId: province.id,
      ip: actor.ip,
      details: {
        assigned: result.assignments.length,
        removedConflicted: removed,
        uncovered: uncovered.map((u) => ({ application: u.applicationId, missing: u.missing })),
        perApplication: call.reviewers_per_application,
        notified,
      },
    })
    return { assigned: result.assignments.length, uncovered, reviewers: notified }
  })
}

/** One mail per reviewer who got new assignments (count, deadline, link); marks them notified. */
async function sendDigests(
  trx: Trx,
  province: ReviewProvince,
  actor: ReviewActor,
  call: Call,
  reviewers: readonly ReviewerRow[],
  pairs: readonly { applicationId: string; reviewerId: string }[],
): Promise<number> {
  let sent = 0
  for (const reviewer of reviewers) {
    const mine = pairs.filter((p) => p.reviewerId === reviewer.id).map((p) => p.applicationId)
    if (mine.length === 0) continue
    const locale = reviewer.locale as Language
    const t = getFixedT(locale)
    await enqueueReviewMail(trx, {
      to: reviewer.email,
      name: reviewer.name,
      locale,
      template: 'assignmentDigest',
      params: {
        count: mine.length,
        province: province.name,
        deadline: call.review_closes_at
          ? formatDateTime(call.review_closes_at, locale, province.time_zone)
          : t('screening:mail.noDeadline'),
        link: `${actor.origin}/p/${province.slug}/review`,
      },
    })
    await markNotified(trx, province.id, reviewer.id, mine, actor.now)
    sent++
  }
  return sent
}

type Pair = { applicationId: string; reviewerId: string }

/**
 * Adds one reviewer to one application by hand. Refused for a reviewer who is not one of
 * the province's reviewers (404: another province's user looks like nobody), for an
 * application outside the call's pool (404), and for a conflicted pair (409). Adding an
 * existing pair changes nothing. Answers whether it was added.
 */
export async function addAssignment(
  db: DB,
  province: ReviewProvince,
  actor: ReviewActor,
  callId: string,
  pair: Pair,
): Promise<boolean> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await requireCall(trx, province.id, callId)
    const reviewers = await listReviewers(trx, province.id)
    const reviewer = reviewers.find((r) => r.id === pair.reviewerId)
    if (!reviewer) throw notFound('reviewer')
    const pool = await listPool(trx, province.id, call.id)
    if (!pool.some((a) => a.id === pair.applicationId)) throw notFound('application')
    await refreshDetectedConflicts(
      trx,
      province.id,
      pool.filter((a) => a.id === pair.applicationId),
      reviewers,
      actor.now,
    )
    const conflicts = await listConflicts(trx, province.id, call.id)
    if (conflicts.some((c) => c.application_id === pair.applicationId && c.reviewer_id === pair.reviewerId)) {
      throw refused('screening:assignments.refused.conflicted')
    }
    const existing = await listAssignments(trx, province.id, call.id)
    if (existing.some((x) => x.application_id === pair.applicationId && x.reviewer_id === pair.reviewerId)) return false
    await insertAssignments(trx, province.id, [pair], { source: 'manual', by: actor.userId, at: actor.now })
    await markReviewStarted(trx, province.id, call.id, actor.now)
    await startReviewOf(trx, province.id, [pair.applicationId], actor.now)
    await sendDigests(trx, province, actor, call, [reviewer], [pair])
    await audit(trx, {
      actorId: actor.userId,
      action: 'review.assignment_added',
      objectType: 'application',
      objectId: pair.applicationId,
      provinceId: province.id,
      ip: actor.ip,
      details: { reviewer: pair.reviewerId },
    })
    return true
  })
}

/** Removes an assignment that has no score yet (409 otherwise); an absent one changes nothing. */
export async function removeAssignment(
  db: DB,
  province: ReviewProvince,
  actor: ReviewActor,
  callId: string,
  pair: Pair,
): Promise<boolean> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await requireCall(trx, province.id, callId)
    const existing = await listAssignments(trx, province.id, call.id)
    const found = existing.find((x) => x.application_id === pair.applicationId && x.reviewer_id === pair.reviewerId)
    if (!found) return false
    if (!(await deleteUnscoredAssignment(trx, province.id, pair.applicationId, pair.reviewerId))) {
      throw refused('screening:assignments.refused.scored')
    }
    await audit(trx, {
      actorId: actor.userId,
      action: 'review.assignment_removed',
      objectType: 'application',
      objectId: pair.applicationId,
      provinceId: province.id,
      ip: actor.ip,
      details: { reviewer: pair.reviewerId, source: found.source, declared: found.declared_at !== null },
    })
    return true
  })
}

/**
 * Evens out loads by moving assignments that nobody started on: not scored, not declared
 * by the reviewer, not set by hand. Moved assignments are new work for their new reviewer,
 * who gets a digest. Answers how many moved.
 */
export async function rebalanceAssignments(
  db: DB,
  province: ReviewProvince,
  actor: ReviewActor,
  callId: string,
): Promise<number> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await requireCall(trx, province.id, callId)
    const pool = await listPool(trx, province.id, call.id)
    const reviewers = await listReviewers(trx, province.id)
    const conflicts = await listConflicts(trx, province.id, call.id)
    const existing = await listAssignments(trx, province.id, call.id)
    const pair = (x: (typeof existing)[number]) => ({ applicationId: x.application_id, reviewerId: x.reviewer_id })
    const { moves } = rebalance({
      applications: pool.map((a) => ({ id: a.id, ownerOpdId: a.lead_opd_id })),
      reviewers: reviewers.map((r) => ({ id: r.id, opdId: r.opd_id })),
      conflicts: conflicts.map((c) => ({ reviewerId: c.reviewer_id, applicationId: c.application_id })),
      perApplication: call.reviewers_per_application,
      existing: existing.map(pair),
      locked: existing
        .filter((x) => x.has_scores || x.scored_at !== null || x.declared_at !== null || x.source === 'manual')
        .map(pair),
    })
    const added: Pair[] = []
    for (const m of moves) {
      if (!(await deleteUnscoredAssignment(trx, province.id, m.applicationId, m.from))) continue
      added.push({ applicationId: m.applicationId, reviewerId: m.to })
    }
    await insertAssignments(trx, province.id, added, { source: 'auto', by: actor.userId, at: actor.now })
    await sendDigests(trx, province, actor, call, reviewers, added)
    await audit(trx, {
      actorId: actor.userId,
      action: 'review.rebalanced',
      objectType: 'call',
      objectId: call.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { moves: moves.map((m) => ({ application: m.applicationId, from: m.from, to: m.to })) },
    })
    return added.length
  })
}
