import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { expectWritten, notFound, refused } from '#app/modules/errors/errors.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { FollowupKind, InterestKind } from '#db/schema.ts'
import * as q from './final-night.queries.server.ts'
import { enqueueFinalNightMail } from './final-night-mail.server.ts'

// Matchmaking after the Final Night (issue 14): investors, other local governments and
// partners — the event's guests — register interest in a finalist (investment, pilot,
// partnership, replication); the finalist accepts or declines; either side records
// what followed (meeting held, term sheet, MoU drafted) so the ministry can report it.
// Guest and finalist write only rows that name them, in the event's scope
// (docs/decisions/009-final-night-scope.md); every change is audited.

export interface Person {
  eventId: string
  userId: string
  ip: string | null
}

const inEvent = <T>(db: DB, p: { eventId: string; userId: string }, fn: (trx: Trx) => Promise<T>) =>
  withTenant(db, { event: p.eventId, userId: p.userId }, fn)

const record = (trx: Trx, p: Person, action: string, objectId: string, details: Record<string, unknown>) =>
  audit(trx, { actorId: p.userId, action, objectType: 'final_night_interest', objectId, ip: p.ip, details })

/** The guest's page: the finalists on stage and the guest's own interests with their follow-ups. */
export async function loadGuestPage(db: DB, p: { eventId: string; userId: string }) {
  return inEvent(db, p, async (trx) => {
    const event = await q.findEvent(trx, p.eventId)
    if (!event) throw notFound('final night')
    const [pitches, interests] = await Promise.all([
      q.listPitches(trx, p.eventId),
      q.listInterests(trx, p.eventId, { guestId: p.userId }),
    ])
    return {
      event: { id: event.id, city: event.city, venue: event.venue, starts_at: event.starts_at, status: event.status },
      pitches: pitches.map((x) => ({
        id: x.id,
        venture: x.venture_name,
        province: x.province_name,
        issue: { id: x.issue_title_id, en: x.issue_title_en },
      })),
      interests,
    }
  })
}

/** A guest registers interest in a finalist; the finalist is told by mail. Registering the same kind twice changes nothing. */
export async function registerInterest(
  db: DB,
  p: Person,
  input: { pitch: string; kind: InterestKind; message?: string },
): Promise<{ already: boolean }> {
  return inEvent(db, p, async (trx) => {
    if (!(await q.findParticipation(trx, p.eventId, p.userId, 'guest'))) throw notFound('participant')
    const pitch = await q.findPitch(trx, p.eventId, input.pitch)
    if (!pitch) throw notFound('pitch')
    const row = await q.insertInterest(trx, {
      event_id: p.eventId,
      pitch_id: pitch.id,
      guest_id: p.userId,
      applicant_id: pitch.applicant_id,
      kind: input.kind,
      message: input.message ?? '',
    })
    if (!row) return { already: true }
    const [finalist, guest] = await Promise.all([
      q.findUserWithLocale(trx, pitch.applicant_id),
      q.findUser(trx, p.userId),
    ])
    if (finalist && guest) {
      const locale = finalist.locale as Language
      const t = getFixedT(locale)
      await enqueueFinalNightMail(trx, {
        to: finalist.email,
        name: finalist.name,
        locale,
        template: 'interest',
        params: {
          guest: guest.name,
          venture: pitch.venture_name,
          kind: t(`final-night:matchmaking.kinds.${input.kind}`),
        },
      })
    }
    await record(trx, p, 'final_night.interest_registered', row.id, {
      event: p.eventId,
      pitch: pitch.id,
      kind: input.kind,
    })
    return { already: false }
  })
}

/** The finalist's own interests for one application, found through their own pitch; null when not on stage. */
export async function loadFinalistMatchmaking(
  db: DB,
  owner: { provinceId: string; userId: string },
  applicationId: string,
) {
  const pitch = await ownPitch(db, owner, applicationId)
  if (!pitch) return null
  return inEvent(db, { eventId: pitch.event_id, userId: owner.userId }, async (trx) => ({
    eventId: pitch.event_id,
    venture: pitch.venture_name,
    interests: await q.listInterests(trx, pitch.event_id, { pitchId: pitch.id, applicantId: owner.userId }),
  }))
}

async function ownPitch(db: DB, owner: { provinceId: string; userId: string }, applicationId: string) {
  const pitches = await withTenant(db, { provinceId: owner.provinceId, userId: owner.userId }, (trx) =>
    q.listOwnPitches(trx, owner.provinceId, owner.userId, applicationId),
  )
  return pitches[0] ?? null
}

/** The finalist accepts or declines a pending interest in their venture. */
export async function decideInterest(
  db: DB,
  owner: { provinceId: string; userId: string; ip: string | null },
  applicationId: string,
  interestId: string,
  decision: 'accepted' | 'declined',
  now: Date,
) {
  const pitch = await ownPitch(db, owner, applicationId)
  if (!pitch) throw notFound('pitch')
  const p = { eventId: pitch.event_id, userId: owner.userId, ip: owner.ip }
  return inEvent(db, p, async (trx) => {
    const interest = await q.findInterest(trx, p.eventId, interestId)
    if (!interest || interest.pitch_id !== pitch.id || interest.applicant_id !== owner.userId)
      throw notFound('interest')
    if (interest.status === decision) return
    if (interest.status !== 'pending') throw refused('final-night:errors.decided')
    expectWritten(
      await q.decideInterest(trx, p.eventId, interestId, owner.userId, decision, now),
      'final-night:errors.decided',
    )
    await record(trx, p, `final_night.interest_${decision}`, interestId, { event: p.eventId })
  })
}

/** A follow-up of an accepted interest, recorded by its guest or its finalist. */
export async function addFollowup(
  db: DB,
  p: Person,
  input: { interest: string; kind: FollowupKind; happenedOn: string; note?: string },
) {
  return inEvent(db, p, async (trx) => {
    const interest = await q.findInterest(trx, p.eventId, input.interest)
    if (!interest || (interest.guest_id !== p.userId && interest.applicant_id !== p.userId)) throw notFound('interest')
    if (interest.status !== 'accepted') throw refused('final-night:errors.notAccepted')
    const row = await q.insertFollowup(trx, {
      event_id: p.eventId,
      interest_id: interest.id,
      guest_id: interest.guest_id,
      applicant_id: interest.applicant_id,
      kind: input.kind,
      happened_on: input.happenedOn,
      note: input.note ?? '',
      recorded_by: p.userId,
    })
    await record(trx, p, 'final_night.followup_recorded', interest.id, {
      event: p.eventId,
      followup: row.id,
      kind: input.kind,
      happenedOn: input.happenedOn,
    })
  })
}

/** A finalist's follow-up: the event is found through their own pitch. */
export async function addFinalistFollowup(
  db: DB,
  owner: { provinceId: string; userId: string; ip: string | null },
  applicationId: string,
  input: { interest: string; kind: FollowupKind; happenedOn: string; note?: string },
) {
  const pitch = await ownPitch(db, owner, applicationId)
  if (!pitch) throw notFound('pitch')
  return addFollowup(db, { eventId: pitch.event_id, userId: owner.userId, ip: owner.ip }, input)
}

/** The ministry's report: every interest of the event with its state and follow-ups (national read). */
export async function loadMatchmakingReport(db: DB, eventId: string) {
  return withTenant(db, { national: true }, async (trx) => {
    const event = await q.findEvent(trx, eventId)
    if (!event) throw notFound('final night')
    return { event, interests: await q.listInterests(trx, eventId, {}) }
  })
}
