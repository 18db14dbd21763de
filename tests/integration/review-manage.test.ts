import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendReviewReminders } from '#app/modules/assignment/reminders.server.ts'
import { instantToLocal, localToInstant } from '#app/modules/calls/zoned-time.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { createReviewer } from '#tests/factories/accounts.ts'
import { createDemoDatabase } from '#tests/factories/demo.ts'
import { createSubmitted } from '#tests/factories/screening.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Bappeda's side of the review (issue 7) through the built app on real PostgreSQL:
// screening with mail and reversal rules, review settings, the rubric and its lock,
// reviewers and detected conflicts, assignment (run, incremental re-run, manual add and
// removal, rebalance) with one digest per reviewer, the reminder sweep, and isolation
// from another province.

let t: TestDatabase
const seededAt = new Date()
const ids = { kalbar: '', sulsel: '', edition: '', call: '', sulselCall: '', tz: '', closesAt: new Date(0) }
const apps: string[] = []
let sulselApp = ''
let applicantUser = ''
const reviewers: Record<'demo' | 'conf' | 'r2' | 'r3' | 'r4' | 'sulsel', string> = {
  demo: '',
  conf: '',
  r2: '',
  r3: '',
  r4: '',
  sulsel: '',
}
const who: Record<string, { Cookie: string }> = {}

const get = async (path: string, as: string) => {
  const res = await request(path, { db: t.db, headers: who[as], now: seededAt })
  return { status: res.status, body: await res.text() }
}
const post = async (path: string, fields: Record<string, string>, as = 'kalbar') => {
  const res = await postForm(path, fields, { db: t.db, headers: who[as], now: seededAt })
  return { status: res.status, location: res.headers.get('location'), body: await res.text() }
}
const owner = <T>(fn: (db: DB) => Promise<T>) => t.asOwner(fn)
const mails = (template: string) =>
  owner((db) =>
    db
      .selectFrom('mail_outbox')
      .select(['to_email', 'subject', 'body_text', 'locale'])
      .where('template', '=', template)
      .orderBy('created_at')
      .execute(),
  )
const assignments = () =>
  owner((db) =>
    withTenant(db, { provinceId: ids.kalbar }, (trx) =>
      trx
        .selectFrom('review_assignments')
        .select(['application_id', 'reviewer_id', 'source', 'notified_at', 'declared_at'])
        .where('province_id', '=', ids.kalbar)
        .execute(),
    ),
  )
const statusOf = (id: string) =>
  owner(async (db) =>
    withTenant(db, { provinceId: ids.kalbar }, async (trx) =>
      trx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    ),
  )
const loads = (rows: { reviewer_id: string }[]) => {
  const n = new Map<string, number>()
  for (const r of rows) n.set(r.reviewer_id, (n.get(r.reviewer_id) ?? 0) + 1)
  return n
}

const SCREEN = (id: string, province = 'kalbar') => `/p/${province}/manage/screening/${id}`
const ASSIGN = '/p/kalbar/manage/review/assignments'

beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  let issue = ''
  let sulselIssue = ''
  let opds: { id: string; name: string }[] = []
  await t.asOwner(async (db) => {
    const province = async (slug: string) =>
      db.selectFrom('provinces').select(['id', 'time_zone']).where('slug', '=', slug).executeTakeFirstOrThrow()
    const kalbar = await province('kalbar')
    ids.kalbar = kalbar.id
    ids.tz = kalbar.time_zone
    ids.sulsel = (await province('sulsel')).id
    ids.edition = (
      await db.selectFrom('editions').select('id').where('slug', '=', 'demo-current').executeTakeFirstOrThrow()
    ).id
    const call = (p: string) =>
      db
        .selectFrom('calls')
        .select(['id', 'closes_at'])
        .where('province_id', '=', p)
        .where('edition_id', '=', ids.edition)
        .executeTakeFirstOrThrow()
    const kc = await call(ids.kalbar)
    ids.call = kc.id
    ids.closesAt = kc.closes_at
    ids.sulselCall = (await call(ids.sulsel)).id
    const firstIssue = (p: string) =>
      db
        .selectFrom('province_issues')
        .select(['id', 'lead_opd_id'])
        .where('province_id', '=', p)
        .where('edition_id', '=', ids.edition)
        .where('status', '=', 'published')
        .orderBy('priority')
        .executeTakeFirstOrThrow()
    issue = (await firstIssue(ids.kalbar)).id
    sulselIssue = (await firstIssue(ids.sulsel)).id
    opds = await db.selectFrom('opds').select(['id', 'name']).where('province_id', '=', ids.kalbar).execute()
    await db.deleteFrom('applications').execute()
    const user = (email: string) =>
      db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    reviewers.demo = (await user('reviewer.kalbar@demo.winner.id')).id
    applicantUser = (await user('applicant.kalbar@demo.winner.id')).id
    reviewers.sulsel = (await user('reviewer.sulsel@demo.winner.id')).id
  })
  expect(opds.length).toBeGreaterThanOrEqual(2)
  const [o1, o2] = opds as [{ id: string; name: string }, { id: string; name: string }]
  const base = { province: ids.kalbar, edition: ids.edition, call: ids.call, issue }
  await t.asOwner(async (db) => {
    for (let i = 1; i <= 6; i++) {
      const n = String(i).padStart(4, '0')
      const created = await createSubmitted(db, {
        ...base,
        email: i === 1 ? 'siti@koperasi-air.id' : `pendaftar${i}@gmail.com`,
        applicant: i === 1 ? 'Siti Rahmawati' : `Pendaftar ${i}`,
        locale: i === 1 ? 'en' : 'id',
        venture: i === 1 ? 'Koperasi Air Bersih' : `Usaha Sosial ${i}`,
        receipt: `WNR-2023-KALBAR-${n}`,
        members: i === 2 ? ['Agus Prasetyo'] : [],
        submittedAt: new Date(seededAt.getTime() - (10 - i) * 60_000),
      })
      apps.push(created.id)
    }
    sulselApp = (
      await createSubmitted(db, {
        province: ids.sulsel,
        edition: ids.edition,
        call: ids.sulselCall,
        issue: sulselIssue,
        email: 'andi@example.id',
        applicant: 'Andi Makassar',
        venture: 'Usaha Sulsel',
        receipt: 'WNR-2023-SULSEL-0001',
        submittedAt: seededAt,
      })
    ).id
    // Same organisation domain as the first applicant: detected, never assigned to it.
    reviewers.conf = await createReviewer(db, ids.kalbar, {
      opdId: o1.id,
      email: 'rina@koperasi-air.id',
      name: 'Rina Kusuma',
    })
    // Named like a team member of the second application.
    reviewers.r2 = await createReviewer(db, ids.kalbar, {
      opdId: o2.id,
      email: 'agus@dinas.example.id',
      name: 'Agus Prasetyo',
      locale: 'en',
    })
    reviewers.r3 = await createReviewer(db, ids.kalbar, {
      opdId: o2.id,
      email: 'dewi@x.id',
      name: 'Dewi Lestari',
    })
    reviewers.r4 = await createReviewer(db, ids.kalbar, { opdId: null, email: 'eko@y.id', name: 'Eko Saputra' })
  })
  const signIn = async (key: string, email: string) => {
    who[key] = await signedIn(t.db, email)
  }
  await signIn('kalbar', 'bappeda.kalbar@demo.winner.id')
  await signIn('sulsel', 'bappeda.sulsel@demo.winner.id')
  await signIn('ministry', 'ministry@demo.winner.id')
  await signIn('reviewer', 'reviewer.kalbar@demo.winner.id')
})
afterAll(() => t.close())

describe('screening', () => {
  it("lists the call's submitted applications with filters and links to the detail", async () => {
    const res = await get('/p/kalbar/manage/screening', 'kalbar')
    expect(res.status).toBe(200)
    for (let i = 1; i <= 6; i++) expect(res.body).toContain(`WNR-2023-KALBAR-000${i}`)
    expect(res.body).toContain(`href="/p/kalbar/manage/applications/${apps[0]}"`)
    expect(res.body).not.toContain('Usaha Sulsel')
    expect(res.body).toContain('Belum diseleksi (6)')
    const eligible = await get('/p/kalbar/manage/screening?filter=eligible', 'kalbar')
    expect(eligible.body).toContain('Tidak ada proposal pada saringan ini.')
  })

  it('keeps to the call under review when a later call of the edition is announced', async () => {
    const later = await owner(async (db) => {
      const kc = await db.selectFrom('calls').selectAll().where('id', '=', ids.call).executeTakeFirstOrThrow()
      const opens = new Date(seededAt.getTime() + 60 * 86_400_000)
      const row = await db
        .insertInto('calls')
        .values({
          province_id: ids.kalbar,
          edition_id: kc.edition_id,
          status: 'published',
          opens_at: opens,
          closes_at: new Date(opens.getTime() + 14 * 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    })
    try {
      const res = await get('/p/kalbar/manage/screening', 'kalbar')
      expect(res.body).toContain('WNR-2023-KALBAR-0001')
      // The picker offers the later call as a link to choose it.
      expect(res.body).toContain(`/p/kalbar/manage/screening?call=${later}"`)
      // The later call stays reachable by choosing it.
      const chosen = await get(`/p/kalbar/manage/screening?call=${later}`, 'kalbar')
      expect(chosen.body).not.toContain('WNR-2023-KALBAR-0001')
    } finally {
      await owner((db) => db.deleteFrom('calls').where('id', '=', later).execute())
    }
  })

  it('never reviews a draft call, even one that opened after the call under review', async () => {
    const draft = await owner(async (db) => {
      const kc = await db.selectFrom('calls').selectAll().where('id', '=', ids.call).executeTakeFirstOrThrow()
      const row = await db
        .insertInto('calls')
        .values({
          province_id: ids.kalbar,
          edition_id: kc.edition_id,
          opens_at: new Date(seededAt.getTime() - 60_000),
          closes_at: new Date(seededAt.getTime() + 14 * 86_400_000),
        })
        .returning(['id', 'status'])
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('draft')
      return row.id
    })
    try {
      // Screening, review settings and ranking agree on the published call.
      const screening = await get('/p/kalbar/manage/screening', 'kalbar')
      expect(screening.body).toContain('WNR-2023-KALBAR-0001')
      expect(screening.body).not.toContain(`call=${draft}`)
      const review = await get('/p/kalbar/manage/review', 'kalbar')
      expect(review.body).toContain(`name="call" value="${ids.call}"`)
      expect(review.body).not.toContain(draft)
      // Naming the draft in the address does not reach it, and neither does a posted form.
      const chosen = await get(`/p/kalbar/manage/screening?call=${draft}`, 'kalbar')
      expect(chosen.body).not.toContain('WNR-2023-KALBAR-0001')
      expect(chosen.body).toContain('Belum ada periode pendaftaran pada edisi berjalan.')
      const saved = await post('/p/kalbar/manage/review', { call: draft, reviewers_per_application: '2' })
      expect(saved.status).toBe(404)
    } finally {
      await owner((db) => db.deleteFrom('calls').where('id', '=', draft).execute())
    }
  })

  it("returns to the list's call, filter and page after a decision from it, and only to that list", async () => {
    const list = await get(`/p/kalbar/manage/screening?filter=pending&call=${ids.call}`, 'kalbar')
    expect(list.body).toContain(`name="back" value="/p/kalbar/manage/screening?call=${ids.call}&amp;filter=pending"`)
    const a6 = apps[5] as string
    // "Decide" opens the decision page with the list's query; its form then returns there.
    const listQuery = `?call=${ids.call}&amp;filter=pending`
    expect(list.body).toContain(`href="${SCREEN(a6)}${listQuery}"`)
    const opened = await get(`${SCREEN(a6)}?call=${ids.call}&filter=pending`, 'kalbar')
    expect(opened.body).toContain(`name="back" value="/p/kalbar/manage/screening${listQuery}&amp;screened=1"`)
    expect(opened.body).toContain(`href="/p/kalbar/manage/screening${listQuery}"`)
    const from = `/p/kalbar/manage/screening?call=${ids.call}&filter=pending&page=2&extra=x`
    // A refusal renders the decision page; its form and its link keep the way back.
    const refused = await post(SCREEN(a6), { decision: 'ineligible', reason: '', note: '', back: from })
    expect(refused.status).toBe(400)
    const kept = `/p/kalbar/manage/screening?call=${ids.call}&amp;filter=pending&amp;page=2`
    expect(refused.body).toContain(`name="back" value="${kept}&amp;screened=1"`)
    expect(refused.body).toContain(`href="${kept}"`)
    const res = await post(SCREEN(a6), { decision: 'eligible', note: '', back: from })
    expect(res.status).toBe(302)
    expect(res.location).toBe(`/p/kalbar/manage/screening?call=${ids.call}&filter=pending&page=2&screened=1`)
    // Five pending rows fit on one page: page 2 no longer exists, so the list goes to page 1.
    const landed = await request(res.location as string, { db: t.db, headers: who.kalbar, now: seededAt })
    expect(landed.status).toBe(302)
    expect(landed.headers.get('location')).toBe(`/p/kalbar/manage/screening?call=${ids.call}&filter=pending&screened=1`)
    const after = await get(landed.headers.get('location') as string, 'kalbar')
    expect(after.body).toContain('Keputusan seleksi disimpan.')
    expect(after.body).toContain('Belum diseleksi (5)')
    for (const back of [
      'https://evil.example/p/kalbar/manage/screening',
      '//evil.example/p/kalbar/manage/screening',
      '/\\evil.example/p/kalbar/manage/screening',
      '/\t/evil.example/p/kalbar/manage/screening',
      '/p/sulsel/manage/screening?filter=pending',
      '/p/kalbar/manage/applications?filter=pending',
      '/p/kalbar/manage/screening/../applications',
    ]) {
      const again = await post(SCREEN(a6), { decision: 'eligible', note: '', back })
      expect(again.location, back).toBe(`${SCREEN(a6)}?screened=1`)
    }
  })

  it('refuses an ineligible decision without reason and note, with localised messages (400)', async () => {
    const res = await post(SCREEN(apps[0] as string), { decision: 'ineligible', reason: '', note: '' })
    expect(res.status).toBe(400)
    expect(res.body).toContain('Pilih alasan dari daftar.')
    expect(res.body).toContain('Tuliskan penjelasan untuk pendaftar.')
    expect(res.body).toMatch(/<select[^>]*aria-invalid="true"[^>]*aria-describedby="reason-error-/)
    expect((await statusOf(apps[0] as string)).status).toBe('submitted')
  })

  it('records ineligible, mails the applicant once in their language, audits; a resend changes nothing', async () => {
    const a1 = apps[0] as string
    const fields = {
      decision: 'ineligible',
      reason: 'not_social_enterprise',
      note: 'Usaha ini belum memiliki misi sosial yang jelas.',
      back: 'list',
    }
    const res = await post(SCREEN(a1), fields)
    expect(res.status).toBe(302)
    expect(res.location).toBe('/p/kalbar/manage/screening?screened=1')
    const row = await statusOf(a1)
    expect(row).toMatchObject({ status: 'ineligible', screening_reason: 'not_social_enterprise' })
    expect(row.screened_at).not.toBeNull()
    const sent = await mails('screening.ineligible')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ to_email: 'siti@koperasi-air.id', locale: 'en' })
    expect(sent[0]?.subject).toBe('WiNNER screening result — WNR-2023-KALBAR-0001')
    expect(sent[0]?.body_text).toContain('Reason: Not a social enterprise')
    expect(sent[0]?.body_text).toContain('Usaha ini belum memiliki misi sosial yang jelas.')

    expect((await post(SCREEN(a1), fields)).status).toBe(302)
    expect(await mails('screening.ineligible')).toHaveLength(1)
    const trail = await owner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, async (trx) => ({
        events: await trx
          .selectFrom('application_events')
          .select(['status', 'note'])
          .where('application_id', '=', a1)
          .execute(),
        audit: await trx.selectFrom('audit_log').select('action').where('object_id', '=', a1).execute(),
      })),
    )
    expect(trail.events).toEqual([{ status: 'screening', note: fields.note }])
    expect(trail.audit.map((a) => a.action)).toEqual(['application.screened'])
  })

  it('reverses a decision only with a written reason', async () => {
    const a1 = apps[0] as string
    const bare = await post(SCREEN(a1), { decision: 'eligible', note: '' })
    expect(bare.status).toBe(400)
    expect(bare.body).toContain('Mengubah keputusan memerlukan alasan tertulis.')
    const res = await post(SCREEN(a1), { decision: 'eligible', note: 'Pendaftar melengkapi bukti misi sosial.' })
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${SCREEN(a1)}?screened=1`)
    expect(await statusOf(a1)).toMatchObject({ status: 'eligible', screening_reason: null })
    const audit = await owner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, (trx) =>
        trx.selectFrom('audit_log').select('action').where('object_id', '=', a1).orderBy('id').execute(),
      ),
    )
    expect(audit.map((a) => a.action)).toEqual(['application.screened', 'application.screening_reversed'])
  })

  it("shows a screening panel on the application's page and decides from it", async () => {
    const a2 = apps[1] as string
    const page = await get(`/p/kalbar/manage/applications/${a2}`, 'kalbar')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Belum diseleksi.')
    expect(page.body).toContain(`action="${SCREEN(a2)}"`)
    const res = await post(SCREEN(a2), { decision: 'eligible', note: '', back: 'detail' })
    expect(res.location).toBe(`/p/kalbar/manage/applications/${a2}?screened=1`)
    for (const id of apps.slice(2))
      expect((await post(SCREEN(id), { decision: 'eligible', note: '' })).status).toBe(302)
    const list = await get('/p/kalbar/manage/screening?filter=eligible', 'kalbar')
    expect(list.body).toContain('Lolos (6)')
  })

  it("answers 404 to another province's admin and 403 to roles that may only look", async () => {
    const a1 = apps[0] as string
    expect((await get('/p/kalbar/manage/screening', 'sulsel')).status).toBe(404)
    expect((await get(SCREEN(a1, 'sulsel'), 'sulsel')).status).toBe(404)
    expect(
      (await post(SCREEN(a1, 'sulsel'), { decision: 'ineligible', reason: 'other', note: 'x' }, 'sulsel')).status,
    ).toBe(404)
    expect((await post(SCREEN(a1), { decision: 'ineligible', reason: 'other', note: 'x' }, 'sulsel')).status).toBe(404)
    expect((await post(SCREEN(a1), { decision: 'ineligible', reason: 'other', note: 'x' }, 'ministry')).status).toBe(
      403,
    )
    expect((await get(SCREEN(sulselApp), 'kalbar')).status).toBe(404)
    expect((await get(SCREEN(a1), 'ministry')).status).toBe(200)
    expect((await statusOf(a1)).status).toBe('eligible')
  })
})

describe('review settings', () => {
  const REVIEW = '/p/kalbar/manage/review'
  it('stores the deadline given in province time, blind review and reviewers per application', async () => {
    const page = await get(REVIEW, 'kalbar')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Kemajuan')
    const early = instantToLocal(new Date(ids.closesAt.getTime() - 3600_000), ids.tz)
    const bad = await post(REVIEW, { call: ids.call, review_closes_at: early, reviewers_per_application: '3' })
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Batas penilaian harus setelah pendaftaran ditutup.')
    const many = await post(REVIEW, { call: ids.call, reviewers_per_application: '11' })
    expect(many.status).toBe(400)
    expect(many.body).toContain('Masukkan bilangan bulat antara 1 dan 10.')
    expect(many.body).toContain('value="11"')
    const local = instantToLocal(new Date(ids.closesAt.getTime() + 10 * 86_400_000), ids.tz)
    const ok = await post(REVIEW, {
      call: ids.call,
      review_closes_at: local,
      reviewers_per_application: '3',
      blind_review: 'on',
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toContain('Pengaturan penilaian disimpan.')
    const call = await owner((db) =>
      db.selectFrom('calls').selectAll().where('id', '=', ids.call).executeTakeFirstOrThrow(),
    )
    expect(call.review_closes_at?.toISOString()).toBe(localToInstant(local, ids.tz).toISOString())
    expect(call).toMatchObject({ blind_review: true, share_scores: false, reviewers_per_application: 3 })
  })

  it("answers 404 for another province's call", async () => {
    const res = await post('/p/sulsel/manage/review', { call: ids.call, reviewers_per_application: '2' }, 'sulsel')
    expect(res.status).toBe(404)
  })
})

describe('rubric', () => {
  const RUBRIC = '/p/kalbar/manage/review/rubric'
  const criteria = () =>
    owner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, (trx) =>
        trx.selectFrom('rubric_criteria').selectAll().where('call_id', '=', ids.call).orderBy('position').execute(),
      ),
    )
  /** The editor's form as the page would post it, with changes. */
  const formOf = async (change: (blocks: Record<string, string>[]) => void) => {
    const rows = await criteria()
    const blocks = rows.map((c) => {
      const b: Record<string, string> = {
        key: c.key,
        weight: String(c.weight),
        title_id: c.title_id,
        title_en: c.title_en,
      }
      c.levels.forEach((l, i) => {
        b[`level${i + 1}_id`] = l.id
        b[`level${i + 1}_en`] = l.en
      })
      return b
    })
    change(blocks)
    const fields: Record<string, string> = { call: ids.call }
    blocks.forEach((b, i) => {
      for (const [k, v] of Object.entries(b)) fields[`c.${i}.${k}`] = v
    })
    return fields
  }

  it('is created from the default rubric on the first visit, once', async () => {
    expect(await criteria()).toHaveLength(0)
    const look = await get(RUBRIC, 'ministry')
    expect(look.status).toBe(200)
    expect(look.body).toContain('Bappeda belum menyusun rubrik untuk periode ini.')
    expect(await criteria()).toHaveLength(0)
    expect((await get(RUBRIC, 'kalbar')).status).toBe(200)
    await get(RUBRIC, 'kalbar')
    const rows = await criteria()
    expect(rows).toHaveLength(6)
    expect(rows.reduce((n, c) => n + c.weight, 0)).toBe(100)
  })

  it('refuses weights that do not add up to 100 and out-of-range weights, per field', async () => {
    const off = await post(
      RUBRIC,
      await formOf((b) => {
        ;(b[0] as Record<string, string>).weight = String(Number(b[0]?.weight) + 5)
      }),
    )
    expect(off.status).toBe(400)
    expect(off.body).toContain('Bobot kriteria harus bilangan bulat positif yang berjumlah tepat 100.')
    const zero = await post(
      RUBRIC,
      await formOf((b) => {
        ;(b[1] as Record<string, string>).weight = '0'
      }),
    )
    expect(zero.status).toBe(400)
    expect(zero.body).toContain('Masukkan bobot bilangan bulat antara 1 dan 100.')
  })

  it('shows everything typed again, with the error at its field, when a save is refused', async () => {
    const before = await criteria()
    const typedForm = await formOf((b) => {
      const [first, second, third] = b as [Record<string, string>, Record<string, string>, Record<string, string>]
      first.weight = '41'
      first.title_en = 'Typed fit with the issue'
      second.title_id = ''
      second.level3_en = 'Typed level three of the second criterion'
      third.remove = 'on'
      const added: Record<string, string> = {
        key: '',
        weight: '9',
        title_id: 'Kriteria baru yang diketik',
        title_en: 'Newly typed criterion',
      }
      for (let l = 1; l <= 5; l++) {
        added[`level${l}_id`] = `Tingkat diketik ${l}`
        added[`level${l}_en`] = `Typed level ${l}`
      }
      b.push(added)
    })
    const res = await post(RUBRIC, typedForm)
    expect(res.status).toBe(400)
    const n = before.length
    const input = (name: string) => new RegExp(`<(input|textarea)[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*>`)
    expect(res.body).toMatch(input('c.0.weight'))
    expect(res.body.match(input('c.0.weight'))?.[0]).toContain('value="41"')
    expect(res.body.match(input('c.0.title_en'))?.[0]).toContain('value="Typed fit with the issue"')
    expect(res.body.match(input('c.1.title_id'))?.[0]).toContain('value=""')
    expect(res.body.match(input('c.1.title_id'))?.[0]).toContain('aria-invalid="true"')
    expect(res.body).toMatch(/id="c\.1\.title_id-error"[^>]*>Wajib diisi\.</)
    expect(res.body).toContain('Typed level three of the second criterion</textarea>')
    expect(res.body.match(/<input[^>]*name="c\.2\.remove"[^>]*>/)?.[0]).toContain('checked')
    expect(res.body.match(/<input[^>]*name="c\.1\.remove"[^>]*>/)?.[0]).not.toContain('checked')
    expect(res.body.match(input(`c.${n}.title_id`))?.[0]).toContain('value="Kriteria baru yang diketik"')
    expect(res.body.match(input(`c.${n}.weight`))?.[0]).toContain('value="9"')
    expect(res.body).toContain('Tingkat diketik 5</textarea>')
    // Only the typed blocks: no second empty block is added after the typed new one.
    expect(res.body).not.toContain(`name="c.${n + 1}.weight"`)

    // Valid fields but weights not adding up: refused by the save, typed values kept too.
    const sum = await post(
      RUBRIC,
      await formOf((b) => {
        const first = b[0] as Record<string, string>
        first.weight = String(Number(first.weight) + 5)
        first.title_id = 'Judul diketik sebelum penolakan bobot'
      }),
    )
    expect(sum.status).toBe(400)
    expect(sum.body).toContain('Bobot kriteria harus bilangan bulat positif yang berjumlah tepat 100.')
    expect(sum.body).toContain('Jumlah bobot yang Anda isi: 105 dari 100 (belum disimpan).')
    expect(sum.body.match(input('c.0.title_id'))?.[0]).toContain('value="Judul diketik sebelum penolakan bobot"')
    expect(await criteria()).toEqual(before)
  })

  it('saves edited titles and weights, removes and adds criteria', async () => {
    const fields = await formOf((b) => {
      const last = b[b.length - 1] as Record<string, string>
      last.remove = 'on'
      ;(b[0] as Record<string, string>).title_en = 'Fit with the province issue'
      const added: Record<string, string> = {
        key: '',
        weight: last.weight as string,
        title_id: 'Keberlanjutan lingkungan',
        title_en: 'Environmental sustainability',
      }
      for (let l = 1; l <= 5; l++) {
        added[`level${l}_id`] = `Tingkat ${l}`
        added[`level${l}_en`] = `Level ${l}`
      }
      b.push(added)
    })
    const res = await post(RUBRIC, fields)
    expect(res.status).toBe(200)
    expect(res.body).toContain('Rubrik disimpan.')
    const rows = await criteria()
    expect(rows).toHaveLength(6)
    expect(rows[0]?.title_en).toBe('Fit with the province issue')
    expect(rows[5]).toMatchObject({ key: 'environmental_sustainability', position: 6 })
    expect(rows.reduce((n, c) => n + c.weight, 0)).toBe(100)
  })
})

describe('reviewers and assignment', () => {
  it('assigns every eligible application to three non-conflicted reviewers, evenly, with one digest each', async () => {
    const res = await post(ASSIGN, { call: ids.call, intent: 'assign' })
    expect(res.status).toBe(200)
    expect(res.body).toContain('18 penugasan baru.')
    const rows = await assignments()
    expect(rows).toHaveLength(18)
    for (const id of apps) expect(rows.filter((r) => r.application_id === id)).toHaveLength(3)
    expect(rows.some((r) => r.application_id === apps[0] && r.reviewer_id === reviewers.conf)).toBe(false)
    expect(rows.some((r) => r.application_id === apps[1] && r.reviewer_id === reviewers.r2)).toBe(false)
    const perReviewer = [...loads(rows).values()]
    expect(Math.max(...perReviewer) - Math.min(...perReviewer)).toBeLessThanOrEqual(1)
    expect(rows.every((r) => r.notified_at !== null && r.source === 'auto')).toBe(true)
    for (const id of apps) expect((await statusOf(id)).status).toBe('in_review')
    const call = await owner((db) =>
      db.selectFrom('calls').select('review_started_at').where('id', '=', ids.call).executeTakeFirstOrThrow(),
    )
    expect(call.review_started_at).not.toBeNull()
    const digests = await mails('screening.assignmentDigest')
    const recipients = digests.map((d) => d.to_email).sort()
    expect(recipients).toEqual([...new Set(recipients)])
    expect(recipients).toHaveLength(loads(rows).size)
    const english = digests.find((d) => d.to_email === 'agus@dinas.example.id')
    expect(english?.subject).toMatch(/^\d WiNNER applications await your review$/)
    expect(english?.body_text).toContain('http://localhost/p/kalbar/review')
    const conflicts = await owner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, (trx) =>
        trx.selectFrom('review_conflicts').select(['application_id', 'reviewer_id', 'kind', 'source']).execute(),
      ),
    )
    expect(conflicts).toEqual(
      expect.arrayContaining([
        { application_id: apps[0], reviewer_id: reviewers.conf, kind: 'email_domain', source: 'detected' },
        { application_id: apps[1], reviewer_id: reviewers.r2, kind: 'organisation_match', source: 'detected' },
      ]),
    )
  })

  it('makes screening decisions final once the review began (409)', async () => {
    const res = await post(SCREEN(apps[2] as string), { decision: 'ineligible', reason: 'other', note: 'Terlambat.' })
    expect(res.status).toBe(409)
    expect(res.body).toContain('Penilaian sudah dimulai')
    expect((await statusOf(apps[2] as string)).status).toBe('in_review')
  })

  it('lists reviewers with OPD, load and conflicts', async () => {
    const res = await get('/p/kalbar/manage/reviewers', 'kalbar')
    expect(res.status).toBe(200)
    expect(res.body).toContain('Rina Kusuma')
    expect(res.body).toContain('domain email sama')
    expect(res.body).toContain('nama organisasi cocok')
    expect(res.body).toContain('terdeteksi')
    expect(res.body).toMatch(/\d ditugaskan, 0 dinilai/)
    expect((await post('/p/kalbar/manage/reviewers', { call: ids.call, intent: 'detect' })).status).toBe(200)
  })

  it('a re-run keeps existing assignments and fills the gap a declared conflict left', async () => {
    const before = await assignments()
    const gone = before.find((r) => r.application_id === apps[3]) as (typeof before)[number]
    // What the desk does when a reviewer declares a conflict.
    await owner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, async (trx) => {
        await trx
          .insertInto('review_conflicts')
          .values({
            province_id: ids.kalbar,
            application_id: gone.application_id,
            reviewer_id: gone.reviewer_id,
            source: 'declared',
            kind: 'family',
          })
          .execute()
        await trx
          .deleteFrom('review_assignments')
          .where('application_id', '=', gone.application_id)
          .where('reviewer_id', '=', gone.reviewer_id)
          .execute()
      }),
    )
    const digestsBefore = (await mails('screening.assignmentDigest')).length
    const res = await post(ASSIGN, { call: ids.call, intent: 'assign' })
    expect(res.body).toContain('1 penugasan baru.')
    const after = await assignments()
    expect(after).toHaveLength(18)
    const key = (r: { application_id: string; reviewer_id: string }) => `${r.application_id}/${r.reviewer_id}`
    const kept = new Set(after.map(key))
    for (const r of before.filter((r) => r !== gone)) expect(kept.has(key(r))).toBe(true)
    expect(kept.has(key(gone))).toBe(false)
    expect((await mails('screening.assignmentDigest')).length).toBe(digestsBefore + 1)
    // Sent twice: nothing more to do.
    expect((await post(ASSIGN, { call: ids.call, intent: 'assign' })).body).toContain('0 penugasan baru.')
  })

  it('adds by hand only a non-conflicted reviewer of the province', async () => {
    const a1 = apps[0] as string
    const add = (reviewer: string, as = 'kalbar') =>
      post(ASSIGN, { call: ids.call, intent: 'add', application: a1, reviewer }, as)
    const conflicted = await add(reviewers.conf)
    expect(conflicted.status).toBe(409)
    expect(conflicted.body).toContain('Penilai ini memiliki konflik kepentingan dengan proposal tersebut.')
    expect((await add(applicantUser)).status).toBe(404)
    expect((await add(reviewers.sulsel)).status).toBe(404)
    expect((await add(reviewers.demo, 'sulsel')).status).toBe(404)
    expect(
      (
        await post(
          '/p/sulsel/manage/review/assignments',
          { call: ids.call, intent: 'add', application: a1, reviewer: reviewers.demo },
          'sulsel',
        )
      ).status,
    ).toBe(404)
    const onA1 = new Set((await assignments()).filter((r) => r.application_id === a1).map((r) => r.reviewer_id))
    const candidate = [reviewers.demo, reviewers.r2, reviewers.r3, reviewers.r4].find((r) => !onA1.has(r)) as string
    const ok = await add(candidate)
    expect(ok.status).toBe(200)
    expect(ok.body).toContain('Penilai ditambahkan.')
    expect((await add(candidate)).status).toBe(200)
    const rows = (await assignments()).filter((r) => r.application_id === a1)
    expect(rows).toHaveLength(4)
    expect(rows.find((r) => r.reviewer_id === candidate)?.source).toBe('manual')
  })

  it('removes an assignment without scores, refuses one with scores, and then locks the rubric', async () => {
    const rows = (await assignments()).filter((r) => r.application_id === apps[4])
    const [scored, free] = rows as [(typeof rows)[number], (typeof rows)[number]]
    await owner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, async (trx) => {
        const criterion = await trx
          .selectFrom('rubric_criteria')
          .select('id')
          .where('call_id', '=', ids.call)
          .orderBy('position')
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('review_scores')
          .values({
            province_id: ids.kalbar,
            application_id: scored.application_id,
            reviewer_id: scored.reviewer_id,
            criterion_id: criterion.id,
            score: 4,
          })
          .execute()
      }),
    )
    const remove = (r: (typeof rows)[number]) =>
      post(ASSIGN, { call: ids.call, intent: 'remove', application: r.application_id, reviewer: r.reviewer_id })
    const refused = await remove(scored)
    expect(refused.status).toBe(409)
    expect(refused.body).toContain('Penugasan yang sudah memiliki nilai tidak dapat dihapus.')
    const ok = await remove(free)
    expect(ok.status).toBe(200)
    expect(
      (await assignments()).some((r) => r.application_id === free.application_id && r.reviewer_id === free.reviewer_id),
    ).toBe(false)

    const rubric = await post('/p/kalbar/manage/review/rubric', { call: ids.call })
    expect(rubric.status).toBe(409)
    expect(rubric.body).toContain('Rubrik terkunci karena nilai pertama sudah disimpan.')
    expect((await get('/p/kalbar/manage/review/rubric', 'kalbar')).body).toContain('Rubrik terkunci:')
  })

  it('rebalances by moving only assignments nobody started on', async () => {
    const newcomer = await owner((db) =>
      createReviewer(db, ids.kalbar, { opdId: null, email: 'fajar@z.id', name: 'Fajar Nugroho' }),
    )
    const before = await assignments()
    const declared = before.find((r) => r.application_id === apps[5] && r.source === 'auto') as (typeof before)[number]
    await owner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, (trx) =>
        trx
          .updateTable('review_assignments')
          .set({ declared_at: seededAt })
          .where('application_id', '=', declared.application_id)
          .where('reviewer_id', '=', declared.reviewer_id)
          .execute(),
      ),
    )
    const res = await post(ASSIGN, { call: ids.call, intent: 'rebalance' })
    expect(res.status).toBe(200)
    const after = await assignments()
    expect(loads(after).get(newcomer) ?? 0).toBeGreaterThan(0)
    expect(after).toHaveLength(before.length)
    const key = (r: { application_id: string; reviewer_id: string }) => `${r.application_id}/${r.reviewer_id}`
    const present = new Set(after.map(key))
    expect(present.has(key(declared))).toBe(true)
    for (const r of before.filter((r) => r.source === 'manual')) expect(present.has(key(r))).toBe(true)
    expect((await mails('screening.assignmentDigest')).some((m) => m.to_email === 'fajar@z.id')).toBe(true)
  })

  it('lists the applications that cannot be covered, and why', async () => {
    const local = instantToLocal(new Date(ids.closesAt.getTime() + 10 * 86_400_000), ids.tz)
    await post('/p/kalbar/manage/review', { call: ids.call, review_closes_at: local, reviewers_per_application: '8' })
    const res = await post(ASSIGN, { call: ids.call, intent: 'assign' })
    expect(res.status).toBe(200)
    // Eight reviewers in all (three demo, five made here): the application with a detected conflict can have seven at most.
    expect(res.body).toContain('tidak dapat dipenuhi karena kurang penilai tanpa konflik kepentingan')
    expect(res.body).toContain('WNR-2023-KALBAR-0001 — Koperasi Air Bersih')
    await post('/p/kalbar/manage/review', { call: ids.call, review_closes_at: local, reviewers_per_application: '3' })
  })

  it("answers 404 to another province's admin on every review page with this province's data", async () => {
    for (const path of ['/manage/review', '/manage/review/rubric', '/manage/review/assignments', '/manage/reviewers']) {
      expect((await get(`/p/kalbar${path}`, 'sulsel')).status).toBe(404)
    }
    const foreign = await post('/p/sulsel/manage/review/assignments', { call: ids.call, intent: 'assign' }, 'sulsel')
    expect(foreign.status).toBe(404)
    expect((await post('/p/sulsel/manage/reviewers', { call: ids.call, intent: 'detect' }, 'sulsel')).status).toBe(404)
    expect((await get(ASSIGN, 'reviewer')).status).toBe(403)
  })
})

describe('deadline reminders', () => {
  it('reminds each reviewer with unscored work once, 48 hours before the review closes', async () => {
    const call = await owner((db) =>
      db.selectFrom('calls').select('review_closes_at').where('id', '=', ids.call).executeTakeFirstOrThrow(),
    )
    const closes = call.review_closes_at as Date
    const at = (hoursBefore: number) => new Date(closes.getTime() - hoursBefore * 3600_000)
    expect(await sendReviewReminders(t.db, at(72), 'http://localhost')).toBe(0)
    const open = await owner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, (trx) =>
        trx.selectFrom('review_assignments').select('reviewer_id').distinct().where('scored_at', 'is', null).execute(),
      ),
    )
    const sent = await sendReviewReminders(t.db, at(47), 'http://localhost')
    expect(sent).toBe(open.length)
    const reminders = await mails('screening.reminder')
    expect(reminders).toHaveLength(open.length)
    expect(reminders[0]?.body_text).toContain('http://localhost/p/kalbar/review')
    expect(await sendReviewReminders(t.db, at(46), 'http://localhost')).toBe(0)
    expect(await mails('screening.reminder')).toHaveLength(open.length)
  })
})

describe('pages in both languages', () => {
  it.each(['id', 'en'])('render in %s without raw translation keys', async (lng) => {
    const pages = [
      '/p/kalbar/manage/screening',
      SCREEN(apps[0] as string),
      `/p/kalbar/manage/applications/${apps[0]}`,
      '/p/kalbar/manage/review',
      '/p/kalbar/manage/review/rubric',
      ASSIGN,
      '/p/kalbar/manage/reviewers',
    ]
    for (const page of pages) {
      const res = await get(`${page}?lng=${lng}`, 'kalbar')
      expect(res.status, page).toBe(200)
      const visible = res.body.replace(/<script[\s\S]*?<\/script>/g, '')
      expect(visible, page).not.toMatch(/\bscreening:[a-z]/)
      expect(visible, page).not.toMatch(/>(?:[a-z]+\.)+[a-zA-Z_]+</)
    }
  })
})
