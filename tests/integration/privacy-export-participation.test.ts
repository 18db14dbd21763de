import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoFinalNight } from '#db/seed/demo-final-night.ts'
import { demoMentorEmail, seedDemoMentoring } from '#db/seed/demo-mentoring.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { type Finalist, publishFinalists } from '#tests/factories/mentoring.ts'
import { signedIn } from '#tests/factories/session.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// The right of access covers what a person did after applying (UU 27/2022 art. 7): the
// data download of a mentor, a finalist and a Final Night juror lists their mentoring
// sessions, notes, milestones, pitches, scores and WhatsApp messages — counted against
// the database — and none of another person's.

let t: TestDatabase
const now = new Date()
let finalists: Finalist[] = []
const WHATSAPP = '+6281399988877'

const download = async (email: string) => {
  const res = await request('/account/data.json', { db: t.db, headers: await signedIn(t.db, email), now })
  expect(res.status).toBe(200)
  return JSON.parse(await res.text())
}
const page = async (email: string) =>
  (await request('/account/data?lng=en', { db: t.db, headers: await signedIn(t.db, email), now })).text()
const count = async (query: Promise<{ n: string | number }>) => Number((await query).n)

beforeAll(async () => {
  t = await createDemoDatabase(now)
  const fx = await t.asOwner((db) => provinceFixture(db, 'banten'))
  finalists = await t.asOwner((db) =>
    publishFinalists(db, fx, ['Bank Sampah Ekspor', 'Dapur Gizi Ekspor', 'Sekolah Nelayan Ekspor']),
  )
  await t.asOwner((db) => seedDemoMentoring(db, now))
  // The demo's Final Night is held for an edition that has ended.
  await t.asOwner((db) =>
    db
      .updateTable('editions')
      .set({ starts_on: sql`current_date - 400`, ends_on: sql`current_date - 1` })
      .where('id', '=', fx.editionId)
      .execute(),
  )
  await seedDemoFinalNight(t.db, now)
  const lead = finalists[0]?.applicant.id ?? ''
  await t.asOwner(async (db) => {
    await db
      .insertInto('messaging_contacts')
      .values({ user_id: lead, phone: WHATSAPP, status: 'active', verified_at: now })
      .execute()
    await db
      .insertInto('message_outbox')
      .values({
        user_id: lead,
        to_phone: WHATSAPP,
        template: 'mentoringTomorrow',
        locale: 'id',
        body_text: 'WiNNER: sesi pendampingan besok pukul 09.00.',
        dedupe_key: `export-test-${lead}`,
      })
      .execute()
  })
})
afterAll(() => t.close())

describe('the data download after applying', () => {
  it("lists a mentor's cohort, sessions and notes", async () => {
    const email = demoMentorEmail(1, 'banten')
    const mentorId = (
      await t.asOwner((db) => db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow())
    ).id
    const data = await download(email)
    expect(data.mentoring.mentorOf).toHaveLength(1)
    expect(data.mentoring.mentorOf[0].province).toBe('banten')
    const sessions = await t.asOwner((db) =>
      count(
        db
          .selectFrom('session_participants')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('user_id', '=', mentorId)
          .executeTakeFirstOrThrow(),
      ),
    )
    expect(sessions).toBeGreaterThan(0)
    expect(data.mentoring.sessions).toHaveLength(sessions)
    expect(data.mentoring.sessions.every((s: { role: string }) => s.role === 'mentor')).toBe(true)
    const notes = await t.asOwner((db) =>
      db.selectFrom('session_notes').select('body').where('author_id', '=', mentorId).execute(),
    )
    expect(data.mentoring.notesWritten.map((n: { body: string }) => n.body).sort()).toEqual(
      notes.map((n) => n.body).sort(),
    )
    expect(data.finalNight.scoresGiven).toEqual([])
    expect(data.messaging).toEqual({ contact: null, messages: [] })
  })

  it("lists a finalist's sessions, milestones, pitch and WhatsApp messages", async () => {
    const lead = finalists[0]
    if (!lead) throw new Error('no finalist')
    const data = await download(lead.applicant.email)
    expect(data.mentoring.sessions.length).toBeGreaterThan(0)
    expect(data.mentoring.sessions.every((s: { role: string }) => s.role === 'finalist')).toBe(true)
    const milestones = await t.asOwner((db) =>
      count(
        db
          .selectFrom('plan_milestones')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('application_id', '=', lead.id)
          .executeTakeFirstOrThrow(),
      ),
    )
    expect(milestones).toBeGreaterThan(0)
    expect(data.mentoring.milestones).toHaveLength(milestones)
    expect(data.finalNight.pitches).toHaveLength(1)
    expect(data.finalNight.pitches[0]).toMatchObject({ applicationId: lead.id, venture: lead.venture })
    expect(data.messaging.contact).toMatchObject({ phone: WHATSAPP, status: 'active' })
    expect(data.messaging.messages).toHaveLength(1)
    expect(data.messaging.messages[0].body).toContain('sesi pendampingan besok')
    // Another finalist's download holds neither the number nor the message.
    const other = JSON.stringify(await download(finalists[1]?.applicant.email ?? ''))
    expect(other).not.toContain(WHATSAPP)
    expect(other).not.toContain('sesi pendampingan besok')
  })

  it("lists a juror's invitation and every score they gave, and shows them on the readable page", async () => {
    const jurorId = (
      await t.asOwner((db) =>
        db.selectFrom('users').select('id').where('email', '=', 'juror@demo.winner.id').executeTakeFirstOrThrow(),
      )
    ).id
    const data = await download('juror@demo.winner.id')
    expect(data.finalNight.invitations).toHaveLength(1)
    expect(data.finalNight.invitations[0]).toMatchObject({ kind: 'juror', email: 'juror@demo.winner.id' })
    expect(data.finalNight.invitations[0].acceptedAt).not.toBeNull()
    const scores = await t.asOwner((db) =>
      db.selectFrom('final_night_scores').select('score').where('juror_id', '=', jurorId).execute(),
    )
    expect(scores.length).toBeGreaterThan(0)
    expect(data.finalNight.scoresGiven.map((s: { score: number }) => s.score).sort()).toEqual(
      scores.map((s) => s.score).sort(),
    )
    const body = await page('juror@demo.winner.id')
    expect(body).toContain('Scores you gave')
    expect(body).toContain(finalists[0]?.venture)
    expect(body).toContain('Invited as Juror')
  })

  it('says so where nothing is recorded', async () => {
    const body = await page('bappeda.banten@demo.winner.id')
    expect(body).toContain('Reviews you were assigned')
    expect(body).toContain('Nothing recorded.')
    expect(body).not.toContain('Scores you gave')
  })
})
