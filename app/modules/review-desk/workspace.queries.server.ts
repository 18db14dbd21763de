import { sql } from 'kysely'
import { currentEditionQuery } from '#app/modules/tenancy/edition.queries.server.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { ConflictKind, EditionStatus } from '#db/schema.ts'

// Kysely only. The reviewer's side of issue 7: every query names the province
// (docs/ARCHITECTURE.md#tenancy, layer 4) and the reviewer, and reaches an application only through the
// reviewer's own review_assignments row — an application that is not assigned to the
// reviewer does not exist for these queries.

// Byte order, so the queue and "save and next" (which compares in JS) agree.
const inQueueOrder = sql`a.receipt_number collate "C"`

export type QueueFilter = 'all' | 'todo' | 'scored'

/** The reviewer's assignments on applications of the edition, optionally scored or not, one page. */
export function listQueue(
  trx: Trx,
  provinceId: string,
  editionId: string,
  reviewerId: string,
  filter: QueueFilter,
  page: { limit: number; offset: number },
) {
  let query = trx
    .selectFrom('review_assignments as ra')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'ra.province_id').onRef('a.id', '=', 'ra.application_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 'a.province_id').onRef('c.id', '=', 'a.call_id'))
    // The organisation's name is only read for calls that are not blind; a blind
    // call's name never leaves the database on this path.
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .select([
      'a.id',
      'a.receipt_number',
      'a.status',
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
      'c.blind_review',
      'c.review_closes_at',
      sql<string | null>`case when c.blind_review then null else v.name end`.as('venture_name'),
      'ra.declared_at',
      'ra.scored_at',
      'ra.total',
    ])
    .select((eb) =>
      eb
        .selectFrom('review_scores as s')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('s.province_id', '=', 'ra.province_id')
        .whereRef('s.application_id', '=', 'ra.application_id')
        .whereRef('s.reviewer_id', '=', 'ra.reviewer_id')
        .as('scored_criteria'),
    )
    .where('ra.province_id', '=', provinceId)
    .where('ra.reviewer_id', '=', reviewerId)
    .where('a.edition_id', '=', editionId)
  if (filter === 'todo') query = query.where('ra.scored_at', 'is', null)
  if (filter === 'scored') query = query.where('ra.scored_at', 'is not', null)
  return query.orderBy(inQueueOrder).orderBy('a.id').limit(page.limit).offset(page.offset).execute()
}

/** How many of the reviewer's assignments in the edition there are, how many are scored, and declared conflicts. */
/**
 * The head of the reviewer's queue in one statement: the current edition (findCurrentEdition's
 * query, embedded), the reviewer's OPD, their assignments in that edition
 * (all and scored), their declared conflicts, and the review deadline (epoch ms, null: none)
 * of each of the edition's calls on which they have assignments, in opening order. Without
 * an edition every count is 0 and the deadlines are empty.
 */
export async function readQueueHeader(trx: Trx, provinceId: string, reviewerId: string, opdId: string | null) {
  const { rows } = await sql<{
    id: string | null
    slug: string
    name: string
    starts_on: string
    ends_on: string
    legal_basis: string | null
    status: EditionStatus
    opd_name: string | null
    opd_short_name: string | null
    total: string
    scored: string
    conflicts: string
    deadlines: (number | null)[]
  }>`
    with e as (${currentEditionQuery(trx)})
    select e.*,
      o.name as opd_name, o.short_name as opd_short_name,
      (select count(*) from review_assignments ra
        join applications a on a.province_id = ra.province_id and a.id = ra.application_id
        where ra.province_id = ${provinceId} and ra.reviewer_id = ${reviewerId} and a.edition_id = e.id) as total,
      (select count(ra.scored_at) from review_assignments ra
        join applications a on a.province_id = ra.province_id and a.id = ra.application_id
        where ra.province_id = ${provinceId} and ra.reviewer_id = ${reviewerId} and a.edition_id = e.id) as scored,
      (select count(*) from review_conflicts rc
        join applications a on a.province_id = rc.province_id and a.id = rc.application_id
        where rc.province_id = ${provinceId} and rc.reviewer_id = ${reviewerId} and rc.source = 'declared'
          and a.edition_id = e.id) as conflicts,
      coalesce((select json_agg((extract(epoch from c.review_closes_at) * 1000)::float8 order by c.opens_at)
        from calls c
        where c.province_id = ${provinceId} and c.edition_id = e.id
          and exists (select from review_assignments ra
            join applications a on a.province_id = ra.province_id and a.id = ra.application_id
            where a.call_id = c.id and a.province_id = c.province_id and ra.reviewer_id = ${reviewerId})), '[]') as deadlines
    from (select) one
    left join e on true
    left join opds o on o.province_id = ${provinceId} and o.id = ${opdId}
  `.execute(trx)
  const r = rows[0]
  if (!r) throw new Error('readQueueHeader: no row')
  const { opd_name, opd_short_name, total, scored, conflicts, deadlines, id, ...edition } = r
  return {
    edition: id === null ? null : { id, ...edition },
    opd: opd_name === null || opd_short_name === null ? null : { name: opd_name, short_name: opd_short_name },
    counts: { total: Number(total), scored: Number(scored), conflicts: Number(conflicts) },
    deadlines: deadlines.map((ms) => (ms === null ? null : new Date(ms))),
  }
}

/** The conflicts the reviewer declared in the edition (the application is no longer theirs to score). */
export function listDeclaredConflicts(
  trx: Trx,
  provinceId: string,
  editionId: string,
  reviewerId: string,
  page: { limit: number; offset: number },
) {
  return trx
    .selectFrom('review_conflicts as rc')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'rc.province_id').onRef('a.id', '=', 'rc.application_id'),
    )
    .select(['a.id', 'a.receipt_number', 'rc.kind', 'rc.created_at'])
    .where('rc.province_id', '=', provinceId)
    .where('rc.reviewer_id', '=', reviewerId)
    .where('rc.source', '=', 'declared')
    .where('a.edition_id', '=', editionId)
    .orderBy('rc.created_at', 'desc')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

/**
 * The reviewer's assignment on one application, with the application's state and its
 * call's review settings; locked FOR UPDATE of the assignment when `lock` is set, so
 * two saves of the same review are serialised, and FOR SHARE of the application, so the
 * status a save checks ("in review") cannot be moved on (publication) before it commits.
 * Undefined when not assigned.
 */
export function findAssignment(trx: Trx, provinceId: string, reviewerId: string, applicationId: string, lock = false) {
  const query = trx
    .selectFrom('review_assignments as ra')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'ra.province_id').onRef('a.id', '=', 'ra.application_id'),
    )
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 'a.province_id').onRef('c.id', '=', 'a.call_id'))
    .select([
      'a.province_id',
      'a.id',
      'a.applicant_id',
      'a.status',
      'a.call_id',
      'a.edition_id',
      'a.receipt_number',
      'ra.reviewer_id',
      'ra.declared_at',
      'ra.scored_at',
      'ra.total',
      'c.blind_review',
      'c.review_closes_at',
      'c.rubric_locked_at',
    ])
    .where('ra.province_id', '=', provinceId)
    .where('ra.reviewer_id', '=', reviewerId)
    .where('ra.application_id', '=', applicationId)
  return (lock ? query.forUpdate('ra').forShare('a') : query).executeTakeFirst()
}

/**
 * The application's content a reviewer reads once they declared no conflict. The
 * applicant's account (name, email, phone) is not read at all: reviewers judge the
 * idea, and contacting applicants is Bappeda's job (UU 27/2022, data minimisation).
 */
export function findApplicationContent(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .leftJoin('regencies as r', 'r.code', 'v.regency_code')
    .select([
      'a.id',
      'v.id as snapshot_id',
      'a.receipt_number',
      'a.submitted_at',
      'a.problem',
      'a.solution',
      'a.novelty',
      'a.beneficiaries',
      'a.beneficiaries_count',
      'a.business_model',
      'a.revenue',
      'a.impact',
      'a.collaboration_opd',
      'a.collaboration_private',
      'a.budget',
      'a.funding_so_far',
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
      'v.name as venture_name',
      'v.legal_form',
      'v.stage',
      'v.year_founded',
      'v.address',
      'v.website',
      'v.social_links',
      'r.name as regency_name',
      'r.kind as regency_kind',
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.id', '=', applicationId)
    .executeTakeFirst()
}

/** The attachments in display order, with the position a generic download name is built from. */
export function listReviewFiles(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('application_files as af')
    .innerJoin('files as f', (j) => j.onRef('f.province_id', '=', 'af.province_id').onRef('f.id', '=', 'af.file_id'))
    .select(['f.id', 'f.original_name', 'f.size', 'f.content_type', 'af.kind'])
    .where('af.province_id', '=', provinceId)
    .where('af.application_id', '=', applicationId)
    .orderBy('af.kind')
    .orderBy('af.position')
    .execute()
}

/** The reviewer's saved scores and comments on the application, by criterion id. */
export function listScores(trx: Trx, provinceId: string, applicationId: string, reviewerId: string) {
  return trx
    .selectFrom('review_scores')
    .select(['criterion_id', 'score', 'comment'])
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .where('reviewer_id', '=', reviewerId)
    .execute()
}

/** Inserts or replaces the reviewer's score and comment on each given criterion. */
export async function upsertScores(
  trx: Trx,
  provinceId: string,
  applicationId: string,
  reviewerId: string,
  scores: readonly { criterionId: string; score: number; comment: string }[],
  now: Date,
): Promise<void> {
  if (scores.length === 0) return
  await trx
    .insertInto('review_scores')
    .values(
      scores.map((s) => ({
        province_id: provinceId,
        application_id: applicationId,
        reviewer_id: reviewerId,
        criterion_id: s.criterionId,
        score: s.score,
        comment: s.comment,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['province_id', 'application_id', 'reviewer_id', 'criterion_id']).doUpdateSet((eb) => ({
        score: eb.ref('excluded.score'),
        comment: eb.ref('excluded.comment'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute()
}

/** Records the complete review's weighted total; the first completion time is kept. */
export async function setTotal(
  trx: Trx,
  provinceId: string,
  applicationId: string,
  reviewerId: string,
  total: number,
  now: Date,
) {
  await trx
    .updateTable('review_assignments')
    .set((eb) => ({ total: total.toFixed(2), scored_at: eb.fn.coalesce('scored_at', sql<Date>`${now}`) }))
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .where('reviewer_id', '=', reviewerId)
    .execute()
}

/** Locks the call's rubric at the first saved score (a no-op afterwards). */
export async function lockRubric(trx: Trx, provinceId: string, callId: string, now: Date) {
  await trx
    .updateTable('calls')
    .set({ rubric_locked_at: now })
    .where('province_id', '=', provinceId)
    .where('id', '=', callId)
    .where('rubric_locked_at', 'is', null)
    .execute()
}

/** Marks the reviewer's "no conflict" declaration once. */
export async function markDeclared(trx: Trx, provinceId: string, applicationId: string, reviewerId: string, now: Date) {
  await trx
    .updateTable('review_assignments')
    .set({ declared_at: now })
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .where('reviewer_id', '=', reviewerId)
    .where('declared_at', 'is', null)
    .execute()
}

/** Whether the reviewer already declared a conflict on the application. */
export async function hasDeclaredConflict(trx: Trx, provinceId: string, applicationId: string, reviewerId: string) {
  const row = await trx
    .selectFrom('review_conflicts')
    .select('kind')
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .where('reviewer_id', '=', reviewerId)
    .where('source', '=', 'declared')
    .executeTakeFirst()
  return !!row
}

/** Records a declared conflict and removes the reviewer's (still unscored) assignment. */
export async function declareConflict(
  trx: Trx,
  provinceId: string,
  applicationId: string,
  reviewerId: string,
  conflict: { kind: ConflictKind; note: string | null },
  now: Date,
): Promise<void> {
  await trx
    .insertInto('review_conflicts')
    .values({
      province_id: provinceId,
      application_id: applicationId,
      reviewer_id: reviewerId,
      source: 'declared',
      kind: conflict.kind,
      note: conflict.note,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['province_id', 'application_id', 'reviewer_id', 'source']).doNothing())
    .execute()
  await trx
    .deleteFrom('review_assignments')
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .where('reviewer_id', '=', reviewerId)
    .execute()
}

/** The reviewer's next unscored assignment in the edition after `afterId` in queue order (wrapping round). */
export async function findNextUnscored(
  trx: Trx,
  provinceId: string,
  editionId: string,
  reviewerId: string,
  after: { id: string; receipt_number: string | null },
): Promise<string | undefined> {
  const rows = await trx
    .selectFrom('review_assignments as ra')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'ra.province_id').onRef('a.id', '=', 'ra.application_id'),
    )
    .select(['a.id', 'a.receipt_number'])
    .where('ra.province_id', '=', provinceId)
    .where('ra.reviewer_id', '=', reviewerId)
    .where('a.edition_id', '=', editionId)
    .where('a.status', '=', 'in_review')
    .where('ra.scored_at', 'is', null)
    .where('a.id', '<>', after.id)
    .orderBy(inQueueOrder)
    .orderBy('a.id')
    .execute()
  const key = (r: { id: string; receipt_number: string | null }) => `${r.receipt_number ?? ''}\u0000${r.id}`
  const later = rows.find((r) => key(r) > key(after))
  return (later ?? rows[0])?.id
}
