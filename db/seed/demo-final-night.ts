import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { generateToken, hashToken } from '#app/modules/auth/tokens.server.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import {
  chooseWinner,
  createEvent,
  drawPitchOrder,
  loadEvent,
  moveEvent,
} from '#app/modules/final-night/final-night.server.ts'
import { EVENT_ZONE, seededRandom } from '#app/modules/final-night/final-night-rules.ts'
import { saveScores } from '#app/modules/final-night/jury.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '../schema.ts'
import { DEMO_PASSWORD } from './demo-accounts.ts'

// A past Final Night with published results for the demo (issue 14), built through the
// organiser's and the jury's own workflows from whatever published finalists the demo
// holds — found by query, so it follows the demo wherever its selections are. Three
// demo jurors (README, demo accounts) score every pitch from a fixed seed; the ministry
// picks the audience favourite, confirms and publishes. Idempotent: an edition that
// already has its Final Night is left alone; without published finalists nothing is made.

const DAY = 24 * 60 * 60 * 1000
export const DEMO_JURORS = [
  { email: 'juror@demo.winner.id', name: 'Demo Juri Malam Final', affiliation: 'investor' as const },
  { email: 'juror2@demo.winner.id', name: 'Demo Juri Mitra', affiliation: 'partner' as const },
  { email: 'juror3@demo.winner.id', name: 'Demo Juri Kementerian', affiliation: 'ministry' as const },
]
/** The seed of the demo jury's scores, so every demo database shows the same board. */
const SCORE_SEED = '5eed0f1a1e0d2023a11b1c0de0f1a1e0'

/** Editions whose published selections hold finalists and which have no Final Night yet. */
async function editionsToBuild(db: Kysely<Database>, now: Date) {
  const rows = await withTenant(db, { national: true }, (trx) =>
    trx
      .selectFrom('selection_entries as se')
      .innerJoin('selections as s', (j) =>
        j.onRef('s.province_id', '=', 'se.province_id').onRef('s.call_id', '=', 'se.call_id'),
      )
      .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 's.province_id').onRef('c.id', '=', 's.call_id'))
      .select('c.edition_id')
      .distinct()
      .innerJoin('editions as ed', 'ed.id', 'c.edition_id')
      .where('s.status', '=', 'published')
      .where('se.stage', '=', 'finalist')
      // A past Final Night: only an edition that has ended (the running one's night is still ahead).
      .where('ed.ends_on', '<', now.toISOString().slice(0, 10))
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('final_nights as e').select('e.id').whereRef('e.edition_id', '=', 'c.edition_id')),
        ),
      )
      .execute(),
  )
  return rows.map((r) => r.edition_id)
}

async function demoJurorIds(db: Kysely<Database>): Promise<string[]> {
  const ids: string[] = []
  const hash = await hashPassword(DEMO_PASSWORD)
  for (const j of DEMO_JURORS) {
    const existing = await db.selectFrom('users').select('id').where('email', '=', j.email).executeTakeFirst()
    const id =
      existing?.id ??
      (
        await db
          .insertInto('users')
          .values({ email: j.email, name: j.name, password_hash: hash, email_verified_at: new Date(), phone: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    ids.push(id)
  }
  return ids
}

/** Seeds the demo's past Final Night (see above). */
export async function seedDemoFinalNight(db: Kysely<Database>, now = new Date()): Promise<void> {
  const editions = await editionsToBuild(db, now)
  if (editions.length === 0) return
  const ministry = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('email', '=', 'ministry@demo.winner.id')
    .executeTakeFirst()
  if (!ministry) return
  const actor = { userId: ministry.id, name: ministry.name, ip: null }
  const jurors = await demoJurorIds(db)
  const random = seededRandom(SCORE_SEED)
  for (const edition of editions) {
    // A week ago, 19:00 in Jakarta.
    const day = instantToLocal(new Date(now.getTime() - 7 * DAY), EVENT_ZONE).slice(0, 10)
    const eventId = await createEvent(db, actor, {
      edition,
      startsAt: `${day}T19:00`,
      venue: 'Balai Kartini',
      city: 'Jakarta',
      programme: '18.30 Registrasi\n19.00 Pembukaan\n19.15 Presentasi finalis\n21.30 Pengumuman pemenang',
      minutes: 7,
    })
    await drawPitchOrder(db, actor, eventId, now, '0d3e0f1a2b3c4d5e6f708192a3b4c5d6')
    await withTenant(db, { national: true, event: eventId }, (trx) =>
      trx
        .insertInto('final_night_participants')
        .values(
          DEMO_JURORS.map((j, i) => ({
            event_id: eventId,
            kind: 'juror' as const,
            affiliation: j.affiliation,
            email: j.email,
            name: j.name,
            organisation: '',
            user_id: jurors[i] as string,
            token_hash: hashToken(generateToken()),
            invited_by: actor.userId,
            expires_at: now,
            accepted_at: now,
          })),
        )
        .execute(),
    )
    await moveEvent(db, actor, eventId, 'voting', now)
    const { pitches, criteria, awards } = await loadEvent(db, eventId)
    for (const jurorId of jurors) {
      for (const pitch of pitches) {
        const scores = criteria.map((c) => ({ criterion: c.id, score: 5 + Math.floor(random() * 6) }))
        await saveScores(db, { eventId, userId: jurorId, ip: null }, pitch.id, { key: randomUUID(), scores }, now)
      }
    }
    await moveEvent(db, actor, eventId, 'closed', now)
    const audience = awards.find((a) => a.kind === 'audience')
    const favourite = pitches[Math.floor(random() * pitches.length)]
    if (audience && favourite) await chooseWinner(db, actor, eventId, audience.id, favourite.id)
    await moveEvent(db, actor, eventId, 'confirmed', now)
    await moveEvent(db, actor, eventId, 'published', now)
  }
}
