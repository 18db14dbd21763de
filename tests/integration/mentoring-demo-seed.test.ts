import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn } from '#app/modules/auth/accounts.server.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { demoMentorEmail, seedDemoMentoring } from '#db/seed/demo-mentoring.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { publishFinalists } from '#tests/factories/mentoring.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// The demo's mentoring cohort (issue 14): made in whichever province has published
// finalists in the demo edition, mid-way (past sessions with attendance and notes, one
// upcoming, milestones signed off, an action item overdue), with demo mentors who sign
// in with the demo password; a second run changes nothing; no finalists, no cohort.

let t: TestDatabase
const now = new Date()
const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const countOf = (table: 'mentoring_cohorts' | 'mentoring_sessions' | 'session_notes' | 'mentoring_actions') =>
  owner(async (db) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  )

beforeAll(async () => {
  t = await createDemoDatabase(now)
})
afterAll(() => t.close())

describe('the demo mentoring seed', () => {
  it('does nothing while no province has published finalists', async () => {
    await owner((db) => seedDemoMentoring(db, now))
    expect(await countOf('mentoring_cohorts')).toBe(0)
  })

  it('builds a cohort mid-way in the province with published finalists', async () => {
    const fx = await owner((db) => provinceFixture(db, 'banten'))
    await owner((db) => publishFinalists(db, fx, ['Bank Sampah Pesisir', 'Dapur Gizi Serang', 'Sekolah Nelayan']))
    await owner((db) => seedDemoMentoring(db, now))
    const cohort = await owner((db) =>
      db.selectFrom('mentoring_cohorts').select(['id', 'province_id']).executeTakeFirstOrThrow(),
    )
    expect(cohort.province_id).toBe(fx.province.id)
    const sessions = await owner((db) => db.selectFrom('mentoring_sessions').select(['id', 'starts_at']).execute())
    expect(sessions.filter((s) => s.starts_at < now)).toHaveLength(2)
    expect(sessions.filter((s) => s.starts_at > now)).toHaveLength(1)
    const attended = await owner((db) =>
      db.selectFrom('session_participants').select('attended').where('attended', 'is not', null).execute(),
    )
    expect(attended.length).toBeGreaterThan(0)
    expect(await countOf('session_notes')).toBe(3)
    const signed = await owner((db) =>
      db.selectFrom('plan_milestones').select('id').where('signed_off_at', 'is not', null).execute(),
    )
    expect(signed).toHaveLength(2)
    const today = now.toISOString().slice(0, 10)
    const overdue = await owner((db) =>
      db.selectFrom('mentoring_actions').select('id').where('state', '=', 'open').where('due_on', '<', today).execute(),
    )
    expect(overdue).toHaveLength(1)
    const result = await signIn(t.db, demoMentorEmail(1, 'banten'), DEMO_PASSWORD, {
      ip: null,
      origin: 'http://localhost',
      now,
    })
    expect(result.kind).toBe('ok')
  })

  it('changes nothing when run again', async () => {
    const before = await Promise.all([
      countOf('mentoring_cohorts'),
      countOf('mentoring_sessions'),
      countOf('mentoring_actions'),
    ])
    await owner((db) => seedDemoMentoring(db, now))
    expect(
      await Promise.all([countOf('mentoring_cohorts'), countOf('mentoring_sessions'), countOf('mentoring_actions')]),
    ).toEqual(before)
  })
})
