import { notFound } from '#app/modules/errors/errors.ts'
import { listIndicators, listTeam } from '#app/modules/intake/intake.queries.server.ts'
import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'
import { listCriteria } from '#app/modules/review/rubric.queries.server.ts'
import { postgresStorage } from '#app/modules/storage/storage.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { genericFileName, reviewView } from './blind.ts'
import { stripMetadata } from './file-metadata.ts'
import type { QueueView } from './queue-filters.ts'
import {
  findApplicationContent,
  findAssignment,
  listDeclaredConflicts,
  listQueue,
  listReviewFiles,
  listScores,
  type QueueFilter,
  readQueueHeader,
} from './workspace.queries.server.ts'

// The reviewer's workspace (issue 7, item 5): the queue of their own assignments in the
// current edition, one application behind the conflict-of-interest declaration, and its
// attachments. Everything is reached through the reviewer's own assignment row and the
// CASL rule `read Application {province_id, reviewer_id}`; anything else is "not found".

export interface Reviewer {
  provinceId: string
  userId: string
  ability: AppAbility
  /** The OPD the reviewer reviews for, from their membership. */
  opdId?: string | null
}

export const QUEUE_PAGE_SIZE = 25

/** Whether scores may still change: before the call's review deadline (none set: open). */
export function reviewOpen(closesAt: Date | null, now: Date): boolean {
  return closesAt === null || now.getTime() <= closesAt.getTime()
}

/**
 * The reviewer's assignment on one application, checked against their CASL rule, or
 * NotFound. `lock` serialises concurrent posts on the same review.
 */
export async function requireAssignment(trx: Trx, reviewer: Reviewer, applicationId: string, lock = false) {
  const found = await findAssignment(trx, reviewer.provinceId, reviewer.userId, applicationId, lock)
  if (!found || !reviewer.ability.can('read', subject('Application', { ...found }))) throw notFound()
  return found
}

type QueueState = 'scored' | 'undeclared' | 'draft' | 'todo'

function queueState(r: {
  scored_at: Date | null
  declared_at: Date | null
  scored_criteria: string | null
}): QueueState {
  if (r.scored_at) return 'scored'
  if (!r.declared_at) return 'undeclared'
  return Number(r.scored_criteria) > 0 ? 'draft' : 'todo'
}

/** The queue page: progress, deadlines and one page of assignments (or of declared conflicts). */
export async function loadQueue(db: DB, reviewer: Reviewer, view: QueueView, page: number, now: Date) {
  const { provinceId, userId, opdId } = reviewer
  return withTenant(db, { provinceId }, async (trx) => {
    // Edition, OPD, counts and deadlines in one round trip (decision 021).
    const { edition, opd, counts, deadlines: closing } = await readQueueHeader(trx, provinceId, userId, opdId ?? null)
    if (!edition) {
      return { edition, opd, counts, deadlines: [], rows: [], conflicts: [], page, pageCount: 0 }
    }
    const deadlines = closing.map((closesAt) => ({ closesAt, open: reviewOpen(closesAt, now) }))
    const size =
      view === 'conflicts'
        ? counts.conflicts
        : view === 'scored'
          ? counts.scored
          : view === 'todo'
            ? counts.total - counts.scored
            : counts.total
    const pageCount = Math.ceil(size / QUEUE_PAGE_SIZE)
    const slice = { limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE }
    const rows =
      view === 'conflicts' ? [] : await listQueue(trx, provinceId, edition.id, userId, view as QueueFilter, slice)
    const conflicts =
      view === 'conflicts' ? await listDeclaredConflicts(trx, provinceId, edition.id, userId, slice) : []
    return {
      edition,
      opd,
      counts,
      deadlines,
      rows: rows.map((r) => ({
        id: r.id,
        receipt_number: r.receipt_number,
        issue_title_id: r.issue_title_id,
        issue_title_en: r.issue_title_en,
        organisation: r.venture_name,
        state: queueState(r),
        total: r.total === null ? null : Number(r.total),
        open: reviewOpen(r.review_closes_at, now) && r.status === 'in_review',
      })),
      conflicts,
      page,
      pageCount,
    }
  })
}

/**
 * One assigned application. Before the reviewer declared, only what the declaration
 * needs (receipt number and issue); afterwards the content as blind review allows,
 * the rubric in both languages and the reviewer's saved scores.
 */
export async function loadReview(db: DB, reviewer: Reviewer, applicationId: string, now: Date) {
  const { provinceId, userId } = reviewer
  return withTenant(db, { provinceId }, async (trx) => {
    const assignment = await requireAssignment(trx, reviewer, applicationId)
    const content = await findApplicationContent(trx, provinceId, applicationId)
    if (!content) throw notFound()
    const heading = {
      id: content.id,
      receipt_number: content.receipt_number,
      issue_title_id: content.issue_title_id,
      issue_title_en: content.issue_title_en,
    }
    const state = {
      declared: assignment.declared_at !== null,
      open: reviewOpen(assignment.review_closes_at, now),
      inReview: assignment.status === 'in_review',
      closesAt: assignment.review_closes_at,
      total: assignment.total === null ? null : Number(assignment.total),
      scoredAt: assignment.scored_at,
    }
    if (!state.declared) return { stage: 'declare' as const, heading, state }
    const team = await listTeam(trx, provinceId, content.snapshot_id)
    const files = await listReviewFiles(trx, provinceId, applicationId)
    const indicators = await listIndicators(trx, provinceId, applicationId)
    const criteria = await listCriteria(trx, provinceId, assignment.call_id)
    const saved = await listScores(trx, provinceId, applicationId, userId)
    return {
      stage: 'review' as const,
      heading,
      state,
      application: reviewView(content, team, files, assignment.blind_review),
      indicators: indicators.map(({ id, name, baseline, target, unit }) => ({ id, name, baseline, target, unit })),
      criteria: criteria.map((c) => ({
        id: c.id,
        weight: c.weight,
        title_id: c.title_id,
        title_en: c.title_en,
        levels: c.levels,
      })),
      scores: Object.fromEntries(saved.map((s) => [s.criterion_id, { score: s.score, comment: s.comment }])),
    }
  })
}

/**
 * One attachment of an assigned application the reviewer has declared on, with a
 * generic name; in a blind call its metadata is removed (a file that cannot be cleaned
 * is refused rather than sent).
 */
export async function loadReviewFile(db: DB, reviewer: Reviewer, applicationId: string, fileId: string) {
  const { provinceId } = reviewer
  const found = await withTenant(db, { provinceId }, async (trx) => {
    const assignment = await requireAssignment(trx, reviewer, applicationId)
    if (!assignment.declared_at) throw notFound()
    const files = await listReviewFiles(trx, provinceId, applicationId)
    const position = files.findIndex((f) => f.id === fileId) + 1
    if (position === 0) throw notFound()
    const file = await postgresStorage.get(trx, provinceId, fileId)
    if (!file) throw notFound()
    return { file, position, blind: assignment.blind_review }
  })
  const { file, position, blind } = found
  const bytes = blind ? await stripMetadata(file.contentType, file.bytes) : file.bytes
  return {
    ...file,
    bytes: Buffer.from(bytes),
    size: bytes.length,
    downloadName: genericFileName(position, file.contentType),
  }
}
