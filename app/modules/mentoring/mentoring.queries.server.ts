import { type ExpressionBuilder, sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database, MentorKind } from '#db/schema.ts'

// Kysely only. Mentoring cohorts (issue 14): the cohort with the ids its checks need,
// its finalists, mentors and their invitations (sessions.queries.server.ts and
// plans.queries.server.ts hold the rest). Every function takes `trx` first and names
// the province (docs/ARCHITECTURE.md#tenancy, layer 4).

type Cohorts = ExpressionBuilder<Database & { c: Database['mentoring_cohorts'] }, 'c'>

/** The ids of the cohort's mentors (every kind) and of its ERAT coordinators, as arrays. */
const mentorIds = (eb: Cohorts, kind?: MentorKind) =>
  eb
    .selectFrom('cohort_mentors as m')
    .select(sql<string[]>`coalesce(array_agg(m.user_id::text), '{}')`.as('ids'))
    .whereRef('m.province_id', '=', 'c.province_id')
    .whereRef('m.cohort_id', '=', 'c.id')
    .$if(kind !== undefined, (q) => q.where('m.kind', '=', kind as MentorKind))

/** The aggregates are never null (coalesce to an empty array). */
type Ids = { mentor_ids: string[]; coordinator_ids: string[] }

const cohortColumns = (eb: Cohorts) =>
  [
    'c.province_id',
    'c.id',
    'c.edition_id',
    'c.created_at',
    mentorIds(eb).as('mentor_ids'),
    mentorIds(eb, 'erat_coordinator').as('coordinator_ids'),
  ] as const

/** A cohort of the province with the ids of its mentors and coordinators, or undefined. */
export function findCohort(trx: Trx, provinceId: string, cohortId: string) {
  return trx
    .selectFrom('mentoring_cohorts as c')
    .innerJoin('editions as e', 'e.id', 'c.edition_id')
    .select((eb) => [...cohortColumns(eb), 'e.name as edition_name'])
    .where('c.province_id', '=', provinceId)
    .where('c.id', '=', cohortId)
    .$narrowType<Ids>()
    .executeTakeFirst()
}

/** The province's cohorts, newest edition first, with their sizes. */
export function listCohorts(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('mentoring_cohorts as c')
    .innerJoin('editions as e', 'e.id', 'c.edition_id')
    .select((eb) => [
      ...cohortColumns(eb),
      'e.name as edition_name',
      eb
        .selectFrom('cohort_finalists as f')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('f.province_id', '=', 'c.province_id')
        .whereRef('f.cohort_id', '=', 'c.id')
        .as('finalists'),
      eb
        .selectFrom('mentoring_sessions as s')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('s.province_id', '=', 'c.province_id')
        .whereRef('s.cohort_id', '=', 'c.id')
        .as('sessions'),
    ])
    .where('c.province_id', '=', provinceId)
    .orderBy('e.starts_on', 'desc')
    .$narrowType<Ids>()
    .execute()
}

/** Every province's cohorts (national scope), for the national overview. */
export function listAllCohorts(trx: Trx) {
  return trx
    .selectFrom('mentoring_cohorts as c')
    .innerJoin('editions as e', 'e.id', 'c.edition_id')
    .innerJoin('provinces as p', 'p.id', 'c.province_id')
    .select((eb) => [
      'c.id',
      'p.slug',
      'p.name as province_name',
      'e.name as edition_name',
      eb
        .selectFrom('cohort_finalists as f')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('f.province_id', '=', 'c.province_id')
        .whereRef('f.cohort_id', '=', 'c.id')
        .as('finalists'),
      eb
        .selectFrom('cohort_mentors as m')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('m.province_id', '=', 'c.province_id')
        .whereRef('m.cohort_id', '=', 'c.id')
        .as('mentors'),
      eb
        .selectFrom('mentoring_sessions as s')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('s.province_id', '=', 'c.province_id')
        .whereRef('s.cohort_id', '=', 'c.id')
        .as('sessions'),
    ])
    .orderBy('p.name')
    .orderBy('e.starts_on', 'desc')
    .execute()
}

/**
 * The finalists of the province's confirmed or published selections in an edition
 * (issue 7: selection_entries at the finalist stage), whether or not in a cohort yet.
 */
export function listConfirmedFinalists(trx: Trx, provinceId: string, editionId: string) {
  return trx
    .selectFrom('selection_entries as se')
    .innerJoin('selections as s', (j) =>
      j.onRef('s.province_id', '=', 'se.province_id').onRef('s.call_id', '=', 'se.call_id'),
    )
    .innerJoin('calls as k', (j) => j.onRef('k.province_id', '=', 's.province_id').onRef('k.id', '=', 's.call_id'))
    .select('se.application_id')
    .where('se.province_id', '=', provinceId)
    .where('k.edition_id', '=', editionId)
    .where('s.status', 'in', ['confirmed', 'published'])
    .where('se.stage', '=', 'finalist')
    .execute()
}

/** Editions in which the province has confirmed or published finalists, and whether a cohort exists. */
export function listEditionsWithFinalists(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('selections as s')
    .innerJoin('calls as k', (j) => j.onRef('k.province_id', '=', 's.province_id').onRef('k.id', '=', 's.call_id'))
    .innerJoin('editions as e', 'e.id', 'k.edition_id')
    .select(['e.id', 'e.name'])
    .where('s.province_id', '=', provinceId)
    .where('s.status', 'in', ['confirmed', 'published'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('mentoring_cohorts as c')
            .select('c.id')
            .whereRef('c.province_id', '=', 's.province_id')
            .whereRef('c.edition_id', '=', 'e.id'),
        ),
      ),
    )
    .distinct()
    .orderBy('e.name')
    .execute()
}

export function insertCohort(trx: Trx, provinceId: string, editionId: string, createdBy: string) {
  return trx
    .insertInto('mentoring_cohorts')
    .values({ province_id: provinceId, edition_id: editionId, created_by: createdBy })
    .onConflict((oc) => oc.columns(['province_id', 'edition_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
}

/** Adds finalists to a cohort; answers the ones that were new. */
export async function addFinalists(trx: Trx, provinceId: string, cohortId: string, applicationIds: string[]) {
  if (applicationIds.length === 0) return []
  const rows = await trx
    .insertInto('cohort_finalists')
    .values(applicationIds.map((a) => ({ province_id: provinceId, cohort_id: cohortId, application_id: a })))
    .onConflict((oc) => oc.doNothing())
    .returning('application_id')
    .execute()
  return rows.map((r) => r.application_id)
}

/** The cohort's finalists: venture, applicant, issue and the OPD that owns the issue. */
export function listFinalists(trx: Trx, provinceId: string, cohortId: string) {
  return (
    trx
      .selectFrom('cohort_finalists as f')
      .innerJoin('applications as a', (j) =>
        j.onRef('a.province_id', '=', 'f.province_id').onRef('a.id', '=', 'f.application_id'),
      )
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      // A finalist was submitted, so its profile is the snapshot taken then (docs/decisions/006).
      .innerJoin('venture_snapshots as vs', (j) =>
        j.onRef('vs.province_id', '=', 'a.province_id').onRef('vs.id', '=', 'a.venture_snapshot_id'),
      )
      .innerJoin('province_issues as pi', (j) =>
        j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
      )
      .innerJoin('opds as o', (j) =>
        j.onRef('o.province_id', '=', 'pi.province_id').onRef('o.id', '=', 'pi.lead_opd_id'),
      )
      .select([
        'a.id',
        'a.applicant_id',
        'a.receipt_number',
        'u.name as applicant_name',
        'vs.name as venture',
        'pi.title_id as issue_title_id',
        'pi.title_en as issue_title_en',
        'o.name as opd_name',
      ])
      .where('f.province_id', '=', provinceId)
      .where('f.cohort_id', '=', cohortId)
      .orderBy('venture')
      .execute()
  )
}

/** The cohort's mentors with who they are. */
export function listMentors(trx: Trx, provinceId: string, cohortId: string) {
  return trx
    .selectFrom('cohort_mentors as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.name', 'u.email', 'm.kind', 'm.organisation', 'm.expertise'])
    .where('m.province_id', '=', provinceId)
    .where('m.cohort_id', '=', cohortId)
    .orderBy('u.name')
    .execute()
}

export function listPendingInvitations(trx: Trx, provinceId: string, cohortId: string, now: Date) {
  return trx
    .selectFrom('mentor_invitations')
    .select(['id', 'name', 'email', 'kind', 'organisation', 'expires_at'])
    .where('province_id', '=', provinceId)
    .where('cohort_id', '=', cohortId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute()
}

export interface NewInvitation {
  provinceId: string
  cohortId: string
  email: string
  name: string
  kind: MentorKind
  organisation: string
  expertise: string[]
  tokenHash: string
  invitedBy: string
  expiresAt: Date
}

/** A new invitation for the address replaces any pending one to the same cohort. */
export async function insertInvitation(trx: Trx, i: NewInvitation, now: Date) {
  await trx
    .updateTable('mentor_invitations')
    .set({ revoked_at: now })
    .where('province_id', '=', i.provinceId)
    .where('cohort_id', '=', i.cohortId)
    .where('email', '=', i.email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute()
  return trx
    .insertInto('mentor_invitations')
    .values({
      province_id: i.provinceId,
      cohort_id: i.cohortId,
      email: i.email,
      name: i.name,
      kind: i.kind,
      organisation: i.organisation,
      expertise: i.expertise,
      token_hash: i.tokenHash,
      invited_by: i.invitedBy,
      expires_at: i.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** A usable invitation by its token hash (locked when `lock`). */
export function findUsableInvitation(trx: Trx, provinceId: string, tokenHash: string, now: Date, lock = false) {
  return trx
    .selectFrom('mentor_invitations')
    .select(['id', 'cohort_id', 'email', 'name', 'kind', 'organisation', 'expertise', 'invited_by'])
    .where('province_id', '=', provinceId)
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst()
}

/** Whether the address already mentors the cohort. */
export async function isMentorByEmail(trx: Trx, provinceId: string, cohortId: string, email: string) {
  const row = await trx
    .selectFrom('cohort_mentors as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.user_id')
    .where('m.province_id', '=', provinceId)
    .where('m.cohort_id', '=', cohortId)
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', email))
    .executeTakeFirst()
  return row !== undefined
}
