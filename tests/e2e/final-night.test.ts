import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEvent, drawPitchOrder, moveEvent } from '#app/modules/final-night/final-night.server.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { provinceFixture } from '#tests/factories/demo.ts'
import { createFinalists, createParticipant } from '#tests/factories/final-night.ts'
import { type AppDatabase, prepareAppDatabase } from '#tests/support/app-database.ts'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { BrowserProblems, hasChromium, launchChromium, skipOrFailWithoutChromium } from './browser.ts'

skipOrFailWithoutChromium('the Final Night browser test')

// Issue 14 in Chromium on a phone, without JavaScript: a juror signs in, lands on their
// event, and scores three pitches with plain forms; the organiser's board, open on
// another screen, reloads itself (meta refresh, no script) and shows the three scores.
// The event is built through the organiser's workflows before the server starts.

const text = async (l: Locator) => (await l.textContent()) ?? ''
const VENTURES = ['Koperasi Air Bersih Kapuas', 'Tenun Ikat Sintang', 'Kopi Liberika Kayong']
const JUROR = 'juri.e2e@example.id'

describe.skipIf(!hasChromium)('issue 14: a juror scores three pitches on a phone; the board shows them', () => {
  let app: AppProcess
  let browser: Browser
  let database: AppDatabase
  let eventId = ''
  let pitchCount = 0
  const problems = new BrowserProblems()
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    database = await prepareAppDatabase(async (owner) => {
      const fx = await provinceFixture(owner, 'kalbar')
      await createFinalists(owner, fx, VENTURES)
      const ministry = await owner
        .selectFrom('users')
        .select(['id', 'name'])
        .where('email', '=', 'ministry@demo.winner.id')
        .executeTakeFirstOrThrow()
      const actor = { userId: ministry.id, name: ministry.name, ip: null }
      const now = new Date()
      eventId = await createEvent(owner, actor, {
        edition: fx.editionId,
        startsAt: '2026-12-20T19:00',
        venue: 'Balai Kartini',
        city: 'Jakarta',
        minutes: 7,
      })
      await drawPitchOrder(owner, actor, eventId, now)
      // Every confirmed finalist of the edition is on stage: ours and those the demo published.
      pitchCount = (
        await owner.selectFrom('final_night_pitches').select('id').where('event_id', '=', eventId).execute()
      ).length
      await createParticipant(owner, eventId, { name: 'Juri Telepon', email: JUROR, password: DEMO_PASSWORD })
      await moveEvent(owner, actor, eventId, 'voting', now)
    })
    ;[app, browser] = await Promise.all([startAppProcess({ env: database.env }), launchChromium()])
  })

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await app?.stop()
    await database?.cleanup()
  })

  afterEach(() => {
    expect(problems.take(), 'console errors, page errors, failed requests or error statuses').toEqual([])
  })

  async function signedIn(email: string, phone: boolean): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'id-ID',
      ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
    })
    contexts.push(context)
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    problems.watch(page, false)
    await page.goto(`${app.url}/login`)
    await page.getByLabel('Email', { exact: true }).fill(email)
    await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login')),
      page.getByRole('button', { name: 'Masuk', exact: true }).click(),
    ])
    return page
  }
  const submit = async (page: Page, button: Locator) => {
    await Promise.all([page.waitForEvent('load'), button.click()])
  }

  it('scores three pitches without JavaScript and the board refreshes itself', { timeout: 120_000 }, async () => {
    // The organiser's board is open before anyone scores.
    const ministry = await signedIn('ministry@demo.winner.id', false)
    const res = await ministry.goto(`${app.url}/national/final-night/${eventId}/board`)
    expect(res?.status()).toBe(200)
    expect(await ministry.locator('#board tbody tr[data-jurors="1"]').count()).toBe(0)

    // The juror lands on their event (no role, no workspace) and scores the first three pitches.
    const juror = await signedIn(JUROR, true)
    expect(new URL(juror.url()).pathname).toBe(`/final-night/${eventId}`)
    expect(await juror.locator('script').count()).toBe(0)
    expect(pitchCount).toBeGreaterThanOrEqual(VENTURES.length)
    expect(await juror.locator('#jury-pitches li').count()).toBe(pitchCount)
    await Promise.all([juror.waitForEvent('load'), juror.locator('#jury-pitches a').first().click()])
    for (let n = 0; n < 3; n++) {
      const selects = juror.locator('#score-form select')
      const count = await selects.count()
      expect(count).toBe(4)
      for (let c = 0; c < count; c++) await selects.nth(c).selectOption(String(10 - n))
      await submit(juror, juror.getByRole('button', { name: 'Simpan nilai' }))
      expect(await text(juror.locator('main'))).toContain('Nilai tersimpan.')
      if (n < 2) await submit(juror, juror.getByRole('link', { name: 'Presentasi berikutnya →' }))
    }
    await juror.goto(`${app.url}/final-night/${eventId}`)
    expect(await juror.locator('#jury-pitches li[data-state="scored"]').count()).toBe(3)

    // The board reloads itself within a few seconds and ranks the three scores: 100, 90, 80.
    await ministry.waitForEvent('load', { timeout: 15_000 })
    const rows = ministry.locator('#board tbody tr[data-jurors="1"]')
    expect(await rows.count()).toBe(3)
    const totals: (string | null)[] = []
    for (let i = 0; i < 3; i++) totals.push(await rows.nth(i).getAttribute('data-total'))
    expect(totals).toEqual(['100', '90', '80'])
  })
})
