import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Kysely only. What a person did in the programme after applying — review, mentoring,
// Final Night, WhatsApp/SMS — for the right of access. Every query names the user (or
// their own applications); they run in the national read scope with the rest of the export.

/** The applications the user was assigned to review, with their own total and conflict declaration. */
export function reviewAssignments(trx: Trx, userId: string) {
  return trx
    .selectFrom('review_assignments as r')
    .innerJoin('provinces as p', 'p.id', 'r.province_id')
    .select(['p.slug as province', 'r.application_id', 'r.assigned_at', 'r.declared_at', 'r.total', 'r.scored_at'])
    .where('r.reviewer_id', '=', userId)
    .orderBy('r.assigned_at')
    .execute()
}

/** Cohorts the user mentors. */
export function cohortsMentored(trx: Trx, userId: string) {
  return trx
    .selectFrom('cohort_mentors as m')
    .innerJoin('provinces as p', 'p.id', 'm.province_id')
    .select(['p.slug as province', 'm.kind', 'm.organisation', 'm.expertise', 'm.created_at'])
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .execute()
}

/** Mentoring sessions the user took part in (as mentor or finalist), with their attendance. */
export function mentoringSessions(trx: Trx, userId: string) {
  return trx
    .selectFrom('session_participants as sp')
    .innerJoin('mentoring_sessions as s', (j) =>
      j.onRef('s.province_id', '=', 'sp.province_id').onRef('s.id', '=', 'sp.session_id'),
    )
    .innerJoin('provinces as p', 'p.id', 's.province_id')
    .select([
      'p.slug as province',
      's.starts_at',
      's.duration_minutes',
      's.mode',
      's.place',
      's.agenda',
      'sp.role',
      'sp.attended',
    ])
    .where('sp.user_id', '=', userId)
    .orderBy('s.starts_at')
    .execute()
}

/** Session notes the user wrote. */
export function notesWritten(trx: Trx, userId: string) {
  return trx
    .selectFrom('session_notes')
    .select(['audience', 'body', 'created_at'])
    .where('author_id', '=', userId)
    .orderBy('created_at')
    .execute()
}

/** Mentoring actions the user owns. */
export function actionsOwned(trx: Trx, userId: string) {
  return trx
    .selectFrom('mentoring_actions')
    .select(['title', 'due_on', 'state', 'created_at', 'updated_at'])
    .where('owner_id', '=', userId)
    .orderBy('due_on')
    .execute()
}

/** Milestones of the user's own applications' mentoring plans, with the evidence given. */
export function planMilestones(trx: Trx, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('plan_milestones')
    .select(['application_id', 'key', 'title', 'evidence_text', 'evidence_link', 'evidence_at', 'signed_off_at'])
    .where('application_id', 'in', applicationIds)
    .orderBy('position')
    .execute()
}

/** Final Night invitations addressed to the user (by account or by e-mail address). */
export function finalNightInvitations(trx: Trx, userId: string, email: string) {
  return trx
    .selectFrom('final_night_participants as fp')
    .innerJoin('final_nights as f', 'f.id', 'fp.event_id')
    .select([
      'f.starts_at as event_starts_at',
      'f.city as event_city',
      'fp.kind',
      'fp.affiliation',
      'fp.name',
      'fp.email',
      'fp.organisation',
      'fp.created_at',
      'fp.accepted_at',
      'fp.revoked_at',
    ])
    .where((eb) => eb.or([eb('fp.user_id', '=', userId), eb(eb.fn('lower', ['fp.email']), '=', email.toLowerCase())]))
    .orderBy('fp.created_at')
    .execute()
}

/** The pitches of the user's ventures at a Final Night. */
export function finalNightPitches(trx: Trx, userId: string) {
  return trx
    .selectFrom('final_night_pitches as fp')
    .innerJoin('final_nights as f', 'f.id', 'fp.event_id')
    .select([
      'f.starts_at as event_starts_at',
      'f.city as event_city',
      'fp.application_id',
      'fp.venture_name',
      'fp.position',
    ])
    .where('fp.applicant_id', '=', userId)
    .orderBy('f.starts_at')
    .execute()
}

/** The scores the user gave as a juror, per pitch and criterion. */
export function juryScores(trx: Trx, userId: string) {
  return trx
    .selectFrom('final_night_scores as s')
    .innerJoin('final_night_pitches as p', (j) =>
      j.onRef('p.event_id', '=', 's.event_id').onRef('p.id', '=', 's.pitch_id'),
    )
    .innerJoin('final_night_criteria as c', (j) =>
      j.onRef('c.event_id', '=', 's.event_id').onRef('c.id', '=', 's.criterion_id'),
    )
    .select(['p.venture_name', 'c.title_id as criterion_id', 'c.title_en as criterion_en', 's.score', 's.updated_at'])
    .where('s.juror_id', '=', userId)
    .orderBy('p.position')
    .orderBy('c.position')
    .execute()
}

/** Conflicts of interest the user declared as a juror. */
export function juryConflicts(trx: Trx, userId: string) {
  return trx
    .selectFrom('final_night_conflicts as fc')
    .innerJoin('final_night_pitches as p', (j) =>
      j.onRef('p.event_id', '=', 'fc.event_id').onRef('p.id', '=', 'fc.pitch_id'),
    )
    .select(['p.venture_name', 'fc.reason', 'fc.declared_at'])
    .where('fc.juror_id', '=', userId)
    .orderBy('fc.declared_at')
    .execute()
}

/** Matchmaking interests the user expressed (as a guest) or received (as a finalist), with their follow-ups. */
export function matchmaking(trx: Trx, userId: string) {
  return trx
    .selectFrom('final_night_interests as i')
    .innerJoin('final_night_pitches as p', (j) =>
      j.onRef('p.event_id', '=', 'i.event_id').onRef('p.id', '=', 'i.pitch_id'),
    )
    .innerJoin('users as g', 'g.id', 'i.guest_id')
    .select([
      'i.event_id',
      'i.id',
      'p.venture_name',
      'g.name as guest_name',
      'i.guest_id',
      'i.kind',
      'i.message',
      'i.status',
      'i.created_at',
      'i.decided_at',
    ])
    .where((eb) => eb.or([eb('i.guest_id', '=', userId), eb('i.applicant_id', '=', userId)]))
    .orderBy('i.created_at')
    .execute()
}

export function matchmakingFollowups(trx: Trx, userId: string) {
  return trx
    .selectFrom('final_night_followups')
    .select(['event_id', 'interest_id', 'kind', 'happened_on', 'note', 'created_at'])
    .where((eb) => eb.or([eb('guest_id', '=', userId), eb('applicant_id', '=', userId)]))
    .orderBy('happened_on')
    .execute()
}

/** The user's WhatsApp/SMS number and its state (codes are kept only as hashes and left out). */
export function messagingContact(trx: Trx, userId: string) {
  return trx
    .selectFrom('messaging_contacts')
    .select(['phone', 'status', 'verified_at', 'stopped_at', 'stopped_via', 'created_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** WhatsApp/SMS messages queued for the user. */
export function messagesTo(trx: Trx, userId: string) {
  return trx
    .selectFrom('message_outbox')
    .select(['template', 'to_phone', 'channel', 'body_text', 'status', 'created_at', 'sent_at', 'delivered_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute()
}
