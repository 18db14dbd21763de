import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { ActionState } from '#db/schema.ts'

// Kysely only. A mentoring cohort's sessions (issue 14): the people expected and their
// attendance, notes, and action items. Every function takes `trx` first and names the
// province (docs/ARCHITECTURE.md#tenancy, layer 4).

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
