import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { normaliseEmail } from '#app/modules/auth/accounts.server.ts'
import { generateToken, hashToken } from '#app/modules/auth/tokens.server.ts'
import { localToInstant } from '#app/modules/calls/zoned-time.ts'
import { forbidden, invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import type { AppAbility } from '#app/modules/permissions/abilities.ts'
import { postgresStorage } from '#app/modules/storage/storage.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { ActionState } from '#db/schema.ts'
import { canBuildCohort, canLeadCohort, canReadCohort, canSignOff, canWorkOnCohort } from './access.ts'
import {
  addFinalists,
  findAction,
  findCohort,
  findEvidenceOwner,
  findMilestone,
  findOwnCohortPlace,
  findSession,
  insertAction,
  insertCohort,
  insertDefaultMilestones,
  insertInvitation,
  insertMilestone,
  insertNote,
  insertParticipants,
  insertSession,
  isMentorByEmail,
  listActions,
  listAllCohorts,
  listCohorts,
  listConfirmedFinalists,
  listEditionsWithFinalists,
  listFinalistActions,
  listFinalists,
  listMentors,
  listMilestones,
  listNotes,
  listParticipants,
  listPendingInvitations,
  listSessions,
  listSessionsOf,
  planProgress,
  recordAttendance,
  setEvidence,
  signOffMilestone,
  updateActionState,
} from './mentoring.queries.server.ts'
import type { ActionInput, EvidenceInput, InviteMentorInput, SessionInput } from './mentoring.schema.ts'
import { enqueueMentoringMail } from './mentoring-mail.server.ts'
import { attendanceOpen, DEFAULT_MILESTONES } from './mentoring-rules.ts'

// Mentoring of a province's finalists (issue 14). Every step is one transaction bound
// to the province; every change is audited. A cohort the viewer may not read does not
// exist for them (404): a mentor of another cohort, even in the same province, finds
// nothing. Rights are asked of access.ts with the cohort's mentor and coordinator ids.

export interface MentoringActor {
  userId: string
  ability: AppAbility
  ip: string | null
}

export interface ProvinceRef {
  id: string
  slug: string
  name: string
  time_zone: string
}

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const

type Cohort = NonNullable<Awaited<ReturnType<typeof findCohort>>>

/** The cohort, or 404 when it is not in the province or not the viewer's to see. */
async function readableCohort(trx: Trx, actor: MentoringActor, provinceId: string, cohortId: string): Promise<Cohort> {
  const cohort = await findCohort(trx, provinceId, cohortId)
  if (!cohort || !canReadCohort(actor.ability, cohort)) throw notFound('cohort')
  return cohort
}

/** The cohort when the viewer may act on it with `may`; 404 if unseen, 403 if only read. */
async function cohortFor(
  trx: Trx,
  actor: MentoringActor,
  provinceId: string,
  cohortId: string,
  may: (ability: AppAbility, c: Cohort) => boolean,
): Promise<Cohort> {
  const cohort = await readableCohort(trx, actor, provinceId, cohortId)
  if (!may(actor.ability, cohort)) throw forbidden()
  return cohort
}

const rightsOn = (actor: MentoringActor, cohort: Cohort) => ({
  work: canWorkOnCohort(actor.ability, cohort),
  lead: canLeadCohort(actor.ability, cohort),
  signOff: canSignOff(actor.ability, cohort),
})

/** The province's cohorts the viewer may see, and the editions Bappeda may start one for. */
export function loadMentoringHome(db: DB, actor: MentoringActor, province: ProvinceRef) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohorts = (await listCohorts(trx, province.id)).filter((c) => canReadCohort(actor.ability, c))
    const buildable = canBuildCohort(actor.ability, province) ? await listEditionsWithFinalists(trx, province.id) : []
    return {
      cohorts: cohorts.map((c) => ({
        id: c.id,
        edition: c.edition_name,
        finalists: Number(c.finalists),
        mentors: c.mentor_ids.length,
        sessions: Number(c.sessions),
      })),
      buildable,
      mayBuild: canBuildCohort(actor.ability, province),
    }
  })
}

/** Adds the edition's confirmed finalists missing from the cohort, each with the default plan. */
async function syncFinalistsIn(
  trx: Trx,
  actor: MentoringActor,
  provinceId: string,
  cohort: { id: string; edition_id: string },
) {
  const finalists = await listConfirmedFinalists(trx, provinceId, cohort.edition_id)
  const added = await addFinalists(
    trx,
    provinceId,
    cohort.id,
    finalists.map((f) => f.application_id),
  )
  await insertDefaultMilestones(trx, provinceId, cohort.id, added, DEFAULT_MILESTONES, actor.userId)
  return added
}

/**
 * Starts the province's cohort of an edition from the finalists of its confirmed or
 * published selection (Bappeda). Refused when there are none or the cohort exists.
 */
export function buildCohort(db: DB, actor: MentoringActor, province: ProvinceRef, editionId: string): Promise<string> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    if (!canBuildCohort(actor.ability, province)) throw forbidden()
    const finalists = await listConfirmedFinalists(trx, province.id, editionId)
    if (finalists.length === 0) throw refused('mentoring:errors.noFinalists')
    const row = await insertCohort(trx, province.id, editionId, actor.userId)
    if (!row) throw refused('mentoring:errors.cohortExists')
    const added = await syncFinalistsIn(trx, actor, province.id, { id: row.id, edition_id: editionId })
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.cohort_built',
      objectType: 'mentoring_cohort',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { editionId, finalists: added },
    })
    return row.id
  })
}

/** Brings the cohort's finalists up to date with the selection (Bappeda, a named coordinator); answers how many joined. */
export function syncFinalists(db: DB, actor: MentoringActor, province: ProvinceRef, cohortId: string) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, cohortId, canLeadCohort)
    const added = await syncFinalistsIn(trx, actor, province.id, cohort)
    if (added.length > 0) {
      await audit(trx, {
        actorId: actor.userId,
        action: 'mentoring.finalists_synced',
        objectType: 'mentoring_cohort',
        objectId: cohort.id,
        provinceId: province.id,
        ip: actor.ip,
        details: { added },
      })
    }
    return added.length
  })
}

/** Everything the cohort page shows, with what the viewer may do there. */
export function loadCohortPage(db: DB, actor: MentoringActor, province: ProvinceRef, cohortId: string, now: Date) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await readableCohort(trx, actor, province.id, cohortId)
    const may = rightsOn(actor, cohort)
    const [finalists, progress, mentors, sessions, actions] = await Promise.all([
      listFinalists(trx, province.id, cohort.id),
      planProgress(trx, province.id, cohort.id),
      listMentors(trx, province.id, cohort.id),
      listSessions(trx, province.id, cohort.id),
      listActions(trx, province.id, cohort.id),
    ])
    const pending = may.lead ? await listPendingInvitations(trx, province.id, cohort.id, now) : []
    return {
      cohort: { id: cohort.id, edition: cohort.edition_name },
      may,
      finalists: finalists.map((f) => {
        const p = progress.find((x) => x.application_id === f.id)
        return { ...f, milestones: Number(p?.total ?? 0), signed: Number(p?.signed ?? 0) }
      }),
      mentors,
      pending,
      sessions: sessions.map((s) => ({ ...s, expected: Number(s.expected), present: Number(s.present) })),
      actions,
    }
  })
}

export interface InviteContext {
  inviterName: string
  locale: Language
  origin: string
  now: Date
}

/**
 * Invites a mentor to one cohort by mail: a single-use link valid 7 days, written to
 * the outbox in the same transaction (Bappeda or a named ERAT coordinator).
 */
export function inviteMentor(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  cohortId: string,
  input: InviteMentorInput,
  ctx: InviteContext,
): Promise<string> {
  const email = normaliseEmail(input.email)
  const token = generateToken()
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, cohortId, canLeadCohort)
    if (await isMentorByEmail(trx, province.id, cohort.id, email))
      throw invalid('mentoring:errors.alreadyMentor', 'email')
    const row = await insertInvitation(
      trx,
      {
        provinceId: province.id,
        cohortId: cohort.id,
        email,
        name: input.name,
        kind: input.kind,
        organisation: input.organisation,
        expertise: input.expertise,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(ctx.now.getTime() + INVITATION_TTL_MS),
      },
      ctx.now,
    )
    const t = getFixedT(ctx.locale)
    await enqueueMentoringMail(trx, {
      to: email,
      name: input.name,
      locale: ctx.locale,
      template: 'invitation',
      params: {
        inviter: ctx.inviterName,
        kind: t(`mentoring:kinds.${input.kind}`),
        province: province.name,
        edition: cohort.edition_name,
        link: `${ctx.origin}/p/${province.slug}/mentoring/invite/${token}`,
      },
    })
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.mentor_invited',
      objectType: 'mentor_invitation',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { cohortId: cohort.id, email, kind: input.kind },
    })
    return row.id
  })
}

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

async function cohortFinalist(trx: Trx, provinceId: string, cohortId: string, applicationId: string) {
  const finalists = await listFinalists(trx, provinceId, cohortId)
  const finalist = finalists.find((f) => f.id === applicationId)
  if (!finalist) throw notFound('finalist')
  return finalist
}

/** A finalist's plan in the cohort with the viewer's rights. */
export function loadPlanPage(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  cohortId: string,
  applicationId: string,
) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await readableCohort(trx, actor, province.id, cohortId)
    const finalist = await cohortFinalist(trx, province.id, cohort.id, applicationId)
    const milestones = await listMilestones(trx, province.id, cohort.id, finalist.id)
    return {
      cohort: { id: cohort.id, edition: cohort.edition_name },
      may: rightsOn(actor, cohort),
      finalist,
      milestones,
    }
  })
}

/** Adds a milestone of its own to a finalist's plan (Bappeda, mentors). */
export function addMilestone(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  ids: { cohortId: string; applicationId: string },
  title: string,
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, ids.cohortId, canWorkOnCohort)
    const finalist = await cohortFinalist(trx, province.id, cohort.id, ids.applicationId)
    const row = await insertMilestone(trx, {
      provinceId: province.id,
      cohortId: cohort.id,
      applicationId: finalist.id,
      title,
      createdBy: actor.userId,
    })
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.milestone_added',
      objectType: 'plan_milestone',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { applicationId: finalist.id, title },
    })
  })
}

/**
 * Records a milestone's evidence: words, a link and/or a file (checked by content by
 * storage). At least one is needed; a signed-off milestone keeps its evidence.
 */
export function addEvidence(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  ids: { cohortId: string; applicationId: string },
  input: Omit<EvidenceInput, 'intent'>,
  file: { name: string; bytes: Uint8Array } | null,
  now: Date,
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, ids.cohortId, canWorkOnCohort)
    await recordEvidence(
      trx,
      { userId: actor.userId, ip: actor.ip, provinceId: province.id },
      cohort.id,
      ids.applicationId,
      input,
      file,
      now,
    )
  })
}

/**
 * A finalist gives evidence on their own plan (their pitch deck, the pilot agreement),
 * for a mentor to sign off; another applicant's application is 404.
 */
export function addOwnEvidence(
  db: DB,
  owner: { provinceId: string; userId: string; ip: string | null },
  applicationId: string,
  input: Omit<EvidenceInput, 'intent'>,
  file: { name: string; bytes: Uint8Array } | null,
  now: Date,
): Promise<void> {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const place = await findOwnCohortPlace(trx, owner.provinceId, owner.userId, applicationId)
    if (!place?.cohort_id) throw notFound('mentoring')
    await recordEvidence(trx, owner, place.cohort_id, place.id, input, file, now)
  })
}

/** Stores a milestone's evidence (the file checked by content); at least one of text, link, file; audited. */
async function recordEvidence(
  trx: Trx,
  by: { userId: string; ip: string | null; provinceId: string },
  cohortId: string,
  applicationId: string,
  input: Omit<EvidenceInput, 'intent'>,
  file: { name: string; bytes: Uint8Array } | null,
  now: Date,
): Promise<void> {
  const milestone = await findMilestone(trx, by.provinceId, cohortId, applicationId, input.milestone)
  if (!milestone) throw notFound('milestone')
  if (milestone.signed_off_at) throw refused('mentoring:errors.alreadySigned')
  if (!input.text && !input.link && !file) throw invalid('mentoring:errors.evidence', 'text')
  const stored = file
    ? await postgresStorage.put(trx, by.provinceId, {
        bytes: file.bytes,
        name: file.name,
        createdBy: by.userId,
        accept: EVIDENCE_TYPES,
        refusal: {
          field: 'file',
          keys: {
            empty: 'mentoring:errors.fileEmpty',
            tooLarge: 'mentoring:errors.fileTooLarge',
            type: 'mentoring:errors.fileType',
          },
        },
      })
    : null
  await setEvidence(trx, by.provinceId, milestone.id, {
    text: input.text ?? null,
    link: input.link ?? null,
    fileId: stored?.id ?? milestone.evidence_file_id,
    by: by.userId,
    at: now,
  })
  await audit(trx, {
    actorId: by.userId,
    action: 'mentoring.evidence_added',
    objectType: 'plan_milestone',
    objectId: milestone.id,
    provinceId: by.provinceId,
    ip: by.ip,
    details: { applicationId, text: !!input.text, link: input.link ?? null, file: stored?.id ?? null },
  })
}

/** A mentor signs a milestone off (who and when kept); refused without evidence or when already signed. */
export function signOff(
  db: DB,
  actor: MentoringActor,
  province: ProvinceRef,
  ids: { cohortId: string; applicationId: string },
  milestoneId: string,
  now: Date,
): Promise<void> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const cohort = await cohortFor(trx, actor, province.id, ids.cohortId, canSignOff)
    const milestone = await findMilestone(trx, province.id, cohort.id, ids.applicationId, milestoneId)
    if (!milestone) throw notFound('milestone')
    if (milestone.signed_off_at) throw refused('mentoring:errors.alreadySigned')
    if (!milestone.evidence_text && !milestone.evidence_link && !milestone.evidence_file_id) {
      throw refused('mentoring:errors.noEvidence')
    }
    await signOffMilestone(trx, province.id, milestone.id, actor.userId, now)
    await audit(trx, {
      actorId: actor.userId,
      action: 'mentoring.milestone_signed_off',
      objectType: 'plan_milestone',
      objectId: milestone.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { applicationId: ids.applicationId },
    })
  })
}

/**
 * What a finalist sees of their mentoring, once their finalist place is published: their
 * plan, their sessions with the notes meant for finalists, their action items and
 * mentors. Another applicant's application, or one not in a cohort, is 404.
 */
export function loadOwnMentoring(db: DB, owner: { provinceId: string; userId: string }, applicationId: string) {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const place = await findOwnCohortPlace(trx, owner.provinceId, owner.userId, applicationId)
    if (!place) throw notFound('mentoring')
    const cohortId = place.cohort_id
    if (!cohortId) return { started: false as const }
    const [milestones, sessions, actions, mentors, finalist] = await Promise.all([
      listMilestones(trx, owner.provinceId, cohortId, place.id),
      listSessionsOf(trx, owner.provinceId, cohortId, owner.userId),
      listFinalistActions(trx, owner.provinceId, cohortId, place.id, owner.userId),
      listMentors(trx, owner.provinceId, cohortId),
      listFinalists(trx, owner.provinceId, cohortId).then((all) => all.find((f) => f.id === place.id)),
    ])
    const notes = await listNotes(
      trx,
      owner.provinceId,
      sessions.map((s) => s.id),
      false,
    )
    return {
      started: true as const,
      venture: finalist?.venture ?? '',
      opd: finalist?.opd_name ?? '',
      milestones,
      sessions: sessions.map((s) => ({ ...s, notes: notes.filter((n) => n.session_id === s.id) })),
      actions,
      mentors: mentors.map(({ email: _, ...m }) => m),
    }
  })
}

/** An evidence file for whoever may read its cohort, or the finalist whose plan it is; else 404. */
export function loadEvidenceFile(db: DB, actor: MentoringActor, provinceId: string, fileId: string) {
  return withTenant(db, { provinceId }, async (trx) => {
    const holder = await findEvidenceOwner(trx, provinceId, fileId)
    if (!holder) throw notFound('file')
    const ownPlan = holder.applicant_id === actor.userId && holder.status === 'finalist'
    // Anyone else must be able to read the cohort (a mentor of another cohort: 404).
    if (!ownPlan) await readableCohort(trx, actor, provinceId, holder.cohort_id)
    const file = await postgresStorage.get(trx, provinceId, fileId)
    if (!file) throw notFound('file')
    return file
  })
}

/** Every province's cohorts for the national overview (read-only). */
export function loadNationalMentoring(db: DB) {
  return withTenant(db, { national: true }, async (trx) =>
    (await listAllCohorts(trx)).map((c) => ({
      ...c,
      finalists: Number(c.finalists),
      mentors: Number(c.mentors),
      sessions: Number(c.sessions),
    })),
  )
}
