import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { SelectionStatus } from '#db/schema.ts'
import type { Stage } from './selection-rules.ts'

// Kysely only. The province's selection of a call (issue 7): its state, its entries,
// the transitions, and the publication that turns entries into outcomes. Every query
// names the province (docs/ARCHITECTURE.md#tenancy, layer 4).

/** The selection of a call, locked for the rest of the transaction so transitions never interleave. */
export async function lockSelection(trx: Trx, provinceId: string, callId: string) {
  await trx
    .insertInto('selections')
    .values({ province_id: provinceId, call_id: callId })
    .onConflict((oc) => oc.columns(['province_id', 'call_id']).doNothing())
    .execute()
  return trx
    .selectFrom('selections')
    .selectAll()
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .forUpdate()
    .executeTakeFirstOrThrow()
}

/** The selection of a call as it stands, or undefined when nothing was chosen yet. */
export function findSelection(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('selections')
    .selectAll()
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .executeTakeFirst()
}

/** The entries of a call's selection. */
export function listEntries(trx: Trx, provinceId: string, callId: string) {
  return trx
    .selectFrom('selection_entries')
    .select(['application_id', 'stage', 'justification'])
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .execute()
}

/** Whether an application of the call is under review with at least one completed review. */
export async function isRankable(trx: Trx, provinceId: string, callId: string, applicationId: string) {
  const row = await trx
    .selectFrom('applications as a')
    .select('a.id')
    .where('a.province_id', '=', provinceId)
    .where('a.call_id', '=', callId)
    .where('a.id', '=', applicationId)
    .where('a.status', '=', 'in_review')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('review_assignments as ra')
          .select(sql`1`.as('one'))
          .whereRef('ra.province_id', '=', 'a.province_id')
          .whereRef('ra.application_id', '=', 'a.id')
          .where('ra.total', 'is not', null),
      ),
    )
    .executeTakeFirst()
  return row !== undefined
}

export interface EntryWrite {
  provinceId: string
  callId: string
  applicationId: string
  stage: Stage
  justification: string
  decidedBy: string
}

/** Puts an application on the shortlist or among the finalists (again: the latest choice wins). */
export function upsertEntry(trx: Trx, e: EntryWrite) {
  return trx
    .insertInto('selection_entries')
    .values({
      province_id: e.provinceId,
      call_id: e.callId,
      application_id: e.applicationId,
      stage: e.stage,
      justification: e.justification,
      decided_by: e.decidedBy,
    })
    .onConflict((oc) =>
      oc.columns(['province_id', 'application_id']).doUpdateSet({
        stage: e.stage,
        justification: e.justification,
        decided_by: e.decidedBy,
        decided_at: new Date(),
      }),
    )
    .execute()
}

/** Takes an application out of the selection; the number of rows removed. */
export async function deleteEntry(trx: Trx, provinceId: string, callId: string, applicationId: string) {
  const result = await trx
    .deleteFrom('selection_entries')
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

export interface Transition {
  status: SelectionStatus
  submitted_by?: string
  submitted_at?: Date
  decided_by?: string
  decided_at?: Date
  return_note?: string | null
  published_at?: Date
}

/** Moves the selection from the state its caller read under `lockSelection` (`from`) to a new one, with who and when. */
export function updateSelection(
  trx: Trx,
  provinceId: string,
  callId: string,
  from: SelectionStatus,
  change: Transition,
) {
  return trx
    .updateTable('selections')
    .set({ ...change, updated_at: new Date() })
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .where('status', '=', from)
    .execute()
}

/**
 * Publication in three statements whatever the number of applications: every
 * application of the call still under review takes its outcome (its stage, else not
 * selected) and gets the matching timeline event. Returns who to tell what.
 */
export async function applyOutcomes(trx: Trx, provinceId: string, callId: string, at: Date) {
  const changed = await sql<{ id: string; status: 'finalist' | 'shortlisted' | 'not_selected' }>`
    update applications a
       set status = coalesce(se.stage, 'not_selected'), updated_at = ${at}
      from applications a0
      left join selection_entries se on se.province_id = a0.province_id and se.application_id = a0.id
     where a.province_id = a0.province_id and a.id = a0.id
       and a.province_id = ${provinceId} and a.call_id = ${callId} and a.status = 'in_review'
    returning a.id, a.status`.execute(trx)
  if (changed.rows.length === 0) return []
  const ids = changed.rows.map((r) => r.id)
  await sql`
    insert into application_events (province_id, application_id, status, at)
    select ${provinceId}, a.id,
           case a.status when 'finalist' then 'finalist' when 'shortlisted' then 'shortlisted' else 'decision' end,
           ${at}
      from applications a
     where a.province_id = ${provinceId} and a.id = any(${ids}::uuid[])`.execute(trx)
  return trx
    .selectFrom('applications as a')
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .select([
      'a.id',
      'a.status',
      'a.receipt_number',
      'a.applicant_id',
      'u.email',
      'u.name',
      'u.locale',
      'v.name as venture_name',
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
    ])
    .where('a.province_id', '=', provinceId)
    .where('a.id', 'in', ids)
    .execute()
}

/** Every province's selection in an edition, for the ministry's list (national scope). */
export function listSelectionsOfEdition(trx: Trx, editionId: string) {
  return trx
    .selectFrom('selections as s')
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 's.province_id').onRef('c.id', '=', 's.call_id'))
    .select(['s.province_id', 's.call_id', 's.status', 's.submitted_at', 's.decided_at', 's.published_at'])
    .select((eb) =>
      eb
        .selectFrom('selection_entries as se')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('se.province_id', '=', 's.province_id')
        .whereRef('se.call_id', '=', 's.call_id')
        .where('se.stage', '=', 'finalist')
        .as('finalists'),
    )
    .where('c.edition_id', '=', editionId)
    .execute()
}

/** The published finalists of a province in an edition, for the public portal. */
export function listPublishedFinalists(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('selection_entries as se')
    .innerJoin('selections as s', (j) =>
      j.onRef('s.province_id', '=', 'se.province_id').onRef('s.call_id', '=', 'se.call_id'),
    )
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 's.province_id').onRef('c.id', '=', 's.call_id'))
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'se.province_id').onRef('a.id', '=', 'se.application_id'),
    )
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .select(['a.id', 'v.name as venture_name', 'pi.title_id as issue_title_id', 'pi.title_en as issue_title_en'])
    .where('se.province_id', '=', provinceId)
    .where('c.edition_id', '=', editionId)
    .where('s.status', '=', 'published')
    .where('se.stage', '=', 'finalist')
    .where('a.status', '=', 'finalist')
    .orderBy('v.name')
    .execute()
}

/** An applicant's own published outcome: the selection's state for their application's call. */
export function findOwnOutcome(trx: Trx, provinceId: string, applicantId: string, applicationId: string) {
  return trx
    .selectFrom('applications as a')
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 'a.province_id').onRef('c.id', '=', 'a.call_id'))
    .innerJoin('selections as s', (j) =>
      j.onRef('s.province_id', '=', 'a.province_id').onRef('s.call_id', '=', 'a.call_id'),
    )
    .select(['a.id', 'a.status', 'c.share_scores', 's.published_at'])
    .where('a.province_id', '=', provinceId)
    .where('a.id', '=', applicationId)
    .where('a.applicant_id', '=', applicantId)
    .where('s.status', '=', 'published')
    .executeTakeFirst()
}

/** Per criterion of the call's rubric: the mean score and the comments on one application, with no reviewer named. */
export function listOwnScores(trx: Trx, provinceId: string, applicationId: string) {
  return (
    trx
      .selectFrom('review_scores as rs')
      .innerJoin('rubric_criteria as rc', (j) =>
        j.onRef('rc.province_id', '=', 'rs.province_id').onRef('rc.id', '=', 'rs.criterion_id'),
      )
      .innerJoin('review_assignments as ra', (j) =>
        j
          .onRef('ra.province_id', '=', 'rs.province_id')
          .onRef('ra.application_id', '=', 'rs.application_id')
          .onRef('ra.reviewer_id', '=', 'rs.reviewer_id'),
      )
      .select([
        'rc.id',
        'rc.title_id',
        'rc.title_en',
        'rc.weight',
        'rc.position',
        sql<string>`avg(rs.score)`.as('mean'),
        // Comments in a fixed order that says nothing about who wrote them.
        sql<
          string[]
        >`array_remove(array_agg(nullif(btrim(rs.comment), '') order by md5(rs.reviewer_id::text || rs.application_id::text)), null)`.as(
          'comments',
        ),
      ])
      .where('rs.province_id', '=', provinceId)
      .where('rs.application_id', '=', applicationId)
      // Only completed reviews count: a half-finished one is not part of the result.
      .where('ra.total', 'is not', null)
      .groupBy(['rc.id', 'rc.title_id', 'rc.title_en', 'rc.weight', 'rc.position'])
      .orderBy('rc.position')
      .execute()
  )
}
