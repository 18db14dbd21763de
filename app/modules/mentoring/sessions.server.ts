import { audit } from '#app/modules/audit/audit.server.ts'
import { localToInstant } from '#app/modules/calls/zoned-time.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { ActionState } from '#db/schema.ts'
import { canWorkOnCohort } from './access.ts'
import { listFinalists, listMentors } from './mentoring.queries.server.ts'
import type { ActionInput, SessionInput } from './mentoring.schema.ts'
import { cohortFor, type MentoringActor, type ProvinceRef, readableCohort, rightsOn } from './mentoring.server.ts'

import { attendanceOpen } from './mentoring-rules.ts'
import {
  findAction,
  findSession,
  insertAction,
  insertNote,
  insertParticipants,
  insertSession,
  listActions,
  listNotes,
  listParticipants,
  recordAttendance,
  updateActionState,
} from './sessions.queries.server.ts'

// A mentoring cohort's sessions (issue 14): scheduling in the province's time with the
// people expected, attendance once a session has started, notes for the finalists or
// internal ones, and action items. One transaction per step, every change audited.

/** Schedules a session at a province-local time with the mentors and finalists expected. */
export function scheduleSession(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  cohortId: string,
  input: SessionInput,
): Promise<string> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, cohortId, canWorkOnCohort)
    const finalists = await listFinalists(trx, province.id, cohort.id)
    if (!input.mentors.every((m) => cohort.mentor_ids.includes(m))) throw invalid('mentoring:errors.choose', 'mentors')
    const expectedFinalists = input.finalists.map((a) => finalists.find((f) => f.id === a))
    if (expectedFinalists.some((f) => f === undefined)) throw invalid('mentoring:errors.choose', 'finalists')
    const online = input.mode === 'online'
    const row = await insertSession(trx, {
      provinceId: province.id,
      cohortId: cohort.id,
      startsAt: localToInstant(input.starts_at, province.time_zone),
      durationMinutes: input.duration_minutes,
      mode: input.mode,
      link: online ? (input.link ?? null) : null,
      place: online ? null : (input.place ?? null),
      agenda: input.agenda,
      createdBy: actor.userId,
    })
    await insertParticipants(trx, province.id, row.id, [
      ...input.mentors.map((userId) => ({ userId, role: 'mentor' as const })),
      ...expectedFinalists.map((f) => ({ userId: f?.applicant_id as string, role: 'finalist' as const })),
    ])
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.session_scheduled',
      objectType: 'mentoring_session',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { cohortId: cohort.id, startsAt: input.starts_at, mode: input.mode },
    })
    return row.id
  })
}

/** A session with who is expected and came, its notes, its action items, and the viewer's rights. */
export function loadSessionPage(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  cohortId: string,
  sessionId: string,
) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await readableCohort(trx, actor, province.id, cohortId)
    const session = await findSession(trx, province.id, cohort.id, sessionId)
    if (!session) throw notFound('session')
    const [participants, notes, actions, finalists, mentors] = await Promise.all([
      listParticipants(trx, province.id, session.id),
      listNotes(trx, province.id, [session.id], true),
      listActions(trx, province.id, cohort.id),
      listFinalists(trx, province.id, cohort.id),
      listMentors(trx, province.id, cohort.id),
    ])
    return {
      cohort: { id: cohort.id, edition: cohort.edition_name },
      may: rightsOn(actor, cohort),
      session,
      participants,
      notes,
      actions: actions.filter((a) => a.session_id === session.id),
      // Who may own an action item from this session, and which finalist it may be about.
      owners: [
        ...mentors.map((m) => ({ id: m.user_id, name: m.name })),
        ...finalists.map((f) => ({ id: f.applicant_id, name: `${f.applicant_name} (${f.venture})` })),
      ],
      finalists: finalists.map((f) => ({ id: f.id, name: f.venture })),
    }
  })
}

async function workableSession(
  trx: Trx,
  actor: MentoringActor,
  provinceId: string,
  cohortId: string,
  sessionId: string,
) {
  const cohort = await cohortFor(trx, actor, provinceId, cohortId, canWorkOnCohort)
  const session = await findSession(trx, provinceId, cohort.id, sessionId)
  if (!session) throw notFound('session')
  return { cohort, session }
}

/** Takes attendance: the people ticked came, every other expected person did not. Only once the session started. */
export function takeAttendance(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  ids: { cohortId: string; sessionId: string },
  present: string[],
  now: Date,
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const { session } = await workableSession(trx, actor, province.id, ids.cohortId, ids.sessionId)
    if (!attendanceOpen(session.starts_at, now)) throw refused('mentoring:errors.notStarted')
    const expected = await listParticipants(trx, province.id, session.id)
    if (!present.every((p) => expected.some((e) => e.user_id === p)))
      throw invalid('mentoring:errors.choose', 'present')
    await recordAttendance(trx, province.id, session.id, present, actor.userId, now)
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.attendance_taken',
      objectType: 'mentoring_session',
      objectId: session.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { present, absent: expected.filter((e) => !present.includes(e.user_id)).map((e) => e.user_id) },
    })
  })
}

/** Writes a note on a session, for the finalists or internal to mentors and Bappeda. */
export function addNote(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  ids: { cohortId: string; sessionId: string },
  note: { audience: 'finalists' | 'internal'; body: string },
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const { session } = await workableSession(trx, actor, province.id, ids.cohortId, ids.sessionId)
    const row = await insertNote(trx, {
      provinceId: province.id,
      sessionId: session.id,
      authorId: actor.userId,
      ...note,
    })
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.note_added',
      objectType: 'session_note',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { sessionId: session.id, audience: note.audience },
    })
  })
}

/** Adds an action item owned by a mentor or a finalist of the cohort, optionally about one finalist or session. */
export function addAction(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  cohortId: string,
  input: Omit<ActionInput, 'intent'>,
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, cohortId, canWorkOnCohort)
    const finalists = await listFinalists(trx, province.id, cohort.id)
    const owners = new Set([...cohort.mentor_ids, ...finalists.map((f) => f.applicant_id)])
    if (!owners.has(input.owner)) throw invalid('mentoring:errors.choose', 'owner')
    if (input.application && !finalists.some((f) => f.id === input.application)) {
      throw invalid('mentoring:errors.choose', 'application')
    }
    if (input.session && !(await findSession(trx, province.id, cohort.id, input.session))) {
      throw invalid('mentoring:errors.choose', 'session')
    }
    const row = await insertAction(trx, {
      provinceId: province.id,
      cohortId: cohort.id,
      sessionId: input.session ?? null,
      applicationId: input.application ?? null,
      title: input.title,
      ownerId: input.owner,
      dueOn: input.due_on,
      createdBy: actor.userId,
    })
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.action_added',
      objectType: 'mentoring_action',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { cohortId: cohort.id, owner: input.owner, dueOn: input.due_on },
    })
  })
}

/** Marks an action item open, done or dropped; the same state again changes nothing. */
export function setActionState(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  cohortId: string,
  itemId: string,
  state: ActionState,
  now: Date,
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, cohortId, canWorkOnCohort)
    const item = await findAction(trx, province.id, cohort.id, itemId)
    if (!item) throw notFound('action')
    if (item.state === state) return
    await updateActionState(trx, province.id, cohort.id, item.id, state, now)
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.action_state',
      objectType: 'mentoring_action',
      objectId: item.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { from: item.state, to: state },
    })
  })
}
