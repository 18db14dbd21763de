import { randomUUID } from 'node:crypto'
import type { Language } from '#app/i18n/config.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { normaliseEmail, type RequestMeta } from '#app/modules/auth/accounts.server.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { expectWritten, notFound, refused } from '#app/modules/errors/errors.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { ConflictReason, ParticipantKind } from '#db/schema.ts'
import * as q from './final-night.queries.server.ts'
import { pitchStartsAt, votingOpen } from './final-night-rules.ts'
import { shareVotingLock } from './voting-lock.server.ts'

// The participants' side (issue 14): accepting an invitation to one event, and the
// jury's phone pages — the pitches in stage order, one score form per pitch, conflicts.
// Every step runs in the event's own scope with the juror's user id, where the
// policies let them write only their own scores and conflicts
// (docs/decisions/009-final-night-scope.md). A juror holds no membership.

export interface Participant {
  eventId: string
  userId: string
}

const asParticipant = <T>(db: DB, p: Participant, fn: (trx: Trx) => Promise<T>) =>
  withTenant(db, { event: p.eventId, userId: p.userId }, fn)

/** The viewer's participation of a kind in an event, or 404 (another event's pages do not exist for them). */
export async function requireParticipation(db: DB, p: Participant, kind: ParticipantKind) {
  const found = await withTenant(db, { event: p.eventId, userId: p.userId }, (trx) =>
    q.findParticipation(trx, p.eventId, p.userId, kind),
  )
  if (!found) throw notFound('participant')
  return found
}

/** Where a signed-in participant without a workspace lands: the newest event they are a juror (or guest) of. */
export async function findParticipantLanding(db: DB, userId: string): Promise<string | null> {
  const rows = await withTenant(db, { identity: true, userId }, (trx) => q.listOwnParticipations(trx, userId))
  const juror = rows.find((r) => r.kind === 'juror') ?? rows[0]
  if (!juror) return null
  return juror.kind === 'juror' ? `/final-night/${juror.event_id}` : `/final-night/${juror.event_id}/guest`
}

// ---------------------------------------------------------------- invitations

/** A pending invitation by its link, with whether its address already has an account. */
export async function findParticipantInvitation(db: DB, eventId: string, token: string, now: Date) {
  const found = await withTenant(db, { event: eventId }, async (trx) => {
    const invitation = await q.findPendingInvitation(trx, eventId, hashToken(token), now)
    if (!invitation) return null
    const event = await q.findEvent(trx, eventId)
    const existing = await q.findUserByEmail(trx, invitation.email)
    return event ? { ...invitation, event, existingUserId: existing?.id ?? null } : null
  })
  return found
}

/**
 * Accepts an invitation: a new address gets an account (the link proves the mailbox),
 * then the account is bound to the participant row of this event. Returns the user
 * id, or null when the link is no longer valid or belongs to someone else.
 */
export async function acceptParticipantInvitation(
  db: DB,
  eventId: string,
  token: string,
  who: { userId: string } | { name: string; password: string; locale: Language },
  meta: RequestMeta,
): Promise<string | null> {
  const passwordHash = 'password' in who ? await hashPassword(who.password) : null
  // A new account's id is chosen here so the transaction's scope can name it.
  const userId = 'userId' in who ? who.userId : randomUUID()
  return withTenant(db, { event: eventId, userId }, async (trx) => {
    const invitation = await q.findPendingInvitation(trx, eventId, hashToken(token), meta.now, true)
    if (!invitation) return null
    if ('userId' in who) {
      const user = await q.findUser(trx, who.userId)
      if (!user || normaliseEmail(user.email) !== invitation.email) return null
    } else {
      const created = await q.insertVerifiedUser(trx, {
        id: userId,
        email: invitation.email,
        name: who.name,
        locale: who.locale,
        password_hash: passwordHash as string,
        email_verified_at: meta.now,
      })
      if (!created) return null
    }
    // Single use: the invitation is bound by exactly this transaction, or refused.
    expectWritten(
      await q.bindParticipant(trx, eventId, invitation.id, userId, meta.now),
      'final-night:errors.invalidLink',
    )
    await audit(trx, {
      actorId: userId,
      action: 'final_night.participant_accepted',
      objectType: 'final_night',
      objectId: eventId,
      ip: meta.ip,
      details: { participant: invitation.id, kind: invitation.kind },
    })
    return userId
  })
}

// ---------------------------------------------------------------- the juror's pages

/** The juror's home: the event, its pitches in stage order with what they have done. */
export async function loadJurorHome(db: DB, p: Participant) {
  return asParticipant(db, p, async (trx) => {
    const event = await q.findEvent(trx, p.eventId)
    if (!event) throw notFound('final night')
    const [pitches, criteria, scores, conflicts] = await Promise.all([
      q.listPitches(trx, p.eventId),
      q.listCriteria(trx, p.eventId),
      q.listOwnScores(trx, p.eventId, p.userId),
      q.listOwnConflicts(trx, p.eventId, p.userId),
    ])
    const scoredCount = new Map<string, number>()
    for (const s of scores) scoredCount.set(s.pitch_id, (scoredCount.get(s.pitch_id) ?? 0) + 1)
    const conflicted = new Set(conflicts.map((c) => c.pitch_id))
    return {
      event: {
        id: event.id,
        status: event.status,
        city: event.city,
        venue: event.venue,
        starts_at: event.starts_at,
        time_zone: event.time_zone,
      },
      pitches: pitches.map((x) => ({
        id: x.id,
        position: x.position,
        at: pitchStartsAt(new Date(event.starts_at), event.minutes_per_pitch, x.position),
        venture: x.venture_name,
        province: x.province_name,
        issue: { id: x.issue_title_id, en: x.issue_title_en },
        state: conflicted.has(x.id)
          ? ('conflict' as const)
          : (scoredCount.get(x.id) ?? 0) >= criteria.length && criteria.length > 0
            ? ('scored' as const)
            : ('open' as const),
      })),
    }
  })
}

/** One pitch's score form: the rubric, the juror's scores so far, a conflict if declared, and a fresh idempotency key. */
export async function loadScoreForm(db: DB, p: Participant, pitchId: string) {
  return asParticipant(db, p, async (trx) => {
    const event = await q.findEvent(trx, p.eventId)
    const pitch = await q.findPitch(trx, p.eventId, pitchId)
    if (!event || !pitch) throw notFound('pitch')
    const [criteria, scores, conflicts, pitches] = await Promise.all([
      q.listCriteria(trx, p.eventId),
      q.listOwnScores(trx, p.eventId, p.userId),
      q.listOwnConflicts(trx, p.eventId, p.userId),
      q.listPitches(trx, p.eventId),
    ])
    const own = new Map(scores.filter((s) => s.pitch_id === pitchId).map((s) => [s.criterion_id, s.score]))
    const next = pitches.find((x) => x.position > pitch.position)
    return {
      event: { id: event.id, status: event.status },
      pitch: {
        id: pitch.id,
        position: pitch.position,
        venture: pitch.venture_name,
        province: pitch.province_name,
        issue: { id: pitch.issue_title_id, en: pitch.issue_title_en },
      },
      criteria: criteria.map((c) => ({
        id: c.id,
        weight: c.weight,
        title: { id: c.title_id, en: c.title_en },
        score: own.get(c.id) ?? null,
      })),
      conflict: conflicts.find((c) => c.pitch_id === pitchId)?.reason ?? null,
      nextPitch: next?.id ?? null,
      key: randomUUID(),
    }
  })
}

/**
 * Saves a juror's scores for one pitch, only while voting is open and never for a
 * pitch they declared a conflict with. Idempotent: the form's key is claimed under a
 * unique constraint first, so a retried post (same key) changes nothing; scores are
 * upserted on (event, pitch, juror, criterion), so no post ever adds a second score.
 */
export async function saveScores(
  db: DB,
  p: Participant & { ip: string | null },
  pitchId: string,
  input: { key: string; scores: { criterion: string; score: number }[] },
  now: Date,
): Promise<{ already: boolean }> {
  return asParticipant(db, p, async (trx) => {
    // Before the status is read: a close waits for this post, or this post sees the close.
    await shareVotingLock(trx, p.eventId)
    const juror = await q.findParticipation(trx, p.eventId, p.userId, 'juror')
    if (!juror) throw notFound('participant')
    const event = await q.findEvent(trx, p.eventId)
    const pitch = await q.findPitch(trx, p.eventId, pitchId)
    if (!event || !pitch) throw notFound('pitch')
    if (!votingOpen(event.status)) throw refused('final-night:errors.votingClosed')
    const conflicts = await q.listOwnConflicts(trx, p.eventId, p.userId)
    if (conflicts.some((c) => c.pitch_id === pitchId)) throw refused('final-night:errors.conflicted')
    const criteria = await q.listCriteria(trx, p.eventId)
    const given = new Map(input.scores.map((s) => [s.criterion, s.score]))
    if (criteria.length === 0 || given.size !== criteria.length || criteria.some((c) => !given.has(c.id)))
      throw refused('final-night:errors.scoreAll', { status: 400, field: 'scores' })
    if (!(await q.claimScorePost(trx, p.eventId, p.userId, input.key, pitchId))) return { already: true }
    await q.upsertScores(
      trx,
      p.eventId,
      pitchId,
      p.userId,
      criteria.map((c) => ({ criterionId: c.id, score: given.get(c.id) as number })),
      now,
    )
    await audit(trx, {
      actorId: p.userId,
      action: 'final_night.scored',
      objectType: 'final_night_pitch',
      objectId: pitchId,
      ip: p.ip,
      details: { event: p.eventId, scores: Object.fromEntries(given) },
    })
    return { already: false }
  })
}

/** A juror declares a conflict with a pitch (before results are confirmed); any scores they gave it are withdrawn. */
export async function declareConflict(
  db: DB,
  p: Participant & { ip: string | null },
  pitchId: string,
  reason: ConflictReason,
) {
  return asParticipant(db, p, async (trx) => {
    // Before the status is read: a confirmation waits for this declaration, or it sees the confirmation.
    await shareVotingLock(trx, p.eventId)
    const juror = await q.findParticipation(trx, p.eventId, p.userId, 'juror')
    if (!juror) throw notFound('participant')
    const event = await q.findEvent(trx, p.eventId)
    const pitch = await q.findPitch(trx, p.eventId, pitchId)
    if (!event || !pitch) throw notFound('pitch')
    if (event.status === 'confirmed' || event.status === 'published') throw refused('final-night:errors.confirmed')
    await q.insertConflict(trx, p.eventId, pitchId, p.userId, reason)
    await q.deleteOwnScores(trx, p.eventId, pitchId, p.userId)
    await audit(trx, {
      actorId: p.userId,
      action: 'final_night.conflict_declared',
      objectType: 'final_night_pitch',
      objectId: pitchId,
      ip: p.ip,
      details: { event: p.eventId, reason },
    })
  })
}
