import { randomBytes, randomUUID } from 'node:crypto'
import type { Language } from '#app/i18n/config.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { normaliseEmail, type RequestMeta } from '#app/modules/auth/accounts.server.ts'
import { generateToken, hashToken } from '#app/modules/auth/tokens.server.ts'
import { localToInstant } from '#app/modules/calls/zoned-time.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { ParticipantAffiliation, ParticipantKind } from '#db/schema.ts'
import * as q from './final-night.queries.server.ts'
import { enqueueFinalNightMail } from './final-night-mail.server.ts'
import {
  DEFAULT_FINAL_NIGHT_RUBRIC,
  decideAwards,
  drawOrder,
  EVENT_ZONE,
  NEXT_STATES,
  rankPitches,
  setUpOpen,
  weightsValid,
} from './final-night-rules.ts'
import { holdVotingLock } from './voting-lock.server.ts'

// The organiser's workflows (issue 14): the ministry builds the event of an edition
// from every province's confirmed finalists, sets the order, rubric and awards,
// invites jurors and guests, opens and closes voting, confirms and publishes. Each
// step is one transaction in the national scope bound to the event (reads everything,
// writes only that event; docs/decisions/009-final-night-scope.md), audited.

const INVITATION_TTL_MS = 30 * 24 * 60 * 60 * 1000

export interface Organiser {
  userId: string
  name: string
  ip: string | null
}

const organise = <T>(db: DB, eventId: string, fn: (trx: Trx) => Promise<T>) =>
  withTenant(db, { national: true, event: eventId }, fn)

async function lockedEvent(trx: Trx, eventId: string) {
  const event = await q.lockEvent(trx, eventId)
  if (!event) throw notFound('final night')
  return event
}

const record = (trx: Trx, actor: Organiser, action: string, eventId: string, details: Record<string, unknown> = {}) =>
  audit(trx, { actorId: actor.userId, action, objectType: 'final_night', objectId: eventId, ip: actor.ip, details })

// ---------------------------------------------------------------- reading

/** Every Final Night, newest first, and the editions that have none yet. */
export function loadEvents(db: DB) {
  return withTenant(db, { national: true }, async (trx) => {
    const [events, editions] = await Promise.all([q.listEvents(trx), q.listEditionsWithoutEvent(trx)])
    return { events: events.map((e) => ({ ...e, pitches: Number(e.pitches ?? 0) })), editions }
  })
}

/** The organiser's page: the event with its pitches, rubric, awards and participants. */
export async function loadEvent(db: DB, eventId: string) {
  return withTenant(db, { national: true }, async (trx) => {
    const event = await q.findEvent(trx, eventId)
    if (!event) throw notFound('final night')
    const [pitches, criteria, awards, participants] = await Promise.all([
      q.listPitches(trx, eventId),
      q.listCriteria(trx, eventId),
      q.listAwards(trx, eventId),
      q.listParticipants(trx, eventId),
    ])
    return { event, pitches, criteria, awards, participants }
  })
}

/** The live board: the ranking under the tie rule, with per-criterion means and counts. */
export async function loadBoard(db: DB, eventId: string) {
  return withTenant(db, { national: true }, async (trx) => {
    const event = await q.findEvent(trx, eventId)
    if (!event) throw notFound('final night')
    const [pitches, criteria, scores, conflicts, participants, awards] = await Promise.all([
      q.listPitches(trx, eventId),
      q.listCriteria(trx, eventId),
      q.listAllScores(trx, eventId),
      q.countConflictsByPitch(trx, eventId),
      q.listParticipants(trx, eventId),
      q.listAwards(trx, eventId),
    ])
    const board = rankPitches(
      pitches.map((p) => ({ id: p.id, position: p.position })),
      criteria,
      scores.map((s) => ({ pitchId: s.pitch_id, jurorId: s.juror_id, criterionId: s.criterion_id, score: s.score })),
    )
    const pitchById = new Map(pitches.map((p) => [p.id, p]))
    const conflictsBy = new Map(conflicts.map((c) => [c.pitch_id, Number(c.n)]))
    return {
      event,
      criteria,
      awards,
      jurors: participants.filter((p) => p.kind === 'juror' && p.accepted_at !== null).length,
      entries: board.map((e) => {
        const pitch = pitchById.get(e.pitchId)
        return {
          ...e,
          venture: pitch?.venture_name ?? '',
          province: pitch?.province_name ?? '',
          issue: { id: pitch?.issue_title_id ?? '', en: pitch?.issue_title_en ?? '' },
          conflicts: conflictsBy.get(e.pitchId) ?? 0,
        }
      }),
    }
  })
}

// ---------------------------------------------------------------- building the event

export interface EventDetails {
  startsAt: string
  venue: string
  city: string
  programme?: string
  minutes: number
}

/**
 * Creates the Final Night of an edition from every province's confirmed finalists,
 * with the default rubric and awards (best overall, best per national issue on stage,
 * audience favourite). One per edition.
 */
export async function createEvent(
  db: DB,
  actor: Organiser,
  input: EventDetails & { edition: string },
): Promise<string> {
  const id = randomUUID()
  return organise(db, id, async (trx) => {
    if (!(await q.findEdition(trx, input.edition))) throw invalid('final-night:errors.unknownEdition', 'edition')
    if (await q.eventOfEdition(trx, input.edition)) throw refused('final-night:errors.editionHasEvent')
    await q.insertEvent(trx, {
      id,
      edition_id: input.edition,
      starts_at: localToInstant(input.startsAt, EVENT_ZONE),
      venue: input.venue,
      city: input.city,
      programme: input.programme ?? '',
      minutes_per_pitch: input.minutes,
      created_by: actor.userId,
    })
    await q.replaceCriteria(
      trx,
      id,
      DEFAULT_FINAL_NIGHT_RUBRIC.map((c) => ({ weight: c.weight, title_id: c.title.id, title_en: c.title.en })),
    )
    const added = await syncFinalists(trx, id, input.edition)
    await record(trx, actor, 'final_night.created', id, { edition: input.edition, pitches: added.added })
    return id
  })
}

/**
 * Brings the pitches in line with the confirmed finalists (provinces confirm at
 * different times): adds new ones at the end, removes those no longer finalists, and
 * keeps one "best of" award per national issue on stage.
 */
async function syncFinalists(trx: Trx, eventId: string, editionId: string) {
  const [finalists, pitches] = await Promise.all([
    q.listConfirmedFinalists(trx, editionId),
    q.listPitches(trx, eventId),
  ])
  const key = (p: { province_id: string; application_id: string }) => `${p.province_id}/${p.application_id}`
  const wanted = new Set(finalists.map(key))
  const have = new Set(pitches.map(key))
  const gone = pitches.filter((p) => !wanted.has(key(p)))
  await q.deletePitches(
    trx,
    eventId,
    gone.map((p) => p.id),
  )
  const kept = pitches.filter((p) => wanted.has(key(p)))
  // Close the gaps the removed pitches left, then append the new ones.
  for (const [i, p] of kept.entries()) if (p.position !== i + 1) await q.setPitchPosition(trx, eventId, p.id, i + 1)
  const fresh = finalists.filter((f) => !have.has(key(f)))
  await q.insertPitches(
    trx,
    fresh.map((f, i) => ({ ...f, event_id: eventId, position: kept.length + i + 1 })),
  )
  const issues = [...new Set(finalists.map((f) => f.national_issue_id))]
  await q.clearIssueAwardsNotIn(trx, eventId, issues)
  await q.insertAwards(trx, [
    { event_id: eventId, kind: 'best_overall', national_issue_id: null, title_id: null, title_en: null, position: 1 },
    ...issues.map((issue, i) => ({
      event_id: eventId,
      kind: 'best_issue' as const,
      national_issue_id: issue,
      title_id: null,
      title_en: null,
      position: 10 + i,
    })),
    { event_id: eventId, kind: 'audience', national_issue_id: null, title_id: null, title_en: null, position: 100 },
  ])
  return { added: fresh.length, removed: gone.length }
}

/** Re-reads the confirmed finalists of every province (before voting opens). */
export async function refreshFinalists(db: DB, actor: Organiser, eventId: string, now: Date) {
  return organise(db, eventId, async (trx) => {
    const event = await lockedEvent(trx, eventId)
    if (!setUpOpen(event.status)) throw refused('final-night:errors.setUpClosed')
    const result = await syncFinalists(trx, eventId, event.edition_id)
    if (result.added > 0 || result.removed > 0) await q.updateEvent(trx, eventId, { draw_seed: null }, now)
    await record(trx, actor, 'final_night.finalists_synced', eventId, result)
    return result
  })
}

export async function updateDetails(db: DB, actor: Organiser, eventId: string, input: EventDetails, now: Date) {
  return organise(db, eventId, async (trx) => {
    const event = await lockedEvent(trx, eventId)
    if (event.status === 'published') throw refused('final-night:errors.published')
    const set = {
      starts_at: localToInstant(input.startsAt, EVENT_ZONE),
      venue: input.venue,
      city: input.city,
      programme: input.programme ?? '',
      minutes_per_pitch: input.minutes,
    }
    await q.updateEvent(trx, eventId, set, now)
    await record(trx, actor, 'final_night.details_updated', eventId, { ...set, starts_at: set.starts_at.toISOString() })
  })
}

/** Draws the stage order at random from a fresh seed, stored and audited so anyone can recompute it. */
export async function drawPitchOrder(db: DB, actor: Organiser, eventId: string, now: Date, seed?: string) {
  const drawSeed = seed ?? randomBytes(16).toString('hex')
  return organise(db, eventId, async (trx) => {
    const event = await lockedEvent(trx, eventId)
    if (!setUpOpen(event.status)) throw refused('final-night:errors.setUpClosed')
    const pitches = await q.listPitches(trx, eventId)
    if (pitches.length === 0) throw refused('final-night:errors.noPitches')
    const order = drawOrder(
      pitches.map((p) => p.id),
      drawSeed,
    )
    for (const [i, id] of order.entries()) await q.setPitchPosition(trx, eventId, id, i + 1)
    await q.updateEvent(trx, eventId, { draw_seed: drawSeed, ordered_at: now }, now)
    await record(trx, actor, 'final_night.order_drawn', eventId, { seed: drawSeed, order })
    return { seed: drawSeed, order }
  })
}

/** Sets the stage order by hand: every pitch a distinct position 1…n. */
export async function setPitchOrder(
  db: DB,
  actor: Organiser,
  eventId: string,
  order: { pitch: string; position: number }[],
  now: Date,
) {
  return organise(db, eventId, async (trx) => {
    const event = await lockedEvent(trx, eventId)
    if (!setUpOpen(event.status)) throw refused('final-night:errors.setUpClosed')
    const pitches = await q.listPitches(trx, eventId)
    const ids = new Set(pitches.map((p) => p.id))
    const positions = order.map((o) => o.position).sort((a, b) => a - b)
    const complete =
      order.length === pitches.length &&
      new Set(order.map((o) => o.pitch)).size === order.length &&
      order.every((o) => ids.has(o.pitch)) &&
      positions.every((p, i) => p === i + 1)
    if (!complete) throw invalid('final-night:errors.order', 'order')
    for (const o of order) await q.setPitchPosition(trx, eventId, o.pitch, o.position)
    await q.updateEvent(trx, eventId, { draw_seed: null, ordered_at: now }, now)
    const sorted = [...order].sort((a, b) => a.position - b.position).map((o) => o.pitch)
    await record(trx, actor, 'final_night.order_set', eventId, { order: sorted })
  })
}

export async function saveRubric(
  db: DB,
  actor: Organiser,
  eventId: string,
  criteria: { titleId: string; titleEn: string; weight: number }[],
) {
  if (!weightsValid(criteria.map((c) => c.weight))) throw invalid('final-night:errors.weightsSum', 'criteria')
  return organise(db, eventId, async (trx) => {
    const event = await lockedEvent(trx, eventId)
    if (!setUpOpen(event.status)) throw refused('final-night:errors.setUpClosed')
    await q.replaceCriteria(
      trx,
      eventId,
      criteria.map((c) => ({ weight: c.weight, title_id: c.titleId, title_en: c.titleEn })),
    )
    await record(trx, actor, 'final_night.rubric_saved', eventId, { criteria })
  })
}

export async function addAward(db: DB, actor: Organiser, eventId: string, title: { id: string; en: string }) {
  return organise(db, eventId, async (trx) => {
    const event = await lockedEvent(trx, eventId)
    if (!setUpOpen(event.status) && event.status !== 'voting' && event.status !== 'closed')
      throw refused('final-night:errors.confirmed')
    const awards = await q.listAwards(trx, eventId)
    await q.insertAwards(trx, [
      {
        event_id: eventId,
        kind: 'custom',
        national_issue_id: null,
        title_id: title.id,
        title_en: title.en,
        position: 200 + awards.length,
      },
    ])
    await record(trx, actor, 'final_night.award_added', eventId, { title })
  })
}

export async function removeAward(db: DB, actor: Organiser, eventId: string, awardId: string) {
  return organise(db, eventId, async (trx) => {
    const event = await lockedEvent(trx, eventId)
    if (event.status === 'confirmed' || event.status === 'published') throw refused('final-night:errors.confirmed')
    const removed = await q.deleteAward(trx, eventId, awardId)
    if (Number(removed.numDeletedRows) === 0) throw notFound('award')
    await record(trx, actor, 'final_night.award_removed', eventId, { award: awardId })
  })
}

/** The audience favourite and the ministry's own awards are chosen by hand before confirmation. */
export async function chooseWinner(db: DB, actor: Organiser, eventId: string, awardId: string, pitchId: string | null) {
  return organise(db, eventId, async (trx) => {
    const event = await lockedEvent(trx, eventId)
    if (event.status === 'confirmed' || event.status === 'published') throw refused('final-night:errors.confirmed')
    const award = (await q.listAwards(trx, eventId)).find((a) => a.id === awardId)
    if (!award) throw notFound('award')
    if (award.kind !== 'audience' && award.kind !== 'custom') throw refused('final-night:errors.rankedAward')
    if (pitchId && !(await q.findPitch(trx, eventId, pitchId))) throw invalid('final-night:errors.invalid', 'pitch')
    await q.setAwardWinner(trx, eventId, awardId, pitchId)
    await record(trx, actor, 'final_night.winner_chosen', eventId, { award: awardId, pitch: pitchId })
  })
}

// ---------------------------------------------------------------- participants

export interface ParticipantInput {
  kind: ParticipantKind
  affiliation: ParticipantAffiliation
  name: string
  email: string
  organisation?: string
}

/**
 * Invites a juror or a guest to this event only: a one-time link valid 30 days, mailed
 * in the same transaction. Accepting binds their account to the event — never a
 * membership, so they gain no province or national access.
 */
export async function inviteParticipant(
  db: DB,
  actor: Organiser,
  eventId: string,
  input: ParticipantInput,
  meta: RequestMeta & { locale: Language },
) {
  const email = normaliseEmail(input.email)
  const token = generateToken()
  return organise(db, eventId, async (trx) => {
    const event = await lockedEvent(trx, eventId)
    if (event.status === 'published') throw refused('final-night:errors.published')
    if (await q.findActiveParticipantByEmail(trx, eventId, email, input.kind))
      throw invalid('final-night:errors.alreadyParticipant', 'email')
    await q.revokePendingInvitations(trx, eventId, email, input.kind, meta.now)
    const row = await q.insertParticipant(trx, {
      event_id: eventId,
      kind: input.kind,
      affiliation: input.affiliation,
      email,
      name: input.name,
      organisation: input.organisation ?? '',
      token_hash: hashToken(token),
      invited_by: actor.userId,
      expires_at: new Date(meta.now.getTime() + INVITATION_TTL_MS),
    })
    await enqueueFinalNightMail(trx, {
      to: email,
      name: input.name,
      locale: meta.locale,
      template: input.kind,
      params: {
        inviter: actor.name,
        city: event.city,
        venue: event.venue,
        link: `${meta.origin}/final-night/${eventId}/invite/${token}`,
      },
    })
    await record(trx, actor, 'final_night.participant_invited', eventId, {
      participant: row.id,
      kind: input.kind,
      email,
      affiliation: input.affiliation,
    })
    return row.id
  })
}

export async function revokeParticipant(db: DB, actor: Organiser, eventId: string, participantId: string, now: Date) {
  return organise(db, eventId, async (trx) => {
    await lockedEvent(trx, eventId)
    const row = await q.revokeParticipant(trx, eventId, participantId, now)
    if (!row) throw notFound('participant')
    await record(trx, actor, 'final_night.participant_revoked', eventId, { participant: row.id, kind: row.kind })
  })
}

// ---------------------------------------------------------------- voting, confirmation, publication

/**
 * Moves the event along its states (NEXT_STATES): open voting (needs pitches, an
 * order, a valid rubric and a juror), close it, reopen it, confirm the results (the
 * ranking decides best overall and best per issue; hand-chosen awards must have a
 * winner) and publish. Returns the provinces whose portal pages change.
 */
export async function moveEvent(
  db: DB,
  actor: Organiser,
  eventId: string,
  target: 'voting' | 'closed' | 'confirmed' | 'published',
  now: Date,
): Promise<{ already: boolean; provinces: string[] }> {
  return organise(db, eventId, async (trx) => {
    // Waits for the jurors' posts in flight; later ones read the new status (voting-lock.server.ts).
    await holdVotingLock(trx, eventId)
    const event = await lockedEvent(trx, eventId)
    if (event.status === target) return { already: true, provinces: [] }
    if (!NEXT_STATES[event.status].includes(target)) throw refused(`final-night:errors.cannot.${target}`)
    const set: Parameters<typeof q.updateEvent>[2] = { status: target }
    if (target === 'voting') {
      const [pitches, criteria, participants] = await Promise.all([
        q.listPitches(trx, eventId),
        q.listCriteria(trx, eventId),
        q.listParticipants(trx, eventId),
      ])
      if (pitches.length === 0) throw refused('final-night:errors.noPitches')
      if (!event.ordered_at) throw refused('final-night:errors.noOrder')
      if (!weightsValid(criteria.map((c) => c.weight))) throw refused('final-night:errors.weightsSum')
      if (!participants.some((p) => p.kind === 'juror')) throw refused('final-night:errors.noJurors')
      set.voting_opened_at = now
    }
    if (target === 'closed') set.voting_closed_at = now
    if (target === 'confirmed') {
      const [pitches, criteria, scores, awards] = await Promise.all([
        q.listPitches(trx, eventId),
        q.listCriteria(trx, eventId),
        q.listAllScores(trx, eventId),
        q.listAwards(trx, eventId),
      ])
      const board = rankPitches(
        pitches.map((p) => ({ id: p.id, position: p.position })),
        criteria,
        scores.map((s) => ({ pitchId: s.pitch_id, jurorId: s.juror_id, criterionId: s.criterion_id, score: s.score })),
      )
      if (!board.some((e) => e.rank !== null)) throw refused('final-night:errors.noScores')
      const handPicked = awards.filter((a) => (a.kind === 'audience' || a.kind === 'custom') && !a.winner_pitch_id)
      if (handPicked.length > 0) throw refused('final-night:errors.awardWithoutWinner')
      const winners = decideAwards(
        awards.map((a) => ({
          id: a.id,
          kind: a.kind,
          nationalIssueId: a.national_issue_id,
          winnerPitchId: a.winner_pitch_id,
        })),
        board,
        new Map(pitches.map((p) => [p.id, p.national_issue_id])),
      )
      for (const [award, pitch] of winners) await q.setAwardWinner(trx, eventId, award, pitch)
      set.confirmed_at = now
      set.confirmed_by = actor.userId
      await record(trx, actor, 'final_night.results_confirmed', eventId, {
        winners: Object.fromEntries(winners),
        ranking: board.map((e) => ({ pitch: e.pitchId, rank: e.rank, total: e.total, brokenBy: e.brokenBy })),
      })
    }
    if (target === 'published') set.published_at = now
    await q.updateEvent(trx, eventId, set, now)
    await record(
      trx,
      actor,
      `final_night.${target === 'voting' && event.status === 'closed' ? 'reopened' : target}`,
      eventId,
      {
        from: event.status,
      },
    )
    const provinces = target === 'published' ? await q.listPitchProvinceSlugs(trx, eventId) : []
    return { already: false, provinces }
  })
}
