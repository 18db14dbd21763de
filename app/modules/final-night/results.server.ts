import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { FinalNightAwardKind } from '#db/schema.ts'
import * as q from './final-night.queries.server.ts'

// What the Final Night shows outside the organiser and the jury (issue 14), and only
// once published: the winners on the public portal (home and the province page) and
// the finalist's own night on their application page.

export interface PublicWinner {
  id: string
  kind: FinalNightAwardKind
  title: { id: string; en: string } | null
  issue: { id: string; en: string } | null
  venture: string
  province: { slug: string; name: string }
}

/** Published winners of the edition's Final Night, for the portal (national read of public results). */
export async function loadPublishedWinners(db: DB, editionId: string): Promise<PublicWinner[]> {
  const rows = await withTenant(db, { national: true }, (trx) => q.listPublishedWinners(trx, editionId))
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title_id && r.title_en ? { id: r.title_id, en: r.title_en } : null,
    issue: r.issue_name_id && r.issue_name_en ? { id: r.issue_name_id, en: r.issue_name_en } : null,
    venture: r.venture_name,
    province: { slug: r.province_slug, name: r.province_name },
  }))
}

/**
 * The finalist's own Final Night for one application: when and where they pitch and,
 * once published, the awards they won. Null when the application is not on stage.
 * The pitch is found with the applicant's own id (the pitches policy lets them read
 * their own rows); the event is then read in its own scope.
 */
export async function loadOwnFinalNight(db: DB, owner: { provinceId: string; userId: string }, applicationId: string) {
  const pitches = await withTenant(db, { provinceId: owner.provinceId, userId: owner.userId }, (trx) =>
    q.listOwnPitches(trx, owner.provinceId, owner.userId, applicationId),
  )
  const pitch = pitches[0]
  if (!pitch) return null
  return withTenant(db, { event: pitch.event_id, userId: owner.userId }, async (trx) => {
    const event = await q.findEvent(trx, pitch.event_id)
    if (!event) return null
    const published = event.status === 'published'
    const awards = published
      ? (await q.listAwards(trx, pitch.event_id)).filter((a) => a.winner_pitch_id === pitch.id)
      : []
    return {
      eventId: event.id,
      startsAt: event.starts_at,
      timeZone: event.time_zone,
      city: event.city,
      venue: event.venue,
      published,
      awards: awards.map((a) => ({
        id: a.id,
        kind: a.kind,
        title: a.title_id && a.title_en ? { id: a.title_id, en: a.title_en } : null,
        issue: a.issue_name_id && a.issue_name_en ? { id: a.issue_name_id, en: a.issue_name_en } : null,
      })),
    }
  })
}
