import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

// What the dashboard and the report read: the summary rows the refresh wrote, plus the
// few small live tables (calls, selections, Final Night pitches), all in the national
// read-only scope. Editions, phases, milestones and national issues are reference data.

/** Every edition, newest first, for the edition filter. */
export function listEditions(db: DB) {
  return db
    .selectFrom('editions')
    .select(['id', 'slug', 'name', 'starts_on', 'ends_on', 'status'])
    .orderBy('starts_on', 'desc')
    .execute()
}

/** The edition's phases and the provinces each runs. */
export function listPhaseProvinces(db: DB, editionId: string) {
  return db
    .selectFrom('phase_provinces as pp')
    .innerJoin('phases as ph', 'ph.id', 'pp.phase_id')
    .select(['pp.province_id', 'ph.id as phase_id', 'ph.number'])
    .where('pp.edition_id', '=', editionId)
    .execute()
}

/** The edition's milestones, in date order. */
export function listEditionMilestones(db: DB, editionId: string) {
  return db
    .selectFrom('milestones as m')
    .innerJoin('phases as ph', 'ph.id', 'm.phase_id')
    .select(['m.phase_id', 'ph.number as phase', 'm.kind', 'm.starts_on', 'm.ends_on'])
    .where('m.edition_id', '=', editionId)
    .orderBy('ph.number')
    .orderBy('m.starts_on')
    .orderBy('m.ends_on', (ob) => ob.asc().nullsFirst())
    .execute()
}

/** National issues in their order. */
export function listIssues(db: DB) {
  return db
    .selectFrom('national_issues')
    .select(['id', 'code', 'name_id', 'name_en', 'retired_at'])
    .orderBy('position')
    .execute()
}

/** The summary funnel rows of the edition (every province). */
export function readIssueCounts(trx: Trx, editionId: string) {
  return trx
    .selectFrom('oversight_issue_counts')
    .select([
      'province_id',
      'national_issue_id',
      'drafts',
      'submitted',
      'eligible',
      'reviewed',
      'shortlisted',
      'finalists',
      'mentored',
    ])
    .where('edition_id', '=', editionId)
    .execute()
}

/** The summary applicant and review rows of the edition, with when each was counted. */
export function readProvinceCounts(trx: Trx, editionId: string) {
  return trx
    .selectFrom('oversight_province_counts')
    .select(['province_id', 'registered', 'reviewers', 'assigned', 'scored', 'overdue', 'refreshed_at'])
    .where('edition_id', '=', editionId)
    .execute()
}

/** The edition's published calls (a few per province). */
export function listCalls(trx: Trx, editionId: string) {
  return trx
    .selectFrom('calls')
    .select(['province_id', 'opens_at', 'closes_at', 'review_closes_at'])
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .execute()
}

/** Selections of the edition sent to the ministry and not yet decided. */
export function listAwaitingSelections(trx: Trx, editionId: string) {
  return trx
    .selectFrom('selections as s')
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 's.province_id').onRef('c.id', '=', 's.call_id'))
    .select(['s.province_id', 's.submitted_at'])
    .where('c.edition_id', '=', editionId)
    .where('s.status', '=', 'awaiting_confirmation')
    .execute()
}

/** Finalists on the stage of the edition's Final Night, by province and national issue (live: a few dozen rows). */
export function countFinalNightPitches(trx: Trx, editionId: string) {
  return trx
    .selectFrom('final_night_pitches as p')
    .innerJoin('final_nights as e', 'e.id', 'p.event_id')
    .select(['p.province_id', 'p.national_issue_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('e.edition_id', '=', editionId)
    .groupBy(['p.province_id', 'p.national_issue_id'])
    .execute()
}

/** The finalists the provinces chose for the edition, named as submitted (the snapshot), with their selection's state. */
export function listFinalists(trx: Trx, editionId: string) {
  return trx
    .selectFrom('selection_entries as se')
    .innerJoin('selections as s', (j) =>
      j.onRef('s.province_id', '=', 'se.province_id').onRef('s.call_id', '=', 'se.call_id'),
    )
    .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 'se.province_id').onRef('c.id', '=', 'se.call_id'))
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'se.province_id').onRef('a.id', '=', 'se.application_id'),
    )
    .innerJoin('venture_snapshots as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .select(['se.province_id', 'v.name as venture', 'pi.title_id', 'pi.title_en', 's.status'])
    .where('c.edition_id', '=', editionId)
    .where('se.stage', '=', 'finalist')
    .orderBy('v.name')
    .execute()
}
