import { type ExpressionBuilder, sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { ActionState, Database, MentorKind } from '#db/schema.ts'

// Kysely only. Mentoring cohorts (issue 14): the cohort with the ids its checks need,
// finalists, mentors and their invitations, sessions, participants, notes, action
// items and plan milestones. Every function takes `trx` first and names the province
// (docs/ARCHITECTURE.md#tenancy, layer 4).

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
  return trx
    .selectFrom('cohort_finalists as f')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'f.province_id').onRef('a.id', '=', 'f.application_id'),
    )
    .innerJoin('users as u', 'u.id', 'a.applicant_id')
    .innerJoin('ventures as v', (j) =>
      j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_id'),
    )
    .leftJoin('venture_snapshots as vs', (j) =>
      j.onRef('vs.province_id', '=', 'a.province_id').onRef('vs.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('province_issues as pi', (j) =>
      j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
    )
    .innerJoin('opds as o', (j) => j.onRef('o.province_id', '=', 'pi.province_id').onRef('o.id', '=', 'pi.lead_opd_id'))
    .select([
      'a.id',
      'a.applicant_id',
      'a.receipt_number',
      'u.name as applicant_name',
      sql<string>`coalesce(vs.name, v.name)`.as('venture'),
      'pi.title_id as issue_title_id',
      'pi.title_en as issue_title_en',
      'o.name as opd_name',
    ])
    .where('f.province_id', '=', provinceId)
    .where('f.cohort_id', '=', cohortId)
    .orderBy('venture')
    .execute()
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

/** The cohorts of the province that name the user as a mentor. */
export function listCohortIdsOfMentor(trx: Trx, provinceId: string, userId: string) {
  return trx
    .selectFrom('cohort_mentors')
    .select('cohort_id')
    .where('province_id', '=', provinceId)
    .where('user_id', '=', userId)
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

export interface SessionRow {
  provinceId: string
  cohortId: string
  startsAt: Date
  durationMinutes: number
  mode: 'online' | 'offline'
  link: string | null
  place: string | null
  agenda: string
  createdBy: string
}

export function insertSession(trx: Trx, s: SessionRow) {
  return trx
    .insertInto('mentoring_sessions')
    .values({
      province_id: s.provinceId,
      cohort_id: s.cohortId,
      starts_at: s.startsAt,
      duration_minutes: s.durationMinutes,
      mode: s.mode,
      link: s.link,
      place: s.place,
      agenda: s.agenda,
      created_by: s.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function insertParticipants(
  trx: Trx,
  provinceId: string,
  sessionId: string,
  people: { userId: string; role: 'mentor' | 'finalist' }[],
) {
  if (people.length === 0) return
  await trx
    .insertInto('session_participants')
    .values(people.map((p) => ({ province_id: provinceId, session_id: sessionId, user_id: p.userId, role: p.role })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/** The cohort's sessions, earliest first, with how many are expected and how many came. */
export function listSessions(trx: Trx, provinceId: string, cohortId: string) {
  return trx
    .selectFrom('mentoring_sessions as s')
    .select((eb) => [
      's.id',
      's.starts_at',
      's.duration_minutes',
      's.mode',
      's.link',
      's.place',
      's.agenda',
      eb
        .selectFrom('session_participants as sp')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('sp.province_id', '=', 's.province_id')
        .whereRef('sp.session_id', '=', 's.id')
        .as('expected'),
      eb
        .selectFrom('session_participants as sp')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('sp.province_id', '=', 's.province_id')
        .whereRef('sp.session_id', '=', 's.id')
        .where('sp.attended', '=', true)
        .as('present'),
    ])
    .where('s.province_id', '=', provinceId)
    .where('s.cohort_id', '=', cohortId)
    .orderBy('s.starts_at')
    .execute()
}

export function findSession(trx: Trx, provinceId: string, cohortId: string, sessionId: string) {
  return trx
    .selectFrom('mentoring_sessions')
    .selectAll()
    .where('province_id', '=', provinceId)
    .where('cohort_id', '=', cohortId)
    .where('id', '=', sessionId)
    .executeTakeFirst()
}

export function listParticipants(trx: Trx, provinceId: string, sessionId: string) {
  return trx
    .selectFrom('session_participants as sp')
    .innerJoin('users as u', 'u.id', 'sp.user_id')
    .select(['sp.user_id', 'u.name', 'sp.role', 'sp.attended'])
    .where('sp.province_id', '=', provinceId)
    .where('sp.session_id', '=', sessionId)
    .orderBy('sp.role')
    .orderBy('u.name')
    .execute()
}

/** Records who came: the listed people present, every other expected person absent. */
export async function recordAttendance(
  trx: Trx,
  provinceId: string,
  sessionId: string,
  present: string[],
  by: string,
  at: Date,
) {
  await trx
    .updateTable('session_participants')
    .set({
      attended: present.length > 0 ? sql<boolean>`user_id in (${sql.join(present)})` : false,
      recorded_by: by,
      recorded_at: at,
    })
    .where('province_id', '=', provinceId)
    .where('session_id', '=', sessionId)
    .execute()
}

export function insertNote(
  trx: Trx,
  n: { provinceId: string; sessionId: string; authorId: string; audience: 'finalists' | 'internal'; body: string },
) {
  return trx
    .insertInto('session_notes')
    .values({
      province_id: n.provinceId,
      session_id: n.sessionId,
      author_id: n.authorId,
      audience: n.audience,
      body: n.body,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** A session's notes, oldest first; only those for the finalists unless `internal`. */
export function listNotes(trx: Trx, provinceId: string, sessionIds: string[], internal: boolean) {
  if (sessionIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('session_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.session_id', 'n.audience', 'n.body', 'n.created_at', 'u.name as author'])
    .where('n.province_id', '=', provinceId)
    .where('n.session_id', 'in', sessionIds)
    .$if(!internal, (q) => q.where('n.audience', '=', 'finalists'))
    .orderBy('n.created_at')
    .execute()
}

export interface ActionRow {
  provinceId: string
  cohortId: string
  sessionId: string | null
  applicationId: string | null
  title: string
  ownerId: string
  dueOn: string
  createdBy: string
}

export function insertAction(trx: Trx, a: ActionRow) {
  return trx
    .insertInto('mentoring_actions')
    .values({
      province_id: a.provinceId,
      cohort_id: a.cohortId,
      session_id: a.sessionId,
      application_id: a.applicationId,
      title: a.title,
      owner_id: a.ownerId,
      due_on: a.dueOn,
      created_by: a.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

const actionColumns = [
  'i.id',
  'i.title',
  'i.due_on',
  'i.state',
  'i.session_id',
  'i.application_id',
  'i.owner_id',
  'u.name as owner_name',
] as const

/** The cohort's action items, by due day. */
export function listActions(trx: Trx, provinceId: string, cohortId: string) {
  return trx
    .selectFrom('mentoring_actions as i')
    .innerJoin('users as u', 'u.id', 'i.owner_id')
    .select(actionColumns)
    .where('i.province_id', '=', provinceId)
    .where('i.cohort_id', '=', cohortId)
    .orderBy('i.due_on')
    .orderBy('i.created_at')
    .execute()
}

/** A finalist's action items: about their application, or owned by them. */
export function listFinalistActions(
  trx: Trx,
  provinceId: string,
  cohortId: string,
  applicationId: string,
  userId: string,
) {
  return trx
    .selectFrom('mentoring_actions as i')
    .innerJoin('users as u', 'u.id', 'i.owner_id')
    .select(actionColumns)
    .where('i.province_id', '=', provinceId)
    .where('i.cohort_id', '=', cohortId)
    .where((eb) => eb.or([eb('i.application_id', '=', applicationId), eb('i.owner_id', '=', userId)]))
    .orderBy('i.due_on')
    .execute()
}

export function updateActionState(
  trx: Trx,
  provinceId: string,
  cohortId: string,
  itemId: string,
  state: ActionState,
  at: Date,
) {
  return trx
    .updateTable('mentoring_actions')
    .set({ state, updated_at: at })
    .where('province_id', '=', provinceId)
    .where('cohort_id', '=', cohortId)
    .where('id', '=', itemId)
    .returning(['id', 'state'])
    .executeTakeFirst()
}

export function findAction(trx: Trx, provinceId: string, cohortId: string, itemId: string) {
  return trx
    .selectFrom('mentoring_actions')
    .select(['id', 'state'])
    .where('province_id', '=', provinceId)
    .where('cohort_id', '=', cohortId)
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst()
}

/** Adds the default milestones to new finalists' plans (a key already there is left alone). */
export async function insertDefaultMilestones(
  trx: Trx,
  provinceId: string,
  cohortId: string,
  applicationIds: string[],
  keys: readonly string[],
  createdBy: string,
) {
  if (applicationIds.length === 0) return
  await trx
    .insertInto('plan_milestones')
    .values(
      applicationIds.flatMap((a) =>
        keys.map((key, i) => ({
          province_id: provinceId,
          cohort_id: cohortId,
          application_id: a,
          key,
          position: i + 1,
          created_by: createdBy,
        })),
      ),
    )
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function insertMilestone(
  trx: Trx,
  m: { provinceId: string; cohortId: string; applicationId: string; title: string; createdBy: string },
) {
  const last = await trx
    .selectFrom('plan_milestones')
    .select((eb) => eb.fn.max('position').as('n'))
    .where('province_id', '=', m.provinceId)
    .where('application_id', '=', m.applicationId)
    .executeTakeFirst()
  return trx
    .insertInto('plan_milestones')
    .values({
      province_id: m.provinceId,
      cohort_id: m.cohortId,
      application_id: m.applicationId,
      title: m.title,
      position: Number(last?.n ?? 0) + 1,
      created_by: m.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** A finalist's plan, in order, with who gave evidence and who signed off. */
export function listMilestones(trx: Trx, provinceId: string, cohortId: string, applicationId: string) {
  return trx
    .selectFrom('plan_milestones as m')
    .leftJoin('users as eu', 'eu.id', 'm.evidence_by')
    .leftJoin('users as su', 'su.id', 'm.signed_off_by')
    .leftJoin('files as f', (j) =>
      j.onRef('f.province_id', '=', 'm.province_id').onRef('f.id', '=', 'm.evidence_file_id'),
    )
    .select([
      'm.id',
      'm.key',
      'm.title',
      'm.evidence_text',
      'm.evidence_link',
      'm.evidence_file_id',
      'f.original_name as evidence_file_name',
      'm.evidence_at',
      'eu.name as evidence_by_name',
      'm.signed_off_at',
      'su.name as signed_off_by_name',
    ])
    .where('m.province_id', '=', provinceId)
    .where('m.cohort_id', '=', cohortId)
    .where('m.application_id', '=', applicationId)
    .orderBy('m.position')
    .execute()
}

export function findMilestone(
  trx: Trx,
  provinceId: string,
  cohortId: string,
  applicationId: string,
  milestoneId: string,
) {
  return trx
    .selectFrom('plan_milestones')
    .select(['id', 'evidence_text', 'evidence_link', 'evidence_file_id', 'signed_off_at'])
    .where('province_id', '=', provinceId)
    .where('cohort_id', '=', cohortId)
    .where('application_id', '=', applicationId)
    .where('id', '=', milestoneId)
    .forUpdate()
    .executeTakeFirst()
}

export function setEvidence(
  trx: Trx,
  provinceId: string,
  milestoneId: string,
  e: { text: string | null; link: string | null; fileId: string | null; by: string; at: Date },
) {
  return trx
    .updateTable('plan_milestones')
    .set({
      evidence_text: e.text,
      evidence_link: e.link,
      evidence_file_id: e.fileId,
      evidence_by: e.by,
      evidence_at: e.at,
    })
    .where('province_id', '=', provinceId)
    .where('id', '=', milestoneId)
    .execute()
}

export function signOffMilestone(trx: Trx, provinceId: string, milestoneId: string, by: string, at: Date) {
  return trx
    .updateTable('plan_milestones')
    .set({ signed_off_by: by, signed_off_at: at })
    .where('province_id', '=', provinceId)
    .where('id', '=', milestoneId)
    .execute()
}

/** Plan progress per finalist of a cohort: milestones and how many are signed off. */
export function planProgress(trx: Trx, provinceId: string, cohortId: string) {
  return trx
    .selectFrom('plan_milestones')
    .select((eb) => [
      'application_id',
      eb.fn.countAll<string>().as('total'),
      eb.fn.count<string>('signed_off_at').as('signed'),
    ])
    .where('province_id', '=', provinceId)
    .where('cohort_id', '=', cohortId)
    .groupBy('application_id')
    .execute()
}

/** The milestone that holds an evidence file, with its cohort and finalist application. */
export function findEvidenceOwner(trx: Trx, provinceId: string, fileId: string) {
  return trx
    .selectFrom('plan_milestones as m')
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'm.province_id').onRef('a.id', '=', 'm.application_id'),
    )
    .select(['m.cohort_id', 'm.application_id', 'a.applicant_id', 'a.status'])
    .where('m.province_id', '=', provinceId)
    .where('m.evidence_file_id', '=', fileId)
    .executeTakeFirst()
}

/**
 * An applicant's own application once published as a finalist, with its cohort (null
 * while mentoring has not started); undefined for anything else.
 */
export function findOwnCohortPlace(trx: Trx, provinceId: string, applicantId: string, applicationId: string) {
  return trx
    .selectFrom('applications as a')
    .leftJoin('cohort_finalists as f', (j) =>
      j.onRef('f.province_id', '=', 'a.province_id').onRef('f.application_id', '=', 'a.id'),
    )
    .select(['f.cohort_id', 'a.id'])
    .where('a.province_id', '=', provinceId)
    .where('a.id', '=', applicationId)
    .where('a.applicant_id', '=', applicantId)
    .where('a.status', '=', 'finalist')
    .executeTakeFirst()
}

/** The sessions a user is expected at in a cohort, earliest first. */
export function listSessionsOf(trx: Trx, provinceId: string, cohortId: string, userId: string) {
  return trx
    .selectFrom('mentoring_sessions as s')
    .innerJoin('session_participants as sp', (j) =>
      j.onRef('sp.province_id', '=', 's.province_id').onRef('sp.session_id', '=', 's.id'),
    )
    .select(['s.id', 's.starts_at', 's.duration_minutes', 's.mode', 's.link', 's.place', 's.agenda', 'sp.attended'])
    .where('s.province_id', '=', provinceId)
    .where('s.cohort_id', '=', cohortId)
    .where('sp.user_id', '=', userId)
    .orderBy('s.starts_at')
    .execute()
}
