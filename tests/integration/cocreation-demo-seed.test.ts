import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { seedDemoCocreation } from '#db/seed/demo-cocreation.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { publishFinalists } from '#tests/factories/mentoring.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// The demo's co-creation event in Masamba (issue 15): Luwu Utara's agencies become
// kabupaten agencies of BPS 7322 (Disdikbud under the exact name the MoU demo looks up),
// and the event is recorded once the finalists it names exist; idempotent.

let t: TestDatabase
let sulsel = ''
beforeAll(async () => {
  t = await createDemoDatabase(new Date())
  sulsel = (await t.asOwner((db) => provinceFixture(db, 'sulsel'))).province.id
})
afterAll(() => t.close())

const state = () =>
  withTenant(t.db, { provinceId: sulsel }, async (trx) => ({
    events: await trx.selectFrom('cocreation_events').selectAll().where('province_id', '=', sulsel).execute(),
    agencies: await trx.selectFrom('cocreation_agencies').selectAll().where('province_id', '=', sulsel).execute(),
    finalists: await trx.selectFrom('cocreation_finalists').selectAll().where('province_id', '=', sulsel).execute(),
    lutra: await trx
      .selectFrom('opds')
      .select(['name', 'level', 'regency_code', 'head_name'])
      .where('province_id', '=', sulsel)
      .where('regency_code', '=', '7322')
      .execute(),
  }))

describe('demo co-creation seed', () => {
  it('turns Luwu Utara’s agencies into kabupaten agencies, and waits for the finalists before the event', async () => {
    await seedDemoCocreation(t.db)
    const s = await state()
    expect(s.events).toEqual([])
    expect(s.lutra).toHaveLength(7)
    expect(s.lutra.find((o) => o.name === 'Dinas Pendidikan dan Kebudayaan Kabupaten Luwu Utara')).toMatchObject({
      level: 'regency',
      head_name: 'Misbah',
    })
  })

  it('records the 18 October 2023 event in Masamba once, with both finalists and every agency present', async () => {
    const fx = await t.asOwner((db) => provinceFixture(db, 'sulsel'))
    await t.asOwner((db) => publishFinalists(db, fx, ['Skolla EdTech', 'Rappo Indonesia']))
    await seedDemoCocreation(t.db)
    await seedDemoCocreation(t.db)
    const s = await state()
    expect(s.events).toHaveLength(1)
    expect(s.events[0]).toMatchObject({
      held_on: '2023-10-18',
      place: 'Aula II Hotel Bukit Indah, Masamba',
      organiser_kind: 'erat',
      regency_code: '7322',
    })
    expect(s.events[0]?.outcomes).toContain('berlaku selama satu tahun')
    expect(s.finalists).toHaveLength(2)
    expect(s.agencies).toHaveLength(7)
    expect(s.agencies.every((a) => a.present)).toBe(true)
  })
})
