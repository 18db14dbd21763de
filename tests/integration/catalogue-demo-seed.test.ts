import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '#db/seed/demo.ts'
import { DEMO_PASSWORD, seedDemoAccounts } from '#db/seed/demo-accounts.ts'
import { seedDemoCatalogue } from '#db/seed/demo-catalogue.ts'
import { postForm, request, sessionCookieFrom } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner(async (db) => {
    await seedDemo(db)
    await seedDemoAccounts(db)
    await seedDemoCatalogue(db)
    await seedDemoCatalogue(db)
  })
})
afterAll(() => t.close())

describe('demo catalogue seed', () => {
  it("gives Kalbar's current issues one FGD record with PDF minutes and demo indicators, once", async () => {
    const rows = await t.asOwner(async (db) => {
      const edition = await db
        .selectFrom('editions')
        .select('id')
        .where('slug', '=', 'demo-current')
        .executeTakeFirstOrThrow()
      return {
        fgd: await db.selectFrom('fgd_sessions').select(['id', 'place']).where('edition_id', '=', edition.id).execute(),
        unlinked: await db
          .selectFrom('province_issues as pi')
          .innerJoin('provinces as p', 'p.id', 'pi.province_id')
          .select('pi.id')
          .where('p.slug', '=', 'kalbar')
          .where('pi.edition_id', '=', edition.id)
          .where('pi.fgd_id', 'is', null)
          .execute(),
        indicators: await db.selectFrom('issue_indicators').select(['source', 'value', 'name_id']).execute(),
        participants: await db.selectFrom('fgd_participants').select('opd_id').execute(),
      }
    })
    expect(rows.fgd).toHaveLength(1)
    expect(rows.unlinked).toEqual([])
    expect(rows.participants).toHaveLength(5)
    expect(rows.indicators.length).toBe(6)
    expect(rows.indicators.every((i) => i.source === 'demo')).toBe(true)
    expect(rows.indicators.find((i) => i.name_id === 'Prevalensi stunting balita')?.value).toBe('27.8')

    const login = await postForm(
      '/login',
      { email: 'bappeda.kalbar@demo.winner.id', password: DEMO_PASSWORD },
      { db: t.db },
    )
    const headers = { Cookie: sessionCookieFrom(login) as string }
    const page = await request('/p/kalbar/manage/fgd', { db: t.db, headers })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Bappeda, DP3A, Dinkes, Disdik, PUPR')
    const minutes = await request(`/p/kalbar/manage/fgd/${rows.fgd[0]?.id}/minutes`, { db: t.db, headers })
    expect(minutes.status).toBe(200)
    expect(new TextDecoder().decode(new Uint8Array(await minutes.arrayBuffer())).slice(0, 8)).toBe('%PDF-1.4')
  })
})
