import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type {
  ConflictReason,
  FinalNightAwardKind,
  FinalNightStatus,
  FollowupKind,
  InterestKind,
  ParticipantAffiliation,
  ParticipantKind,
} from '#db/schema.ts'

// Kysely only; every function takes `trx` and names the event. Event tables are
// national: run inside withTenant(db, { national: true, event? }) for the organiser or
// withTenant(db, { event, userId }) for a participant (docs/decisions/009-final-night-scope.md).
// Finalists' applications are read across provinces only in the national scope.

// ---------------------------------------------------------------- events

export function listEvents(trx: Trx) {
  return trx
    .selectFrom('final_nights as e')
    .innerJoin('editions as ed', 'ed.id', 'e.edition_id')
    .select([
      'e.id',
      'e.starts_at',
      'e.time_zone',
      'e.city',
      'e.venue',
      'e.status',
      'ed.name as edition_name',
      (eb) =>
        eb
          .selectFrom('final_night_pitches as p')
          .select((x) => x.fn.countAll<string>().as('n'))
          .whereRef('p.event_id', '=', 'e.id')
          .as('pitches'),
    ])
    .orderBy('e.starts_at', 'desc')
    .execute()
}

export function findEvent(trx: Trx, eventId: string) {
  return trx
    .selectFrom('final_nights as e')
    .innerJoin('editions as ed', 'ed.id', 'e.edition_id')
    .selectAll('e')
    .select(['ed.name as edition_name', 'ed.slug as edition_slug'])
    .where('e.id', '=', eventId)
    .executeTakeFirst()
}

export function lockEvent(trx: Trx, eventId: string) {
  return trx.selectFrom('final_nights').selectAll().where('id', '=', eventId).forUpdate().executeTakeFirst()
}

export function findEdition(trx: Trx, editionId: string) {
  return trx.selectFrom('editions').select(['id', 'name']).where('id', '=', editionId).executeTakeFirst()
}

/** Slugs of the provinces with a pitch in the event (their portal pages change at publication). */
export async function listPitchProvinceSlugs(trx: Trx, eventId: string) {
  const rows = await trx
    .selectFrom('final_night_pitches as p')
    .innerJoin('provinces as pr', 'pr.id', 'p.province_id')
    .select('pr.slug')
    .distinct()
    .where('p.event_id', '=', eventId)
    .execute()
  return rows.map((r) => r.slug)
}

export function eventOfEdition(trx: Trx, editionId: string) {
  return trx.selectFrom('final_nights').select('id').where('edition_id', '=', editionId).executeTakeFirst()
}

export function insertEvent(
  trx: Trx,
  row: {
    id: string
    edition_id: string
    starts_at: Date
    venue: string
    city: string
    programme: string
    minutes_per_pitch: number
    created_by: string
  },
) {
  return trx.insertInto('final_nights').values(row).execute()
}

export function updateEvent(
  trx: Trx,
  eventId: string,
  set: Partial<{
    starts_at: Date
    venue: string
    city: string
    programme: string
    minutes_per_pitch: number
    status: FinalNightStatus
    draw_seed: string | null
    ordered_at: Date
    voting_opened_at: Date
    voting_closed_at: Date
    confirmed_at: Date
    confirmed_by: string
    published_at: Date
  }>,
  now: Date,
) {
  return trx
    .updateTable('final_nights')
    .set({ ...set, updated_at: now })
    .where('id', '=', eventId)
    .execute()
}

/** Editions that have no Final Night yet (for the create form). */
export function listEditionsWithoutEvent(trx: Trx) {
  return trx
    .selectFrom('editions as ed')
    .select(['ed.id', 'ed.name'])
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('final_nights as e').select('e.id').whereRef('e.edition_id', '=', 'ed.id'))),
    )
    .orderBy('ed.starts_on', 'desc')
    .execute()
}

// ---------------------------------------------------------------- finalists and pitches

/**
 * Every province's finalists of an edition once the ministry has confirmed (or
 * published) the selection, with what a pitch copies. National scope only.
 */
export function listConfirmedFinalists(trx: Trx, editionId: string) {
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
    .innerJoin('national_issues as ni', 'ni.id', 'pi.national_issue_id')
    .innerJoin('provinces as pr', 'pr.id', 'a.province_id')
    .select([
      'a.province_id',
      'a.id as application_id',
      'a.applicant_id',
      'v.name as venture_name',
      'pr.name as province_name',
      'ni.id as national_issue_id',
      'ni.name_id as issue_title_id',
      'ni.name_en as issue_title_en',
    ])
    .where('c.edition_id', '=', editionId)
    .where('s.status', 'in', ['confirmed', 'published'])
    .where('se.stage', '=', 'finalist')
    .where('a.status', '<>', 'withdrawn')
    .orderBy('pr.name')
    .orderBy('v.name')
    .execute()
}

export function listPitches(trx: Trx, eventId: string) {
  return trx.selectFrom('final_night_pitches').selectAll().where('event_id', '=', eventId).orderBy('position').execute()
}

export function findPitch(trx: Trx, eventId: string, pitchId: string) {
  return trx
    .selectFrom('final_night_pitches')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('id', '=', pitchId)
    .executeTakeFirst()
}

export function insertPitches(
  trx: Trx,
  rows: {
    event_id: string
    province_id: string
    application_id: string
    position: number
    applicant_id: string
    venture_name: string
    province_name: string
    national_issue_id: string
    issue_title_id: string
    issue_title_en: string
  }[],
) {
  if (rows.length === 0) return Promise.resolve()
  return trx.insertInto('final_night_pitches').values(rows).execute()
}

export function deletePitches(trx: Trx, eventId: string, pitchIds: string[]) {
  if (pitchIds.length === 0) return Promise.resolve()
  return trx.deleteFrom('final_night_pitches').where('event_id', '=', eventId).where('id', 'in', pitchIds).execute()
}

export function setPitchPosition(trx: Trx, eventId: string, pitchId: string, position: number) {
  return trx
    .updateTable('final_night_pitches')
    .set({ position })
    .where('event_id', '=', eventId)
    .where('id', '=', pitchId)
    .execute()
}

// ---------------------------------------------------------------- rubric and awards

export function listCriteria(trx: Trx, eventId: string) {
  return trx
    .selectFrom('final_night_criteria')
    .select(['id', 'position', 'weight', 'title_id', 'title_en'])
    .where('event_id', '=', eventId)
    .orderBy('position')
    .execute()
}

export async function replaceCriteria(
  trx: Trx,
  eventId: string,
  rows: { weight: number; title_id: string; title_en: string }[],
) {
  await trx.deleteFrom('final_night_criteria').where('event_id', '=', eventId).execute()
  await trx
    .insertInto('final_night_criteria')
    .values(rows.map((r, i) => ({ ...r, event_id: eventId, position: i + 1 })))
    .execute()
}

export function listAwards(trx: Trx, eventId: string) {
  return trx
    .selectFrom('final_night_awards as a')
    .leftJoin('national_issues as ni', 'ni.id', 'a.national_issue_id')
    .select([
      'a.id',
      'a.kind',
      'a.national_issue_id',
      'a.title_id',
      'a.title_en',
      'a.winner_pitch_id',
      'a.position',
      'ni.name_id as issue_name_id',
      'ni.name_en as issue_name_en',
    ])
    .where('a.event_id', '=', eventId)
    .orderBy('a.position')
    .execute()
}

export function insertAwards(
  trx: Trx,
  rows: {
    event_id: string
    kind: FinalNightAwardKind
    national_issue_id: string | null
    title_id: string | null
    title_en: string | null
    position: number
  }[],
) {
  if (rows.length === 0) return Promise.resolve()
  return trx
    .insertInto('final_night_awards')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export function deleteAward(trx: Trx, eventId: string, awardId: string) {
  return trx
    .deleteFrom('final_night_awards')
    .where('event_id', '=', eventId)
    .where('id', '=', awardId)
    .where('kind', '=', 'custom')
    .executeTakeFirst()
}

export function setAwardWinner(trx: Trx, eventId: string, awardId: string, pitchId: string | null) {
  return trx
    .updateTable('final_night_awards')
    .set({ winner_pitch_id: pitchId })
    .where('event_id', '=', eventId)
    .where('id', '=', awardId)
    .executeTakeFirst()
}

export function clearIssueAwardsNotIn(trx: Trx, eventId: string, issueIds: string[]) {
  let q = trx.deleteFrom('final_night_awards').where('event_id', '=', eventId).where('kind', '=', 'best_issue')
  if (issueIds.length > 0) q = q.where('national_issue_id', 'not in', issueIds)
  return q.execute()
}

// ---------------------------------------------------------------- participants

export function findUserByEmail(trx: Trx, email: string) {
  return trx
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst()
}

export function findUserWithLocale(trx: Trx, userId: string) {
  return trx.selectFrom('users').select(['id', 'email', 'name', 'locale']).where('id', '=', userId).executeTakeFirst()
}

export function findUser(trx: Trx, userId: string) {
  return trx.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', userId).executeTakeFirst()
}

/** An account whose mailbox an invitation link proved; nothing when the address is taken. */
export function insertVerifiedUser(
  trx: Trx,
  row: { id: string; email: string; name: string; locale: 'id' | 'en'; password_hash: string; email_verified_at: Date },
) {
  return trx
    .insertInto('users')
    .values({ ...row, phone: null })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
}

export function listParticipants(trx: Trx, eventId: string) {
  return trx
    .selectFrom('final_night_participants')
    .select([
      'id',
      'kind',
      'affiliation',
      'email',
      'name',
      'organisation',
      'user_id',
      'accepted_at',
      'revoked_at',
      'expires_at',
    ])
    .where('event_id', '=', eventId)
    .where('revoked_at', 'is', null)
    .orderBy('kind')
    .orderBy('name')
    .execute()
}

export function revokePendingInvitations(trx: Trx, eventId: string, email: string, kind: ParticipantKind, now: Date) {
  return trx
    .updateTable('final_night_participants')
    .set({ revoked_at: now })
    .where('event_id', '=', eventId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .where('kind', '=', kind)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute()
}

export function findActiveParticipantByEmail(trx: Trx, eventId: string, email: string, kind: ParticipantKind) {
  return trx
    .selectFrom('final_night_participants')
    .select('id')
    .where('event_id', '=', eventId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .where('kind', '=', kind)
    .where('accepted_at', 'is not', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

export function insertParticipant(
  trx: Trx,
  row: {
    event_id: string
    kind: ParticipantKind
    affiliation: ParticipantAffiliation
    email: string
    name: string
    organisation: string
    token_hash: string
    invited_by: string
    expires_at: Date
  },
) {
  return trx.insertInto('final_night_participants').values(row).returning('id').executeTakeFirstOrThrow()
}

export function revokeParticipant(trx: Trx, eventId: string, participantId: string, now: Date) {
  return trx
    .updateTable('final_night_participants')
    .set({ revoked_at: now })
    .where('event_id', '=', eventId)
    .where('id', '=', participantId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'kind', 'email'])
    .executeTakeFirst()
}

/** A pending invitation by its link's token hash. */
export function findPendingInvitation(trx: Trx, eventId: string, tokenHash: string, now: Date, lock = false) {
  let q = trx
    .selectFrom('final_night_participants')
    .select(['id', 'kind', 'email', 'name', 'affiliation'])
    .where('event_id', '=', eventId)
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
  if (lock) q = q.forUpdate()
  return q.executeTakeFirst()
}

export function bindParticipant(trx: Trx, eventId: string, participantId: string, userId: string, now: Date) {
  return trx
    .updateTable('final_night_participants')
    .set({ user_id: userId, accepted_at: now })
    .where('event_id', '=', eventId)
    .where('id', '=', participantId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute()
}

/** The viewer's accepted, unrevoked participation in an event, of one kind. */
export function findParticipation(trx: Trx, eventId: string, userId: string, kind: ParticipantKind) {
  return trx
    .selectFrom('final_night_participants')
    .select(['id', 'kind', 'name', 'affiliation', 'organisation'])
    .where('event_id', '=', eventId)
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

/** Events the user takes part in (their own rows; any scope with `userId`), newest first. */
export function listOwnParticipations(trx: Trx, userId: string) {
  return trx
    .selectFrom('final_night_participants')
    .select(['event_id', 'kind', 'created_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute()
}

// ---------------------------------------------------------------- conflicts and scores

export function listOwnConflicts(trx: Trx, eventId: string, jurorId: string) {
  return trx
    .selectFrom('final_night_conflicts')
    .select(['pitch_id', 'reason'])
    .where('event_id', '=', eventId)
    .where('juror_id', '=', jurorId)
    .execute()
}

export function insertConflict(trx: Trx, eventId: string, pitchId: string, jurorId: string, reason: ConflictReason) {
  return trx
    .insertInto('final_night_conflicts')
    .values({ event_id: eventId, pitch_id: pitchId, juror_id: jurorId, reason })
    .onConflict((oc) => oc.columns(['event_id', 'pitch_id', 'juror_id']).doUpdateSet({ reason }))
    .execute()
}

export function deleteOwnScores(trx: Trx, eventId: string, pitchId: string, jurorId: string) {
  return trx
    .deleteFrom('final_night_scores')
    .where('event_id', '=', eventId)
    .where('pitch_id', '=', pitchId)
    .where('juror_id', '=', jurorId)
    .execute()
}

export function listOwnScores(trx: Trx, eventId: string, jurorId: string) {
  return trx
    .selectFrom('final_night_scores')
    .select(['pitch_id', 'criterion_id', 'score'])
    .where('event_id', '=', eventId)
    .where('juror_id', '=', jurorId)
    .execute()
}

/** Records a form render's idempotency key; false when it was seen before (a retried post). */
export async function claimScorePost(trx: Trx, eventId: string, jurorId: string, key: string, pitchId: string) {
  const row = await trx
    .insertInto('final_night_score_posts')
    .values({ event_id: eventId, juror_id: jurorId, idempotency_key: key, pitch_id: pitchId })
    .onConflict((oc) => oc.doNothing())
    .returning('idempotency_key')
    .executeTakeFirst()
  return row !== undefined
}

export function upsertScores(
  trx: Trx,
  eventId: string,
  pitchId: string,
  jurorId: string,
  scores: { criterionId: string; score: number }[],
  now: Date,
) {
  return trx
    .insertInto('final_night_scores')
    .values(
      scores.map((s) => ({
        event_id: eventId,
        pitch_id: pitchId,
        juror_id: jurorId,
        criterion_id: s.criterionId,
        score: s.score,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['event_id', 'pitch_id', 'juror_id', 'criterion_id'])
        .doUpdateSet({ score: sql`excluded.score`, updated_at: sql`excluded.updated_at` }),
    )
    .execute()
}

/** Every score of the event's current jurors (national scope: the board); a revoked juror's scores no longer count. */
export function listAllScores(trx: Trx, eventId: string) {
  return trx
    .selectFrom('final_night_scores as s')
    .select(['s.pitch_id', 's.juror_id', 's.criterion_id', 's.score'])
    .where('s.event_id', '=', eventId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('final_night_participants as j')
          .select('j.id')
          .whereRef('j.event_id', '=', 's.event_id')
          .whereRef('j.user_id', '=', 's.juror_id')
          .where('j.kind', '=', 'juror')
          .where('j.revoked_at', 'is', null),
      ),
    )
    .execute()
}

export function countConflictsByPitch(trx: Trx, eventId: string) {
  return trx
    .selectFrom('final_night_conflicts')
    .select(['pitch_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('event_id', '=', eventId)
    .groupBy('pitch_id')
    .execute()
}

// ---------------------------------------------------------------- published results

/** Winners of published Final Nights of an edition (national scope: the public portal). */
export function listPublishedWinners(trx: Trx, editionId: string) {
  return trx
    .selectFrom('final_night_awards as a')
    .innerJoin('final_nights as e', 'e.id', 'a.event_id')
    .innerJoin('final_night_pitches as p', (j) =>
      j.onRef('p.event_id', '=', 'a.event_id').onRef('p.id', '=', 'a.winner_pitch_id'),
    )
    .leftJoin('national_issues as ni', 'ni.id', 'a.national_issue_id')
    .innerJoin('provinces as pr', 'pr.id', 'p.province_id')
    .select([
      'a.id',
      'a.kind',
      'a.title_id',
      'a.title_en',
      'ni.name_id as issue_name_id',
      'ni.name_en as issue_name_en',
      'p.venture_name',
      'p.province_id',
      'p.province_name',
      'pr.slug as province_slug',
      'e.starts_at',
      'e.city',
    ])
    .where('e.edition_id', '=', editionId)
    .where('e.status', '=', 'published')
    .orderBy('a.position')
    .execute()
}

/** The applicant's own pitches (any scope with userId: the pitches policy lets them read their own). */
export function listOwnPitches(trx: Trx, provinceId: string, applicantId: string, applicationId: string) {
  return trx
    .selectFrom('final_night_pitches')
    .select(['event_id', 'id', 'venture_name'])
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .where('applicant_id', '=', applicantId)
    .execute()
}

// ---------------------------------------------------------------- matchmaking

export function insertInterest(
  trx: Trx,
  row: {
    event_id: string
    pitch_id: string
    guest_id: string
    applicant_id: string
    kind: InterestKind
    message: string
  },
) {
  return trx
    .insertInto('final_night_interests')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
}

/** Interests with their pitch, guest and follow-ups: of one guest, one finalist's pitch, or the whole event. */
export async function listInterests(
  trx: Trx,
  eventId: string,
  filter: { guestId?: string; pitchId?: string; applicantId?: string },
) {
  let q = trx
    .selectFrom('final_night_interests as i')
    .innerJoin('final_night_pitches as p', (j) =>
      j.onRef('p.event_id', '=', 'i.event_id').onRef('p.id', '=', 'i.pitch_id'),
    )
    .innerJoin('users as g', 'g.id', 'i.guest_id')
    .select([
      'i.id',
      'i.pitch_id',
      'i.kind',
      'i.message',
      'i.status',
      'i.created_at',
      'i.decided_at',
      'p.venture_name',
      'p.province_name',
      'g.name as guest_name',
      'g.email as guest_email',
      (eb) =>
        eb
          .selectFrom('final_night_participants as pa')
          .select('pa.organisation')
          .whereRef('pa.event_id', '=', 'i.event_id')
          .whereRef('pa.user_id', '=', 'i.guest_id')
          .where('pa.kind', '=', 'guest')
          .limit(1)
          .as('guest_organisation'),
    ])
    .where('i.event_id', '=', eventId)
  if (filter.guestId) q = q.where('i.guest_id', '=', filter.guestId)
  if (filter.pitchId) q = q.where('i.pitch_id', '=', filter.pitchId)
  if (filter.applicantId) q = q.where('i.applicant_id', '=', filter.applicantId)
  const interests = await q.orderBy('p.position').orderBy('i.created_at').execute()
  const followups =
    interests.length === 0
      ? []
      : await trx
          .selectFrom('final_night_followups')
          .select(['id', 'interest_id', 'kind', 'happened_on', 'note'])
          .where('event_id', '=', eventId)
          .where(
            'interest_id',
            'in',
            interests.map((i) => i.id),
          )
          .orderBy('happened_on')
          .execute()
  return interests.map((i) => ({ ...i, followups: followups.filter((f) => f.interest_id === i.id) }))
}

export function findInterest(trx: Trx, eventId: string, interestId: string) {
  return trx
    .selectFrom('final_night_interests')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('id', '=', interestId)
    .executeTakeFirst()
}

export function decideInterest(
  trx: Trx,
  eventId: string,
  interestId: string,
  applicantId: string,
  status: 'accepted' | 'declined',
  now: Date,
) {
  return trx
    .updateTable('final_night_interests')
    .set({ status, decided_at: now })
    .where('event_id', '=', eventId)
    .where('id', '=', interestId)
    .where('applicant_id', '=', applicantId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
}

export function insertFollowup(
  trx: Trx,
  row: {
    event_id: string
    interest_id: string
    guest_id: string
    applicant_id: string
    kind: FollowupKind
    happened_on: string
    note: string
    recorded_by: string
  },
) {
  return trx.insertInto('final_night_followups').values(row).returning('id').executeTakeFirstOrThrow()
}
