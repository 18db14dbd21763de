import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { DEMO_JURORS, seedDemoFinalNight } from '#db/seed/demo-final-night.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { createFinalists } from '#tests/factories/final-night.ts'
import { signedIn } from '#tests/factories/session.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// The demo's past Final Night (issue 14): built through the workflows from the published
// finalists it finds, scored by the demo jurors, published; idempotent; nothing without finalists.

let t: TestDatabase
beforeAll(async () => {
  t = await createDemoDatabase(new Date())
})
afterAll(() => t.close())

const events = () => withTenant(t.db, { national: true }, (trx) => trx.selectFrom('final_nights').selectAll().execute())

describe('demo Final Night seed', () => {
  it('makes nothing while the demo has no published finalists', async () => {
    await seedDemoFinalNight(t.db)
    expect(await events()).toEqual([])
  })

  it('builds a past, published Final Night from the published finalists, once', async () => {
    const fx = await t.asOwner((db) => provinceFixture(db, 'kalbar'))
    const made = await t.asOwner((db) =>
      createFinalists(db, fx, ['Koperasi Air Bersih Kapuas', 'Tenun Ikat Sintang', 'Kopi Liberika Kayong']),
    )
    // Only an edition that has ended gets a (past) Final Night: the running one's is still ahead.
    await seedDemoFinalNight(t.db)
    expect(await events()).toEqual([])
    await t.asOwner((db) =>
      db
        .updateTable('editions')
        .set({ starts_on: sql`current_date - 400`, ends_on: sql`current_date - 1` })
        .where('id', '=', fx.editionId)
        .execute(),
    )
    await seedDemoFinalNight(t.db)
    await seedDemoFinalNight(t.db)
    const [event, ...more] = await events()
    expect(more).toEqual([])
    expect(event?.status).toBe('published')
    expect(new Date(event?.starts_at ?? 0).getTime()).toBeLessThan(Date.now())
    const scores = await withTenant(t.db, { national: true }, (trx) =>
      trx
        .selectFrom('final_night_scores')
        .select('juror_id')
        .distinct()
        .where('event_id', '=', event?.id ?? '')
        .execute(),
    )
    expect(scores).toHaveLength(DEMO_JURORS.length)
    const home = await (await request('/', { db: t.db })).text()
    expect(home).toContain('Pemenang Malam Final')
    expect(made.some((m) => home.includes(m.venture))).toBe(true)
    // The demo juror signs in to their event.
    const juror = await signedIn(t.db, 'juror@demo.winner.id')
    const page = await request(`/final-night/${event?.id}`, { db: t.db, headers: juror })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Hasil sudah diumumkan.')
  })
})
