import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendMouReminders } from '#app/modules/cocreation/mou-reminders.server.ts'
import { addDays, defaultEndOn, localDay } from '#app/modules/cocreation/mou-rules.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { demoPdf } from '#db/seed/demo-pdf.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { type Finalist, publishFinalists } from '#tests/factories/mentoring.ts'
import { signedIn } from '#tests/factories/session.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// MoUs of co-creation (issue 15) through the built app: Bappeda creates a MoU between a
// finalist and an agency and takes it through its lifecycle (illegal steps refused, the
// signed PDF checked by content, termination confirmed), deliverables, the venture's
// quarterly reports accepted or returned, another agency joining; another province's
// MoU is 404, the venture sees only its own, ministry and ERAT read only; the expiry
// reminders are sent once per threshold.

let t: TestDatabase
let kalbar: ProvinceFixture
let sulsel: ProvinceFixture
let K: Finalist[] = []
let S: Finalist[] = []
const who: Record<string, { Cookie: string }> = {}
let mouId = ''
let sulselMou = ''
let secondOpd = ''
const now = new Date()
const today = localDay(now, 'Asia/Pontianak')
const KB = '/p/kalbar/manage/mous'

const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const get = async (path: string, as: string) => {
  const res = await request(path, { db: t.db, headers: who[as] ?? {} })
  return { status: res.status, body: await res.text(), type: res.headers.get('Content-Type') }
}
const post = async (path: string, body: Record<string, string | string[]>, as: string) => {
  const form = new URLSearchParams()
  for (const [k, v] of Object.entries(body)) for (const one of [v].flat()) form.append(k, one)
  const res = await request(path, {
    db: t.db,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Host: 'localhost',
      Origin: 'http://localhost',
      ...who[as],
    },
    init: { method: 'POST', body: form.toString() },
  })
  return { status: res.status, body: await res.text(), location: res.headers.get('Location') ?? '' }
}
const postMultipart = async (path: string, form: FormData, as: string) => {
  const res = await request(path, {
    db: t.db,
    headers: { Host: 'localhost', Origin: 'http://localhost', ...who[as] },
    init: { method: 'POST', body: form },
  })
  return { status: res.status, body: await res.text() }
}
const status = (id: string) =>
  owner(
    async (db) => (await db.selectFrom('mous').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
  )
const audits = (action: string) =>
  owner(async (db) => (await db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length)
const mails = (template: string) =>
  owner((db) => db.selectFrom('mail_outbox').select(['to_email', 'subject']).where('template', '=', template).execute())
const idFrom = (location: string) => /mous\/([0-9a-f-]{36})/.exec(location)?.[1] ?? ''

beforeAll(async () => {
  t = await createDemoDatabase(now)
  kalbar = await owner((db) => provinceFixture(db, 'kalbar'))
  sulsel = await owner((db) => provinceFixture(db, 'sulsel'))
  K = await owner((db) => publishFinalists(db, kalbar, ['Koperasi Air Kapuas', 'Tenun Sintang']))
  S = await owner((db) => publishFinalists(db, sulsel, ['Skolla Uji']))
  secondOpd = await owner((db) =>
    withTenant(db, { provinceId: kalbar.province.id }, async (trx) => {
      const row = await trx
        .insertInto('opds')
        .values({
          province_id: kalbar.province.id,
          name: 'Dinas Sosial Kabupaten Sintang (uji)',
          short_name: 'Dinsos Sintang',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    }),
  )
  who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  who.otherAdmin = await signedIn(t.db, 'bappeda.sulsel@demo.winner.id')
  who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')
  who.erat = await signedIn(t.db, 'erat@demo.winner.id')
  who.reviewer = await signedIn(t.db, 'reviewer.kalbar@demo.winner.id')
  who.k1 = await signedIn(t.db, K[0]?.applicant.email ?? '')
  who.k2 = await signedIn(t.db, K[1]?.applicant.email ?? '')
})
afterAll(() => t.close())

const createBody = (application: string, agency: string) => ({
  intent: 'create',
  application,
  agencies: agency,
  title: 'Air bersih desa bersama Dinas PUPR',
  scope: 'Koperasi membangun dan merawat sarana air bersih; dinas memfasilitasi lokasi dan izin.',
  starts_on: today,
})

describe('creating a MoU', () => {
  it('shows the empty state, then answers bad input with localised errors (400) and writes nothing', async () => {
    const list = await get(KB, 'admin')
    expect(list.status).toBe(200)
    expect(list.body).toContain('Belum ada MoU.')
    const res = await post(KB, { intent: 'create', application: K[0]?.id ?? '', title: '', starts_on: 'x' }, 'admin')
    expect(res.status).toBe(400)
    expect(res.body).toContain('Pilih sedikitnya satu perangkat daerah aktif provinsi ini.')
    expect(res.body).toContain('Isi tanggal yang benar.')
    expect(res.body).toContain('error-summary')
    expect(await audits('mou.created')).toBe(0)
  })

  it('creates a draft with a default one-year term, between a finalist and an agency', async () => {
    const res = await post(KB, createBody(K[0]?.id ?? '', kalbar.opdId), 'admin')
    expect(res.status).toBe(302)
    mouId = idFrom(res.location)
    const row = await owner((db) => db.selectFrom('mous').selectAll().where('id', '=', mouId).executeTakeFirstOrThrow())
    expect(row.status).toBe('draft')
    expect(row.ends_on).toBe(defaultEndOn(today))
    expect(await audits('mou.created')).toBe(1)
    const list = await get(KB, 'admin')
    expect(list.body).toContain('Air bersih desa bersama Dinas PUPR')
    expect(list.body).toContain('Koperasi Air Kapuas')
  })

  it("refuses another province's finalist or agency", async () => {
    expect((await post(KB, createBody(S[0]?.id ?? '', kalbar.opdId), 'admin')).status).toBe(409)
    expect((await post(KB, createBody(K[1]?.id ?? '', sulsel.opdId), 'admin')).status).toBe(400)
    const res = await post('/p/sulsel/manage/mous', createBody(S[0]?.id ?? '', sulsel.opdId), 'otherAdmin')
    expect(res.status).toBe(302)
    sulselMou = idFrom(res.location)
  })
})

describe('isolation and read-only roles', () => {
  it("answers 404 for another province's MoU, whatever the URL", async () => {
    expect((await get(`${KB}/${sulselMou}`, 'admin')).status).toBe(404)
    expect((await get(`/p/sulsel/manage/mous/${mouId}`, 'otherAdmin')).status).toBe(404)
    expect((await get(`/p/sulsel/manage/mous/${mouId}`, 'admin')).status).toBe(404)
    expect((await post(`${KB}/${sulselMou}`, { intent: 'transition', to: 'negotiate' }, 'admin')).status).toBe(404)
    expect(await status(sulselMou)).toBe('draft')
  })

  it('lets ministry and ERAT read without a single button, and refuses their changes (403)', async () => {
    for (const as of ['ministry', 'erat']) {
      const page = await get(`${KB}/${mouId}`, as)
      expect(page.status).toBe(200)
      expect(page.body).toContain('Air bersih desa bersama Dinas PUPR')
      expect(page.body).not.toContain('name="intent"')
      expect((await post(`${KB}/${mouId}`, { intent: 'transition', to: 'negotiate' }, as)).status).toBe(403)
    }
    expect((await get(KB, 'reviewer')).status).toBe(403)
    expect((await get(KB, 'k1')).status).toBe(403)
  })
})

describe('the lifecycle', () => {
  it('refuses an illegal step (409) and leaves the status alone', async () => {
    const res = await post(`${KB}/${mouId}`, { intent: 'transition', to: 'activate' }, 'admin')
    expect(res.status).toBe(409)
    expect(res.body).toContain('Tahap ini tidak dapat dilakukan pada status MoU sekarang.')
    expect(await status(mouId)).toBe('draft')
  })

  it('corrects a draft, with localised errors that keep what was typed; a negotiated one must be reopened first', async () => {
    const before = await owner((db) =>
      db.selectFrom('mous').selectAll().where('id', '=', mouId).executeTakeFirstOrThrow(),
    )
    const terms = { title: before.title, starts_on: before.starts_on, ends_on: before.ends_on }
    const scope = `${before.scope}\nTermasuk pemeliharaan pipa selama masa MoU.`
    const bad = await post(`${KB}/${mouId}`, { intent: 'edit', ...terms, scope, ends_on: before.starts_on }, 'admin')
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Termasuk pemeliharaan pipa selama masa MoU.')
    expect(bad.body).toContain('aria-invalid="true"')
    expect(
      await owner((db) => db.selectFrom('mous').select('scope').where('id', '=', mouId).executeTakeFirstOrThrow()),
    ).toEqual({
      scope: before.scope,
    })
    const saved = await post(`${KB}/${mouId}`, { intent: 'edit', ...terms, scope }, 'admin')
    expect(saved.status).toBe(302)
    expect(saved.location).toContain('done=edited')
    const after = await owner((db) =>
      db.selectFrom('mous').selectAll().where('id', '=', mouId).executeTakeFirstOrThrow(),
    )
    expect(after.scope).toBe(scope)
    expect(await audits('mou.edited')).toBe(1)
    // Negotiated text is agreed text: no correction until it is back to draft.
    expect((await post(`${KB}/${mouId}`, { intent: 'transition', to: 'negotiate' }, 'admin')).status).toBe(302)
    expect((await get(`${KB}/${mouId}`, 'admin')).body).not.toContain('value="edit"')
    const late = await post(`${KB}/${mouId}`, { intent: 'edit', ...terms, scope: 'Lain.' }, 'admin')
    expect(late.status).toBe(409)
    expect(late.body).toContain('Hanya MoU berstatus draf yang dapat diperbaiki.')
    expect(late.body).toContain('>Lain.</textarea>')
    expect((await post(`${KB}/${mouId}`, { intent: 'transition', to: 'reopen' }, 'admin')).status).toBe(302)
    expect((await get(`${KB}/${mouId}`, 'admin')).body).toContain('value="edit"')
    expect((await post(`${KB}/${mouId}`, { intent: 'edit', ...terms, scope }, 'ministry')).status).toBe(403)
  })

  it('negotiates, then signs only with a real PDF, the signatories and the date', async () => {
    expect((await post(`${KB}/${mouId}`, { intent: 'transition', to: 'negotiate' }, 'admin')).status).toBe(302)
    const form = (file: Blob) => {
      const f = new FormData()
      f.append('intent', 'sign')
      f.append('signed_on', today)
      f.append('venture_name', 'Yohanes Kapuas')
      f.append('venture_role', 'Ketua Koperasi')
      f.append('agency_opd', kalbar.opdId)
      f.append('agency_name', 'Ir. Sri Wahyuni')
      f.append('agency_role', 'Kepala Dinas')
      f.append('document', file, 'mou.pdf')
      return f
    }
    const fake = await postMultipart(`${KB}/${mouId}`, form(new Blob(['not a pdf at all'])), 'admin')
    expect(fake.status).toBe(400)
    expect(fake.body).toContain('Berkas harus dokumen PDF.')
    expect(await status(mouId)).toBe('negotiated')
    const future = form(new Blob([Buffer.from(demoPdf(['MoU']))]))
    future.set('signed_on', addDays(today, 2))
    expect((await postMultipart(`${KB}/${mouId}`, future, 'admin')).status).toBe(400)
    const ok = await postMultipart(`${KB}/${mouId}`, form(new Blob([Buffer.from(demoPdf(['MoU uji']))])), 'admin')
    expect(ok.status).toBe(302)
    expect(await status(mouId)).toBe('signed')
    const doc = await get(`${KB}/${mouId}/document`, 'ministry')
    expect(doc.status).toBe(200)
    expect(doc.type).toContain('application/pdf')
    const page = await get(`${KB}/${mouId}`, 'admin')
    expect(page.body).toContain('Ir. Sri Wahyuni')
    expect(await audits('mou.sign')).toBe(1)
  })

  it('activates from the start day; expiring before the end is refused', async () => {
    expect((await post(`${KB}/${mouId}`, { intent: 'transition', to: 'activate' }, 'admin')).status).toBe(302)
    expect(await status(mouId)).toBe('active')
    const res = await post(`${KB}/${mouId}`, { intent: 'transition', to: 'expire' }, 'admin')
    expect(res.status).toBe(409)
    expect(res.body).toContain('MoU baru kedaluwarsa setelah tanggal berakhirnya lewat.')
  })

  it('terminates only with a reason and the ticked confirmation', async () => {
    const bare = await post(`/p/sulsel/manage/mous/${sulselMou}`, { intent: 'terminate', reason: '' }, 'otherAdmin')
    expect(bare.status).toBe(400)
    expect(bare.body).toContain('Centang konfirmasi untuk mengakhiri MoU.')
    expect(await status(sulselMou)).toBe('draft')
    const res = await post(
      `/p/sulsel/manage/mous/${sulselMou}`,
      { intent: 'terminate', reason: 'Dinas memilih program lain.', confirm: 'yes' },
      'otherAdmin',
    )
    expect(res.status).toBe(302)
    expect(await status(sulselMou)).toBe('terminated')
    const again = await post(
      `/p/sulsel/manage/mous/${sulselMou}`,
      { intent: 'transition', to: 'negotiate' },
      'otherAdmin',
    )
    expect(again.status).toBe(409)
  })
})

describe('deliverables, joining agencies', () => {
  it('adds deliverables, shows the overdue one, marks one done once', async () => {
    const late = await post(
      `${KB}/${mouId}`,
      { intent: 'deliverable', title: 'Survei lokasi', due_on: addDays(today, -3) },
      'admin',
    )
    expect(late.status).toBe(302)
    const bad = await post(`${KB}/${mouId}`, { intent: 'deliverable', title: '', due_on: '2024-02-30' }, 'admin')
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Wajib diisi.')
    const page = await get(`${KB}/${mouId}`, 'admin')
    expect(page.body).toContain('Lewat tenggat')
    const item = await owner(
      async (db) => (await db.selectFrom('mou_deliverables').select('id').executeTakeFirstOrThrow()).id,
    )
    expect((await post(`${KB}/${mouId}`, { intent: 'deliverableDone', deliverable: item }, 'admin')).status).toBe(302)
    expect((await post(`${KB}/${mouId}`, { intent: 'deliverableDone', deliverable: item }, 'admin')).status).toBe(409)
  })

  it('lets another agency join with its date and signatory, once', async () => {
    const body = {
      intent: 'join',
      opd: secondOpd,
      joined_on: today,
      signer_name: 'Drs. Petrus',
      signer_role: 'Kepala Dinas',
    }
    expect((await post(`${KB}/${mouId}`, body, 'admin')).status).toBe(302)
    const again = await post(`${KB}/${mouId}`, body, 'admin')
    expect(again.status).toBe(400)
    expect(again.body).toContain('Perangkat daerah ini sudah menjadi pihak MoU.')
    const parties = await owner((db) =>
      db.selectFrom('mou_parties').select(['opd_id', 'joined_on']).where('mou_id', '=', mouId).execute(),
    )
    expect(parties).toHaveLength(2)
    expect(parties.find((p) => p.opd_id === secondOpd)?.joined_on).toBe(today)
    expect(await audits('mou.joined')).toBe(1)
    // A terminated MoU takes no one.
    const closed = await post(`/p/sulsel/manage/mous/${sulselMou}`, { ...body, opd: sulsel.opdId }, 'otherAdmin')
    expect(closed.status).toBe(409)
  })
})

describe("the venture's reports", () => {
  const own = () => `/p/kalbar/apply/${K[0]?.id}/mous`

  it('shows the venture its own MoU only; another applicant gets 404', async () => {
    const page = await get(own(), 'k1')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Air bersih desa bersama Dinas PUPR')
    expect(page.body).toContain('Triwulan 1')
    const other = await get(`/p/kalbar/apply/${K[1]?.id}/mous`, 'k2')
    expect(other.status).toBe(200)
    expect(other.body).toContain('Belum ada MoU untuk usaha Anda.')
    expect((await get(own(), 'k2')).status).toBe(404)
    expect((await get(`${own()}/${mouId}/document`, 'k2')).status).toBe(404)
    expect((await get(`${own()}/${mouId}/document`, 'k1')).status).toBe(200)
    expect(
      (await post(own(), { intent: 'report', mou: mouId, quarter: '1', body: 'Bukan milik saya' }, 'k2')).status,
    ).toBe(404)
  })

  it('takes a report for a quarter that has begun only', async () => {
    expect((await post(own(), { intent: 'report', mou: mouId, quarter: '3', body: 'Terlalu awal' }, 'k1')).status).toBe(
      400,
    )
    const res = await post(
      own(),
      { intent: 'report', mou: mouId, quarter: '1', body: 'Sarana air di dua desa selesai.' },
      'k1',
    )
    expect(res.status).toBe(302)
    expect((await mails('mou.reportSubmitted')).map((m) => m.to_email)).toContain('bappeda.kalbar@demo.winner.id')
    expect((await post(own(), { intent: 'report', mou: mouId, quarter: '1', body: 'Lagi' }, 'k1')).status).toBe(409)
  })

  it('is returned only with a comment, written again, then accepted', async () => {
    const report = await owner(
      async (db) => (await db.selectFrom('mou_reports').select('id').executeTakeFirstOrThrow()).id,
    )
    const bare = await post(`${KB}/${mouId}`, { intent: 'review', report, decision: 'return' }, 'admin')
    expect(bare.status).toBe(400)
    expect(bare.body).toContain('Tulis catatan saat mengembalikan laporan.')
    const back = await post(
      `${KB}/${mouId}`,
      { intent: 'review', report, decision: 'return', comment: 'Lampirkan jumlah warga yang terlayani.' },
      'admin',
    )
    expect(back.status).toBe(302)
    expect(await mails('mou.reportReturned')).toHaveLength(1)
    const page = await get(own(), 'k1')
    expect(page.body).toContain('Lampirkan jumlah warga yang terlayani.')
    expect(page.body).toContain('Laporan ini dikembalikan')
    const again = await post(
      own(),
      { intent: 'report', mou: mouId, quarter: '1', body: 'Dua desa, 240 warga terlayani.' },
      'k1',
    )
    expect(again.status).toBe(302)
    expect((await post(`${KB}/${mouId}`, { intent: 'review', report, decision: 'accept' }, 'admin')).status).toBe(302)
    expect((await post(`${KB}/${mouId}`, { intent: 'review', report, decision: 'accept' }, 'admin')).status).toBe(409)
    const row = await owner((db) => db.selectFrom('mou_reports').selectAll().executeTakeFirstOrThrow())
    expect(row.status).toBe('accepted')
    expect(row.body).toBe('Dua desa, 240 warga terlayani.')
    expect(await audits('mou.reportAccepted')).toBe(1)
    expect(await audits('mou.reportReturned')).toBe(1)
  })
})

describe('expiry reminders', () => {
  const endIn = (days: number) =>
    owner((db) =>
      withTenant(db, { provinceId: kalbar.province.id }, (trx) =>
        trx
          .updateTable('mous')
          .set({ ends_on: addDays(today, days) })
          .where('id', '=', mouId)
          .execute(),
      ),
    )
  const sent = () => mails('mou.expiryReminder')

  it('sends nothing more than 60 days ahead, then one mail per person and threshold, once', async () => {
    await endIn(61)
    expect(await sendMouReminders(t.db, now, 'http://localhost')).toBe(0)
    await endIn(20)
    // The venture and Kalbar's Bappeda admin; a second and third sweep send nothing.
    const first = await sendMouReminders(t.db, now, 'http://localhost')
    expect(first).toBeGreaterThanOrEqual(2)
    expect(await sendMouReminders(t.db, now, 'http://localhost')).toBe(0)
    expect(await sendMouReminders(t.db, now, 'http://localhost')).toBe(0)
    const mailsNow = await sent()
    expect(mailsNow).toHaveLength(first)
    expect(mailsNow.map((m) => m.to_email)).toContain(K[0]?.applicant.email)
    expect(mailsNow[0]?.subject).toContain('30 hari')
    const rows = await owner((db) => db.selectFrom('mou_reminders').select('days_before').execute())
    expect(rows.map((r) => r.days_before)).toEqual([30])
  })

  it('sends the 7-day reminder when its day comes, once', async () => {
    await endIn(7)
    const next = await sendMouReminders(t.db, now, 'http://localhost')
    expect(next).toBeGreaterThanOrEqual(2)
    expect(await sendMouReminders(t.db, now, 'http://localhost')).toBe(0)
    const rows = await owner((db) =>
      db.selectFrom('mou_reminders').select('days_before').orderBy('days_before').execute(),
    )
    expect(rows.map((r) => r.days_before)).toEqual([7, 30])
  })
})

describe('the national figures', () => {
  /** The cells of a province's row on /national/mous, as text. */
  const rowOf = (body: string, slug: string) => {
    const row = new RegExp(`<tr><th scope="row"><a [^>]*href="/p/${slug}/manage/mous">[^<]*</a></th>(.*?)</tr>`).exec(
      body,
    )
    return [...(row?.[1] ?? '').matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1])
  }

  it("counts every province's MoUs by stage, as the database holds them, for the ministry and ERAT only", async () => {
    const held = await owner((db) =>
      db.selectFrom('mous').select(['province_id', 'status']).where('province_id', '=', kalbar.province.id).execute(),
    )
    expect(held.length).toBeGreaterThan(0)
    const waiting = await owner((db) =>
      db
        .selectFrom('mou_reports')
        .select('id')
        .where('province_id', '=', kalbar.province.id)
        .where('status', '=', 'submitted')
        .execute(),
    )
    const deliverables = await owner((db) =>
      db.selectFrom('mou_deliverables').select('done_at').where('province_id', '=', kalbar.province.id).execute(),
    )
    const statuses = ['draft', 'negotiated', 'signed', 'active', 'completed', 'expired', 'terminated']
    const expected = [
      String(held.length),
      ...statuses.map((s) => String(held.filter((m) => m.status === s).length)),
      String(waiting.length),
      `${deliverables.filter((d) => d.done_at !== null).length} dari ${deliverables.length}`,
    ]
    for (const as of ['ministry', 'erat']) {
      const page = await get('/national/mous', as)
      expect(page.status).toBe(200)
      expect(rowOf(page.body, 'kalbar')).toEqual(expected)
      // A province without MoUs is listed with zeros; the empty state is for the whole country.
      expect(rowOf(page.body, 'banten')[0]).toBe('0')
      expect(page.body).not.toContain('Belum ada provinsi yang memulai MoU.')
    }
    expect((await get('/national', 'ministry')).body).toContain('href="/national/mous"')
    expect((await get('/national/mous', 'admin')).status).toBe(403)
  })
})
