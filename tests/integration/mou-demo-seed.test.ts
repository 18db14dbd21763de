import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DISDIKBUD_LUTRA, seedDemoMou } from '#db/seed/demo-mou.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { publishFinalists } from '#tests/factories/mentoring.ts'
import { signedIn } from '#tests/factories/session.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// The demo's Luwu Utara MoU (issue 15): Skolla EdTech and the regency's education and
// culture agency, played through the workflows at the 2023-24 dates, completed with an
// accepted quarterly report and a deliverable done; the agency is made through the
// catalogue when the directory lacks it; idempotent; nothing without Skolla.

let t: TestDatabase
const origin = 'http://localhost'
beforeAll(async () => {
  t = await createDemoDatabase(new Date())
})
afterAll(() => t.close())

const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const mous = () => owner((db) => db.selectFrom('mous').selectAll().execute())

describe('the demo MoU seed', () => {
  it('makes nothing while Skolla EdTech is no finalist', async () => {
    await owner((db) => seedDemoMou(db, origin))
    expect(await mous()).toEqual([])
  })

  it('plays the Luwu Utara MoU to its completion, once', async () => {
    const fx = await owner((db) => provinceFixture(db, 'sulsel'))
    await owner((db) => publishFinalists(db, fx, ['Skolla EdTech', 'Rappo Indonesia']))
    await owner((db) => seedDemoMou(db, origin))
    await owner((db) => seedDemoMou(db, origin))
    const [mou, ...rest] = await mous()
    expect(rest).toEqual([])
    expect(mou).toMatchObject({
      status: 'completed',
      starts_on: '2023-10-18',
      ends_on: '2024-10-17',
      signed_on: '2023-10-18',
    })
    const opd = await owner((db) =>
      db
        .selectFrom('opds')
        .select('id')
        .where('name', '=', DISDIKBUD_LUTRA)
        .where('province_id', '=', fx.province.id)
        .execute(),
    )
    expect(opd).toHaveLength(1)
    const reports = await owner((db) => db.selectFrom('mou_reports').select(['quarter', 'status']).execute())
    expect(reports).toEqual([{ quarter: 1, status: 'accepted' }])
    const deliverables = await owner((db) => db.selectFrom('mou_deliverables').select('done_at').execute())
    expect(deliverables).toHaveLength(1)
    expect(deliverables[0]?.done_at).not.toBeNull()
    const trail = await owner((db) =>
      db
        .selectFrom('audit_log')
        .select('action')
        .where('object_id', '=', mou?.id ?? '')
        .orderBy('id')
        .execute(),
    )
    expect(trail.map((a) => a.action)).toEqual([
      'mou.created',
      'mou.negotiate',
      'mou.sign',
      'mou.activate',
      'mou.deliverableAdded',
      'mou.reportSubmitted',
      'mou.reportAccepted',
      'mou.deliverableDone',
      'mou.complete',
    ])
  })

  it('shows it to Bappeda in both languages', async () => {
    const cookie = await signedIn(t.db, 'bappeda.sulsel@demo.winner.id')
    const id = (await mous())[0]?.id
    const page = await request(`/p/sulsel/manage/mous/${id}`, { db: t.db, headers: cookie })
    expect(page.status).toBe(200)
    const body = await page.text()
    expect(body).toContain(DISDIKBUD_LUTRA)
    expect(body).toContain('Selesai')
    const en = await request(`/p/sulsel/manage/mous/${id}?lng=en`, { db: t.db, headers: cookie })
    expect(await en.text()).toContain('Completed')
  })
})
