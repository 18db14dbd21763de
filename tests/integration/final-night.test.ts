import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadMemberships } from '#app/modules/auth/accounts.server.ts'
import { landingFor } from '#app/modules/auth/viewer.server.ts'
import { drawOrder } from '#app/modules/final-night/final-night-rules.ts'
import { hasNationalRole } from '#app/modules/permissions/abilities.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { createFinalists, createParticipant } from '#tests/factories/final-night.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request, sessionCookieFrom } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// The Final Night (issue 14) through the built app: the ministry builds the event from
// every province's confirmed finalists, draws the order from a stored seed, sets the
// rubric, invites a juror by a one-time link; jurors score on plain forms, only inside
// the voting window, never a conflicted pitch, and a retried or concurrent post never
// counts twice; the board ranks them; the ministry confirms and publishes, and the
// portal and the finalist's page show the winners. Jurors never gain a membership.

let t: TestDatabase
const who: Record<string, { Cookie: string }> = {}
const invalidated: (string | undefined)[] = []
const fx: Record<string, ProvinceFixture> = {}
const finalists: Record<string, Awaited<ReturnType<typeof createFinalists>>> = {}
let eventId = ''
const jurors: Record<string, { id: string; email: string }> = {}

const get = async (path: string, as: string | null) => {
  const res = await request(path, { db: t.db, headers: as ? (who[as] ?? {}) : {} })
  return { status: res.status, body: await res.text(), res }
}
const post = async (path: string, body: Record<string, string>, as: string | null) => {
  const res = await postForm(path, body, { db: t.db, headers: as ? (who[as] ?? {}) : {}, invalidated })
  return { status: res.status, body: await res.text(), location: res.headers.get('location'), res }
}
const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const national = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(t.db, { national: true }, fn)
const pitches = () =>
  national((trx) =>
    trx.selectFrom('final_night_pitches').selectAll().where('event_id', '=', eventId).orderBy('position').execute(),
  )
const criteria = () =>
  national((trx) =>
    trx.selectFrom('final_night_criteria').selectAll().where('event_id', '=', eventId).orderBy('position').execute(),
  )
const scoresOf = (jurorId: string, pitchId: string) =>
  national((trx) =>
    trx
      .selectFrom('final_night_scores')
      .select(['criterion_id', 'score'])
      .where('event_id', '=', eventId)
      .where('juror_id', '=', jurorId)
      .where('pitch_id', '=', pitchId)
      .execute(),
  )
const auditCount = (action: string) =>
  national(async (trx) =>
    Number(
      (
        await trx
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  )
const EVENT = () => `/national/final-night/${eventId}`
const keyOf = (html: string) => html.match(/name="key" value="([0-9a-f-]{36})"/)?.[1] ?? ''
/** The score form's fields for every criterion, in rubric order. */
async function scoreBody(key: string, values: number[]) {
  const body: Record<string, string> = { intent: 'score', key }
  for (const [i, c] of (await criteria()).entries()) {
    body[`scores[${i}].criterion`] = c.id
    body[`scores[${i}].score`] = String(values[i])
  }
  return body
}
const scorePath = (pitchId: string) => `/final-night/${eventId}/pitches/${pitchId}`
/** A post without a rendered form (none is shown when voting is not open or the pitch is conflicted). */
async function forged(as: string, pitchId: string, values: number[]) {
  return post(scorePath(pitchId), await scoreBody(randomUUID(), values), as)
}
async function score(as: string, pitchId: string, values: number[]) {
  const page = await get(scorePath(pitchId), as)
  expect(page.status).toBe(200)
  return post(scorePath(pitchId), await scoreBody(keyOf(page.body), values), as)
}

beforeAll(async () => {
  t = await createDemoDatabase(new Date())
  for (const slug of ['kalbar', 'sulsel', 'banten']) fx[slug] = await owner((db) => provinceFixture(db, slug))
  await owner((db) => db.deleteFrom('applications').execute())
  finalists.kalbar = await owner((db) =>
    createFinalists(db, fx.kalbar as ProvinceFixture, ['Koperasi Air Bersih Kapuas', 'Tenun Ikat Sintang']),
  )
  finalists.sulsel = await owner((db) =>
    createFinalists(db, fx.sulsel as ProvinceFixture, ['Sekolah Pesisir Makassar', 'Rumah Baca Toraja'], 'confirmed'),
  )
  // Still waiting for the ministry: not on stage.
  finalists.banten = await owner((db) =>
    createFinalists(db, fx.banten as ProvinceFixture, ['Bank Sampah Anyer'], 'awaiting_confirmation'),
  )
  who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')
  who.erat = await signedIn(t.db, 'erat@demo.winner.id')
  who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  who.kalbarFinalist = await signedIn(t.db, finalists.kalbar[0]?.applicant.email ?? '')
  who.sulselFinalist = await signedIn(t.db, finalists.sulsel[0]?.applicant.email ?? '')
})
afterAll(() => t.close())

describe('building the event', () => {
  it('answers invalid input with a localised 400 and ERAT with 403', async () => {
    const bad = await post(
      '/national/final-night',
      { edition: fx.kalbar?.editionId ?? '', startsAt: 'besok', venue: '', city: 'Jakarta', minutes: '90' },
      'ministry',
    )
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Isi tanggal dan jam yang valid.')
    expect(bad.body).toContain('Isi 1 sampai 60 menit.')
    const erat = await post(
      '/national/final-night',
      {
        edition: fx.kalbar?.editionId ?? '',
        startsAt: '2026-12-20T19:00',
        venue: 'Balai Kartini',
        city: 'Jakarta',
        minutes: '7',
      },
      'erat',
    )
    expect(erat.status).toBe(403)
    expect((await get('/national/final-night', 'erat')).status).toBe(200)
    expect((await get('/national/final-night', 'admin')).status).toBe(403)
  })

  it('the ministry builds it from every province’s confirmed finalists, once per edition', async () => {
    const body = {
      edition: fx.kalbar?.editionId ?? '',
      startsAt: '2026-12-20T19:00',
      venue: 'Balai Kartini',
      city: 'Jakarta',
      minutes: '7',
    }
    const made = await post('/national/final-night', body, 'ministry')
    expect(made.status).toBe(302)
    eventId = made.location?.split('/').pop() ?? ''
    const onStage = await pitches()
    expect(onStage.map((p) => p.venture_name).sort()).toEqual([
      'Koperasi Air Bersih Kapuas',
      'Rumah Baca Toraja',
      'Sekolah Pesisir Makassar',
      'Tenun Ikat Sintang',
    ])
    // 19:00 in Jakarta (WIB, UTC+7).
    const event = await national((trx) =>
      trx.selectFrom('final_nights').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow(),
    )
    expect(new Date(event.starts_at).toISOString()).toBe('2026-12-20T12:00:00.000Z')
    expect(await auditCount('final_night.created')).toBe(1)
    const again = await post('/national/final-night', body, 'ministry')
    expect(again.status).toBe(409)
    expect(again.body).toContain('Edisi ini sudah memiliki Malam Final.')
    const page = await get(EVENT(), 'erat')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Sekolah Pesisir Makassar')
    expect(page.body).not.toContain('Bank Sampah Anyer')
  })

  it('draws the order from a stored seed, reproducibly, and audits it', async () => {
    expect((await post(EVENT(), { intent: 'draw' }, 'ministry')).status).toBe(302)
    const event = await national((trx) =>
      trx.selectFrom('final_nights').select('draw_seed').where('id', '=', eventId).executeTakeFirstOrThrow(),
    )
    const seed = event.draw_seed ?? ''
    expect(seed).toMatch(/^[0-9a-f]{32}$/)
    const drawn = (await pitches()).map((p) => p.id)
    expect(drawn).toEqual(drawOrder(drawn, seed))
    const logged = await national((trx) =>
      trx
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'final_night.order_drawn')
        .executeTakeFirstOrThrow(),
    )
    expect(logged.details).toMatchObject({ seed, order: drawn })
  })

  it('sets the order by hand; a position twice is a localised 400', async () => {
    const ps = await pitches()
    const body = (positions: number[]) => {
      const b: Record<string, string> = { intent: 'order' }
      for (const [i, p] of ps.entries()) {
        b[`order[${i}].pitch`] = p.id
        b[`order[${i}].position`] = String(positions[i])
      }
      return b
    }
    const twice = await post(EVENT(), body([1, 1, 2, 3]), 'ministry')
    expect(twice.status).toBe(400)
    expect(twice.body).toContain('Beri setiap presentasi urutan yang berbeda')
    expect((await post(EVENT(), body([4, 3, 2, 1]), 'ministry')).status).toBe(302)
    expect((await pitches()).map((p) => p.id)).toEqual([...ps].reverse().map((p) => p.id))
  })

  it('validates the rubric: weights must add up to 100', async () => {
    const rubric = (weights: number[]) => {
      const b: Record<string, string> = { intent: 'rubric' }
      const names = [
        ['Dampak sosial', 'Social impact'],
        ['Model usaha', 'Business model'],
        ['Presentasi', 'Pitch'],
      ]
      for (const [i, w] of weights.entries()) {
        b[`criteria[${i}].titleId`] = names[i]?.[0] ?? ''
        b[`criteria[${i}].titleEn`] = names[i]?.[1] ?? ''
        b[`criteria[${i}].weight`] = String(w)
      }
      return b
    }
    const off = await post(EVENT(), rubric([50, 30, 30]), 'ministry')
    expect(off.status).toBe(400)
    expect(off.body).toContain('Bobot kriteria harus berjumlah 100.')
    expect((await post(EVENT(), rubric([50, 30, 20]), 'ministry')).status).toBe(302)
    expect((await criteria()).map((c) => c.weight)).toEqual([50, 30, 20])
  })
})

describe('jurors', () => {
  it('are invited by a one-time link and gain no membership', async () => {
    const invited = await post(
      EVENT(),
      {
        intent: 'invite',
        kind: 'juror',
        affiliation: 'investor',
        name: 'Ibu Investor',
        email: 'investor@example.id',
        organisation: 'Dana Sosial',
      },
      'ministry',
    )
    expect(invited.status).toBe(302)
    const mail = await owner((db) =>
      db
        .selectFrom('mail_outbox')
        .select('body_text')
        .where('to_email', '=', 'investor@example.id')
        .executeTakeFirstOrThrow(),
    )
    const link = mail.body_text.match(/http:\/\/localhost(\/final-night\/\S+)/)?.[1] ?? ''
    expect(link).toContain(`/final-night/${eventId}/invite/`)
    const page = await get(link, null)
    expect(page.status).toBe(200)
    const accepted = await post(link, { name: 'Ibu Investor', password: 'malam-final-juri-2026' }, null)
    expect(accepted.status).toBe(302)
    expect(accepted.location).toBe(`/final-night/${eventId}`)
    who.investor = { Cookie: sessionCookieFrom(accepted.res) ?? '' }
    // Used once.
    expect((await get(link, null)).status).toBe(400)
    const user = await owner((db) =>
      db.selectFrom('users').select('id').where('email', '=', 'investor@example.id').executeTakeFirstOrThrow(),
    )
    jurors.investor = { id: user.id, email: 'investor@example.id' }
    const memberships = await owner((db) =>
      db.selectFrom('memberships').select('role').where('user_id', '=', user.id).execute(),
    )
    expect(memberships).toEqual([])
    const views = await loadMemberships(t.db, user.id)
    expect(views).toEqual([])
    expect(hasNationalRole({ memberships: views })).toBe(false)
    expect(await landingFor(t.db, user.id, [])).toBe(`/final-night/${eventId}`)
    expect((await get('/national', 'investor')).status).toBe(403)
    expect((await get(EVENT(), 'investor')).status).toBe(403)
    expect((await get('/p/kalbar/manage', 'investor')).status).toBe(404)
    jurors.second = await owner((db) => createParticipant(db, eventId, { name: 'Pak Mitra' }))
    jurors.third = await owner((db) => createParticipant(db, eventId, { name: 'Ibu Kementerian' }))
    who.second = await signedIn(t.db, jurors.second.email)
    who.third = await signedIn(t.db, jurors.third.email)
  })

  it('score only inside the voting window', async () => {
    const [first] = await pitches()
    const home = await get(`/final-night/${eventId}`, 'investor')
    expect(home.status).toBe(200)
    expect(home.body).toContain('Penilaian belum dibuka.')
    // The header's workspace link leads a juror (no role) to their event.
    expect(home.body).toContain(`href="/final-night/${eventId}">Ruang kerja</a>`)
    // No form is shown before voting opens; a forged post is refused all the same.
    const early = await post(scorePath(first?.id ?? ''), await scoreBody(randomUUID(), [8, 6, 5]), 'investor')
    expect(early.status).toBe(409)
    expect(early.body).toContain('Penilaian tidak sedang dibuka.')
    expect((await post(EVENT(), { intent: 'open' }, 'ministry')).status).toBe(302)
    expect((await score('investor', first?.id ?? '', [8, 6, 5])).status).toBe(302)
    expect((await scoresOf(jurors.investor?.id ?? '', first?.id ?? '')).map((s) => s.score).sort()).toEqual([5, 6, 8])
  })

  it('a retried post (same key) never counts twice; scores stay editable with a new form', async () => {
    const [, second] = await pitches()
    const page = await get(scorePath(second?.id ?? ''), 'investor')
    const key = keyOf(page.body)
    expect((await post(scorePath(second?.id ?? ''), await scoreBody(key, [7, 7, 7]), 'investor')).status).toBe(302)
    // The same render posted again (a retry after a lost answer) changes nothing.
    expect((await post(scorePath(second?.id ?? ''), await scoreBody(key, [1, 1, 1]), 'investor')).status).toBe(302)
    expect((await scoresOf(jurors.investor?.id ?? '', second?.id ?? '')).map((s) => s.score)).toEqual([7, 7, 7])
    // A new render is a new edit.
    expect((await score('investor', second?.id ?? '', [9, 7, 7])).status).toBe(302)
    expect((await scoresOf(jurors.investor?.id ?? '', second?.id ?? '')).map((s) => s.score).sort()).toEqual([7, 7, 9])
  })

  it('20 concurrent identical posts count once; 20 different ones leave one score per criterion', async () => {
    const [, , third] = await pitches()
    const path = scorePath(third?.id ?? '')
    const key = keyOf((await get(path, 'second')).body)
    const before = await auditCount('final_night.scored')
    const same = await Promise.all(
      Array.from({ length: 20 }, async () => post(path, await scoreBody(key, [6, 6, 6]), 'second')),
    )
    expect(same.every((r) => r.status === 302)).toBe(true)
    expect(await auditCount('final_night.scored')).toBe(before + 1)
    const keys = await national((trx) =>
      trx.selectFrom('final_night_score_posts').select('idempotency_key').where('idempotency_key', '=', key).execute(),
    )
    expect(keys).toHaveLength(1)
    const forms = await Promise.all(Array.from({ length: 20 }, async () => keyOf((await get(path, 'second')).body)))
    expect(new Set(forms).size).toBe(20)
    const different = await Promise.all(
      forms.map(async (k, i) => post(path, await scoreBody(k, [1 + (i % 10), 5, 5]), 'second')),
    )
    expect(different.every((r) => r.status === 302)).toBe(true)
    const rows = await scoresOf(jurors.second?.id ?? '', third?.id ?? '')
    expect(rows).toHaveLength(3)
    expect(await auditCount('final_night.scored')).toBe(before + 21)
  })

  it('invalid scores are a localised 400; a declared conflict refuses the pitch (409)', async () => {
    const [first, second] = await pitches()
    const key = keyOf((await get(scorePath(first?.id ?? ''), 'third')).body)
    const bad = await post(scorePath(first?.id ?? ''), await scoreBody(key, [11, 5, 5]), 'third')
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Pilih nilai 1–10 untuk setiap kriteria.')
    const partial = {
      intent: 'score',
      key,
      'scores[0].criterion': (await criteria())[0]?.id ?? '',
      'scores[0].score': '5',
    }
    const missing = await post(scorePath(first?.id ?? ''), partial, 'third')
    expect(missing.status).toBe(400)
    expect(missing.body).toContain('Nilai setiap kriteria rubrik.')
    expect((await post(scorePath(second?.id ?? ''), { intent: 'conflict', reason: 'invested' }, 'third')).status).toBe(
      302,
    )
    const refused = await forged('third', second?.id ?? '', [5, 5, 5])
    expect(refused.status).toBe(409)
    expect(refused.body).toContain('Anda menyatakan konflik kepentingan dengan presentasi ini.')
    expect(await scoresOf(jurors.third?.id ?? '', second?.id ?? '')).toEqual([])
    const home = await get(`/final-night/${eventId}`, 'third')
    expect(home.body).toContain('konflik kepentingan')
  })

  it('see only their own event: another event, a malformed id or a non-juror answers 404', async () => {
    const [first] = await pitches()
    expect((await get(`/final-night/00000000-0000-4000-8000-00000000beef`, 'investor')).status).toBe(404)
    expect((await get(`/final-night/not-an-id`, 'investor')).status).toBe(404)
    expect((await get(`/final-night/${eventId}/pitches/00000000-0000-4000-8000-00000000beef`, 'investor')).status).toBe(
      404,
    )
    expect((await get(scorePath(first?.id ?? ''), 'ministry')).status).toBe(404)
    expect((await get(scorePath(first?.id ?? ''), 'kalbarFinalist')).status).toBe(404)
    expect((await get(scorePath(first?.id ?? ''), null)).status).toBe(302)
  })

  it('row-level security: a juror reads and writes only their own scores; other scopes see no event', async () => {
    const [first] = await pitches()
    const mine = await withTenant(t.db, { event: eventId, userId: jurors.second?.id ?? '' }, (trx) =>
      trx.selectFrom('final_night_scores').select('juror_id').distinct().execute(),
    )
    expect(mine.map((r) => r.juror_id)).toEqual([jurors.second?.id])
    const crit = (await criteria())[0]?.id ?? ''
    await expect(
      withTenant(t.db, { event: eventId, userId: jurors.second?.id ?? '' }, (trx) =>
        sql`insert into final_night_scores (event_id, pitch_id, juror_id, criterion_id, score)
          values (${eventId}, ${first?.id ?? ''}, ${jurors.investor?.id ?? ''}, ${crit}, 10)`.execute(trx),
      ),
    ).rejects.toThrow(/row-level security/)
    // The national scope reads but never writes a score.
    await expect(
      withTenant(t.db, { national: true, event: eventId, userId: jurors.second?.id ?? '' }, (trx) =>
        sql`update final_night_scores set score = 10 where event_id = ${eventId}`.execute(trx),
      ),
    ).resolves.toMatchObject({ numAffectedRows: 0n })
    const fromProvince = await withTenant(t.db, { provinceId: fx.kalbar?.province.id ?? '' }, (trx) =>
      trx.selectFrom('final_nights').select('id').execute(),
    )
    expect(fromProvince).toEqual([])
  })

  it('finalists are isolated across provinces: each reads only their own pitch', async () => {
    const kalbarApplicant = finalists.kalbar?.[0]?.applicant.id ?? ''
    const seen = await withTenant(t.db, { provinceId: fx.sulsel?.province.id ?? '', userId: kalbarApplicant }, (trx) =>
      trx.selectFrom('final_night_pitches').select('venture_name').execute(),
    )
    expect(seen.map((r) => r.venture_name)).toEqual(['Koperasi Air Bersih Kapuas'])
    // A sulsel finalist's application page under kalbar does not exist for them.
    const kalbarApp = finalists.kalbar?.[0]?.id ?? ''
    expect((await get(`/p/kalbar/apply/${kalbarApp}`, 'sulselFinalist')).status).toBe(404)
  })
})

describe('board, confirmation and publication', () => {
  it('the board ranks the scores live with a meta refresh', async () => {
    const ps = await pitches()
    const board = await get(`${EVENT()}/board`, 'ministry')
    expect(board.status).toBe(200)
    expect(board.body).toMatch(/http-equiv="refresh" content="5"/)
    // By hand: investor scored the first pitch 8, 6, 5 with weights 50, 30, 20 → 40 + 18 + 10 = 68.
    const row = board.body.match(new RegExp(`<tr data-pitch="${ps[0]?.id}"[^>]*>`))?.[0] ?? ''
    expect(row).toContain('data-total="68"')
    expect(row).toContain('data-jurors="1"')
    // A revoked juror's scores stop counting: a fourth juror gives 1, 1, 1 (= 10), then is revoked.
    const fourth = await owner((db) => createParticipant(db, eventId, { name: 'Juri Dicabut' }))
    who.fourth = await signedIn(t.db, fourth.email)
    expect((await score('fourth', ps[0]?.id ?? '', [1, 1, 1])).status).toBe(302)
    const rowOf = async () =>
      (await get(`${EVENT()}/board`, 'ministry')).body.match(new RegExp(`<tr data-pitch="${ps[0]?.id}"[^>]*>`))?.[0] ??
      ''
    // By hand: (68 + 10) / 2 = 39.
    expect(await rowOf()).toContain('data-total="39"')
    const participant = await national((trx) =>
      trx
        .selectFrom('final_night_participants')
        .select('id')
        .where('user_id', '=', fourth.id)
        .executeTakeFirstOrThrow(),
    )
    expect((await post(EVENT(), { intent: 'revoke', participant: participant.id }, 'ministry')).status).toBe(302)
    expect(await rowOf()).toContain('data-total="68"')
    expect((await get(`/final-night/${eventId}`, 'fourth')).status).toBe(404)
    const english = await get(`${EVENT()}/board?lng=en`, 'ministry')
    expect(english.body).toContain('Results board')
    expect(english.body).toContain('Tie rule: the higher mean weighted total')
    expect((await get(`/final-night/${eventId}?lng=en`, 'investor')).body).toContain(
      'Voting is open: score each pitch.',
    )
    expect((await get(`${EVENT()}/board`, 'erat')).status).toBe(200)
    expect((await get(`${EVENT()}/board`, 'admin')).status).toBe(403)
  })

  it('closing voting stops scoring; reopening allows it again', async () => {
    const [, , , fourth] = await pitches()
    expect((await post(EVENT(), { intent: 'close' }, 'ministry')).status).toBe(302)
    expect((await forged('investor', fourth?.id ?? '', [4, 4, 4])).status).toBe(409)
    expect((await post(EVENT(), { intent: 'reopen' }, 'ministry')).status).toBe(302)
    expect((await score('investor', fourth?.id ?? '', [4, 4, 4])).status).toBe(302)
    expect((await post(EVENT(), { intent: 'close' }, 'ministry')).status).toBe(302)
  })

  it('confirmation needs the audience favourite; then the ranking decides; ERAT cannot', async () => {
    expect((await post(EVENT(), { intent: 'publish' }, 'ministry')).status).toBe(409)
    const early = await post(EVENT(), { intent: 'confirm' }, 'ministry')
    expect(early.status).toBe(409)
    expect(early.body).toContain('Pilih pemenang favorit penonton')
    const awards = await national((trx) =>
      trx.selectFrom('final_night_awards').selectAll().where('event_id', '=', eventId).execute(),
    )
    const audience = awards.find((a) => a.kind === 'audience')
    const ps = await pitches()
    expect(
      (await post(EVENT(), { intent: 'winner', award: audience?.id ?? '', pitch: ps[3]?.id ?? '' }, 'erat')).status,
    ).toBe(403)
    expect(
      (await post(EVENT(), { intent: 'winner', award: audience?.id ?? '', pitch: ps[3]?.id ?? '' }, 'ministry')).status,
    ).toBe(302)
    expect((await post(EVENT(), { intent: 'confirm' }, 'erat')).status).toBe(403)
    expect((await post(EVENT(), { intent: 'confirm' }, 'ministry')).status).toBe(302)
    const decided = await national((trx) =>
      trx.selectFrom('final_night_awards').selectAll().where('event_id', '=', eventId).execute(),
    )
    // By hand: pitch 2 = 9·50 + 7·30 + 7·20 = 450 + 210 + 140 = 800 → 80.00, the best mean.
    expect(decided.find((a) => a.kind === 'best_overall')?.winner_pitch_id).toBe(ps[1]?.id)
    // Scores can no longer change.
    expect((await forged('investor', ps[0]?.id ?? '', [1, 1, 1])).status).toBe(409)
  })

  it('publication shows the winners on the portal and on the finalist’s page', async () => {
    const ps = await pitches()
    const winner = ps[1]
    expect((await get('/', null)).body).not.toContain('Pemenang Malam Final')
    invalidated.length = 0
    expect((await post(EVENT(), { intent: 'publish' }, 'ministry')).status).toBe(302)
    expect(invalidated).toEqual(expect.arrayContaining([undefined, 'kalbar', 'sulsel']))
    const home = await get('/', null)
    expect(home.body).toContain('Pemenang Malam Final')
    expect(home.body).toContain(winner?.venture_name ?? '')
    const province = winner?.province_id === fx.kalbar?.province.id ? 'kalbar' : 'sulsel'
    expect((await get(`/p/${province}`, null)).body).toContain(winner?.venture_name ?? '')
    // The kalbar finalist (published selection) sees their night on their application page.
    const own = finalists.kalbar?.[0]
    const page = await get(`/p/kalbar/apply/${own?.id}`, 'kalbarFinalist')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Usaha Anda tampil di Malam Final')
    expect(await auditCount('final_night.published')).toBe(1)
    expect((await post(EVENT(), { intent: 'draw' }, 'ministry')).status).toBe(409)
  })
})

describe('matchmaking', () => {
  const interests = () =>
    national((trx) => trx.selectFrom('final_night_interests').selectAll().where('event_id', '=', eventId).execute())

  it('a guest registers interest in a finalist; the finalist is told; twice counts once', async () => {
    const guest = await owner((db) => createParticipant(db, eventId, { name: 'Pemkab Replikasi', kind: 'guest' }))
    who.guest = await signedIn(t.db, guest.email)
    expect(await landingFor(t.db, guest.id, [])).toBe(`/final-night/${eventId}/guest`)
    const kalbarPitch = (await pitches()).find((p) => p.application_id === finalists.kalbar?.[0]?.id)
    const page = await get(`/final-night/${eventId}/guest`, 'guest')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Belum ada minat.')
    const body = {
      intent: 'interest',
      pitch: kalbarPitch?.id ?? '',
      kind: 'replication',
      message: 'Kami ingin mereplikasi.',
    }
    expect((await post(`/final-night/${eventId}/guest`, body, 'guest')).status).toBe(302)
    expect((await post(`/final-night/${eventId}/guest`, body, 'guest')).status).toBe(302)
    expect((await post(`/final-night/${eventId}/guest`, { ...body, kind: 'investment' }, 'guest')).status).toBe(302)
    expect(await interests()).toHaveLength(2)
    const mail = await owner((db) =>
      db
        .selectFrom('mail_outbox')
        .select('subject')
        .where('to_email', '=', finalists.kalbar?.[0]?.applicant.email ?? '')
        .execute(),
    )
    expect(mail.map((m) => m.subject)).toContain('Pemkab Replikasi berminat pada Koperasi Air Bersih Kapuas')
    // A guest is not a juror and a juror is not a guest.
    expect((await get(`/final-night/${eventId}`, 'guest')).status).toBe(404)
    expect((await get(`/final-night/${eventId}/guest`, 'investor')).status).toBe(404)
    const bad = await post(`/final-night/${eventId}/guest`, { ...body, kind: 'merger' }, 'guest')
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Isian tidak valid.')
  })

  it('the finalist accepts or declines; follow-ups only on accepted interests; others never see them', async () => {
    const own = finalists.kalbar?.[0]
    const path = `/p/kalbar/apply/${own?.id}/final-night`
    const page = await get(path, 'kalbarFinalist')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Pemkab Replikasi')
    const [replication, investment] = (await interests()).sort((a, b) => a.kind.localeCompare(b.kind)).reverse()
    expect(replication?.kind).toBe('replication')
    // Another finalist (another province) has no such page for this application, nor sees these interests.
    expect((await get(path, 'sulselFinalist')).status).toBe(404)
    const sulselOwn = finalists.sulsel?.[0]
    const sulselPage = await get(`/p/sulsel/apply/${sulselOwn?.id}/final-night`, 'sulselFinalist')
    expect(sulselPage.status).toBe(200)
    expect(sulselPage.body).not.toContain('Pemkab Replikasi')
    const decide = (interest: string, decision: string) =>
      post(path, { intent: 'decide', interest, decision }, 'kalbarFinalist')
    expect((await decide(replication?.id ?? '', 'accepted')).status).toBe(302)
    expect((await decide(investment?.id ?? '', 'declined')).status).toBe(302)
    expect((await decide(investment?.id ?? '', 'accepted')).status).toBe(409)
    const guestPath = `/final-night/${eventId}/guest`
    const follow = (interest: string, happenedOn: string) =>
      post(
        guestPath,
        { intent: 'followup', interest, kind: 'mou_drafted', happenedOn, note: 'Draf MoU dengan Pemkab.' },
        'guest',
      )
    const badDate = await follow(replication?.id ?? '', '2026-02-30')
    expect(badDate.status).toBe(400)
    expect(badDate.body).toContain('Isi tanggal yang valid.')
    expect((await follow(investment?.id ?? '', '2026-12-22')).status).toBe(409)
    expect((await follow(replication?.id ?? '', '2026-12-22')).status).toBe(302)
    expect(
      (
        await post(
          path,
          { intent: 'followup', interest: replication?.id ?? '', kind: 'meeting_held', happenedOn: '2026-12-21' },
          'kalbarFinalist',
        )
      ).status,
    ).toBe(302)
    expect(await auditCount('final_night.followup_recorded')).toBe(2)
  })

  it('the ministry’s report lists every interest and what followed; ERAT reads; Bappeda cannot', async () => {
    const report = await get(`${EVENT()}/matchmaking`, 'ministry')
    expect(report.status).toBe(200)
    expect(report.body).toContain('draf MoU')
    expect(report.body).toContain('pertemuan diadakan')
    expect(report.body).toContain('ditolak')
    expect((await get(`${EVENT()}/matchmaking`, 'erat')).status).toBe(200)
    expect((await get(`${EVENT()}/matchmaking`, 'admin')).status).toBe(403)
  })
})
