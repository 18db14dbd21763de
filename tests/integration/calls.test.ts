import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoAccounts } from '#db/seed/demo-accounts.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// Calls for applications through the built app, in the 2023 edition (1 Oct 2022 –
// 30 Sep 2023): local times in and out (Sulsel is WITA, Kalbar WIB), the date rules,
// the opening checklist, publishing, extensions with their audit entries and mails,
// the public portal, and isolation between provinces.

let t: TestDatabase
let sulsel: Record<string, string>
let kalbar: Record<string, string>
let ministry: Record<string, string>
const ids = { sulsel: '', kalbar: '', edition: '', sulselCall: '', kalbarCall: '', sulselIssue: '' }
const invalidated: (string | undefined)[] = []

// During Sulsel's call (6–20 Feb 2023 WITA), and after it.
const during = new Date('2023-02-15T00:00:00Z')
const afterClose = new Date('2023-03-01T00:00:00Z')

const callFields = {
  intent: 'create',
  opens_at: '2023-02-06T00:00',
  closes_at: '2023-02-20T23:59',
  eligibility_id: 'Warga negara Indonesia berusia 18–40 tahun.',
  eligibility_en: 'Indonesian citizens aged 18–40.',
  faq_id: 'Apakah gratis?\nYa, pendaftaran tidak dipungut biaya.',
  faq_en: 'Is it free?\nYes, registration is free of charge.',
  max_applications: '2',
  helpdesk_phone: '+62 411 123456',
  helpdesk_whatsapp: '0812-3456-7890',
  helpdesk_email: 'winner@sulselprov.example.id',
}

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seedDemoAccounts(db))
  const signIn = (email: string) => signedIn(t.db, email)
  sulsel = await signIn('bappeda.sulsel@demo.winner.id')
  kalbar = await signIn('bappeda.kalbar@demo.winner.id')
  ministry = await signIn('ministry@demo.winner.id')
  await t.asOwner(async (db) => {
    const province = async (slug: string) =>
      (await db.selectFrom('provinces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
    ids.sulsel = await province('sulsel')
    ids.kalbar = await province('kalbar')
    ids.edition = (await db.selectFrom('editions').select('id').where('slug', '=', '2023').executeTakeFirstOrThrow()).id
    // The Sulsel applicant reads English, so the extension mail must come in English.
    await db.updateTable('users').set({ locale: 'en' }).where('email', '=', 'applicant.sulsel@demo.winner.id').execute()
  })
})
afterAll(() => t.close())

const post = (path: string, fields: Record<string, string>, headers: Record<string, string>, now = during) =>
  postForm(path, fields, { db: t.db, headers, now, invalidated })
const page = async (path: string, headers: Record<string, string> = {}, now = during) => {
  const res = await request(path, { db: t.db, headers, now })
  return { status: res.status, body: await res.text() }
}
const callRow = (id: string) =>
  t.asOwner((db) => db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
const auditOf = (objectId: string) =>
  t.asOwner((db) =>
    db
      .selectFrom('audit_log')
      .select(['action', 'province_id', 'details'])
      .where('object_id', '=', objectId)
      .orderBy('id')
      .execute(),
  )

describe('creating and editing a call in the province time zone', () => {
  it('stores the exact instants: 20 Feb 2023 23:59 in Makassar is 15:59 UTC', async () => {
    const res = await post('/p/sulsel/manage/calls', callFields, sulsel)
    expect(res.status).toBe(302)
    const location = res.headers.get('location') ?? ''
    expect(location).toMatch(/^\/p\/sulsel\/manage\/calls\/[0-9a-f-]{36}\?created=1$/)
    ids.sulselCall = location.split('/').at(-1)?.split('?')[0] ?? ''
    const row = await callRow(ids.sulselCall)
    expect(row).toMatchObject({
      province_id: ids.sulsel,
      edition_id: ids.edition,
      status: 'draft',
      max_applications: 2,
      helpdesk_whatsapp: '0812-3456-7890',
      eligibility_en: 'Indonesian citizens aged 18–40.',
    })
    const utc = await t.asOwner((db) =>
      sql<{ opens: string; closes: string }>`select to_char(opens_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as opens,
        to_char(closes_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as closes from calls where id = ${ids.sulselCall}`.execute(
        db,
      ),
    )
    expect(utc.rows[0]).toEqual({ opens: '2023-02-05 16:00', closes: '2023-02-20 15:59' })
    expect((await auditOf(ids.sulselCall)).map((a) => a.action)).toEqual(['call.created'])
    // Drafts are not public: nothing to refresh on the portal.
    expect(invalidated).toEqual([])

    // The edit page shows the local times again, labelled WITA.
    const edit = await page(`/p/sulsel/manage/calls/${ids.sulselCall}?created=1`, sulsel)
    expect(edit.status).toBe(200)
    expect(edit.body).toContain('value="2023-02-20T23:59"')
    expect(edit.body).toContain('Ditutup (WITA)')
    expect(edit.body).toContain('Periode pendaftaran disimpan sebagai draf.')
  })

  it('refuses closing before opening with a localised 400 that keeps what was typed', async () => {
    const res = await post(
      '/p/sulsel/manage/calls',
      { ...callFields, opens_at: '2023-03-20T08:00', closes_at: '2023-03-10T17:00' },
      sulsel,
    )
    expect(res.status).toBe(400)
    const body = await res.text()
    expect(body).toContain('Penutupan harus setelah pembukaan.')
    expect(body).toContain('value="2023-03-20T08:00"')
    expect(body).toContain('value="2023-03-10T17:00"')
    expect(body).toContain('Warga negara Indonesia berusia 18–40 tahun.')
    const en = await post(
      '/p/sulsel/manage/calls?lng=en',
      { ...callFields, opens_at: '2023-03-20T08:00', closes_at: '2023-03-10T17:00' },
      sulsel,
    )
    expect(en.status).toBe(400)
    expect(await en.text()).toContain('The closing must come after the opening.')
  })

  it('refuses a call outside the edition period and one overlapping another call of the province', async () => {
    const outside = await post(
      '/p/sulsel/manage/calls',
      { ...callFields, opens_at: '2023-09-20T00:00', closes_at: '2023-10-01T00:00' },
      sulsel,
    )
    expect(outside.status).toBe(400)
    const outsideBody = await outside.text()
    expect(outsideBody).toContain('Periode pendaftaran harus berada dalam periode edisi.')
    expect(outsideBody).toContain('value="2023-10-01T00:00"')
    // The last minute of the edition (30 Sep 23:59 WITA) is inside; it is the overlap that refuses this one.
    const overlap = await post(
      '/p/sulsel/manage/calls',
      { ...callFields, opens_at: '2023-02-20T23:59', closes_at: '2023-03-05T23:59' },
      sulsel,
    )
    expect(overlap.status).toBe(400)
    expect(await overlap.text()).toContain('Tumpang tindih dengan periode pendaftaran lain di provinsi ini.')
    const count = await t.asOwner((db) =>
      db
        .selectFrom('calls')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('province_id', '=', ids.sulsel)
        .executeTakeFirstOrThrow(),
    )
    expect(Number(count.n)).toBe(1)
  })

  it('edits a draft: the dates move, the change is audited', async () => {
    const res = await post(
      `/p/sulsel/manage/calls/${ids.sulselCall}`,
      { ...callFields, intent: 'save', closes_at: '2023-02-21T23:59' },
      sulsel,
    )
    expect(res.status).toBe(200)
    expect((await callRow(ids.sulselCall)).closes_at.toISOString()).toBe('2023-02-21T15:59:00.000Z')
    const back = await post(`/p/sulsel/manage/calls/${ids.sulselCall}`, { ...callFields, intent: 'save' }, sulsel)
    expect(back.status).toBe(200)
    expect((await callRow(ids.sulselCall)).closes_at.toISOString()).toBe('2023-02-20T15:59:00.000Z')
    const audits = await auditOf(ids.sulselCall)
    expect(audits.map((a) => a.action)).toEqual(['call.created', 'call.updated', 'call.updated'])
    expect(audits[1]?.details).toMatchObject({
      before: { closesAt: '2023-02-20T15:59:00.000Z' },
      after: { closesAt: '2023-02-21T15:59:00.000Z' },
    })
  })
})

describe('the opening checklist', () => {
  it('shows what Sulsel still lacks and refuses to publish until it is complete', async () => {
    const checklist = await page('/p/sulsel/manage/checklist', sulsel)
    expect(checklist.status).toBe(200)
    expect(checklist.body).toMatch(/data-item="publishedIssue"[^>]*>.*?belum ada/)
    expect(checklist.body).toMatch(/data-item="reviewer"[^>]*>.*?terpenuhi \(1\)/)
    expect(checklist.body).toContain('Masih kurang 1 butir: pendaftaran belum dapat dibuka.')

    const refused = await post(`/p/sulsel/manage/calls/${ids.sulselCall}`, { intent: 'publish' }, sulsel)
    expect(refused.status).toBe(409)
    const body = await refused.text()
    expect(body).toContain('Belum dapat diterbitkan. Yang masih kurang:')
    expect(body).toContain('Isu strategis yang terbit.')
    const en = await post(`/p/sulsel/manage/calls/${ids.sulselCall}?lng=en`, { intent: 'publish' }, sulsel)
    expect(await en.text()).toContain('Cannot be published yet. Still missing: Published strategic issue.')
    expect((await callRow(ids.sulselCall)).status).toBe('draft')
    // The portal knows nothing of a draft.
    expect((await page('/p/sulsel')).body).toContain('Jadwal pendaftaran belum diumumkan')
  })

  it('publishes once a published issue exists; the portal cache is dropped', async () => {
    ids.sulselIssue = await t.asOwner(async (db) => {
      const opds = await db
        .selectFrom('opds')
        .select(['id', 'short_name'])
        .where('province_id', '=', ids.sulsel)
        .orderBy('short_name')
        .execute()
      const national = await db
        .selectFrom('national_issues')
        .select('id')
        .where('code', '=', 'stunting-mch')
        .executeTakeFirstOrThrow()
      const issue = await db
        .insertInto('province_issues')
        .values({
          province_id: ids.sulsel,
          edition_id: ids.edition,
          national_issue_id: national.id,
          lead_opd_id: opds[0]?.id as string,
          title_id: 'Percepatan penurunan stunting',
          title_en: 'Faster stunting reduction',
          status: 'published',
          validated_on: '2023-01-10',
          validation_place: 'Makassar',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .insertInto('issue_indicators')
        .values([
          {
            province_id: ids.sulsel,
            issue_id: issue.id,
            name_id: 'Prevalensi stunting balita',
            name_en: 'Stunting prevalence under five',
            value: '27.2',
            unit: '%',
            year: 2022,
            source: 'SSGI 2022',
            position: 1,
          },
          {
            province_id: ids.sulsel,
            issue_id: issue.id,
            name_id: 'Balita yang ditimbang',
            name_en: 'Children under five weighed',
            value: '1234567',
            unit: 'anak',
            year: 2022,
            source: 'Dinkes (demo)',
            position: 2,
          },
        ])
        .execute()
      if (opds[1]) {
        await db
          .insertInto('issue_supporting_opds')
          .values({ province_id: ids.sulsel, issue_id: issue.id, opd_id: opds[1].id })
          .execute()
      }
      return issue.id
    })
    const checklist = await page('/p/sulsel/manage/checklist', sulsel)
    expect(checklist.body).toContain('Semua butir terpenuhi: periode pendaftaran dapat diterbitkan.')

    const res = await post(`/p/sulsel/manage/calls/${ids.sulselCall}`, { intent: 'publish' }, sulsel)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/p/sulsel/manage/calls/${ids.sulselCall}?published=1`)
    expect((await callRow(ids.sulselCall)).status).toBe('published')
    expect(invalidated).toContain('sulsel')
    expect((await auditOf(ids.sulselCall)).map((a) => a.action).at(-1)).toBe('call.published')
    // Sent twice (a double click): nothing more happens.
    expect((await post(`/p/sulsel/manage/calls/${ids.sulselCall}`, { intent: 'publish' }, sulsel)).status).toBe(302)
    expect((await auditOf(ids.sulselCall)).filter((a) => a.action === 'call.published')).toHaveLength(1)
  })

  it('fixes the dates of a published call once it has opened', async () => {
    const res = await post(
      `/p/sulsel/manage/calls/${ids.sulselCall}`,
      { ...callFields, intent: 'save', opens_at: '2023-02-07T00:00' },
      sulsel,
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Pendaftaran sudah dibuka: tanggal tidak dapat diubah lagi')
    // Details may still change.
    const ok = await post(
      `/p/sulsel/manage/calls/${ids.sulselCall}`,
      { ...callFields, intent: 'save', helpdesk_email: 'helpdesk@sulselprov.example.id' },
      sulsel,
    )
    expect(ok.status).toBe(200)
    expect((await callRow(ids.sulselCall)).helpdesk_email).toBe('helpdesk@sulselprov.example.id')
  })
})

describe('the public portal', () => {
  it('shows the open call with its details, the apply link, baseline data and the timeline, in both languages', async () => {
    await t.asOwner(async (db) => {
      const phase = await db
        .selectFrom('phase_provinces')
        .select('phase_id')
        .where('edition_id', '=', ids.edition)
        .where('province_id', '=', ids.sulsel)
        .executeTakeFirstOrThrow()
      // Replace the seeded timeline with one this test controls.
      await db.deleteFrom('milestones').where('phase_id', '=', phase.phase_id).execute()
      await db
        .insertInto('milestones')
        .values([
          {
            edition_id: ids.edition,
            phase_id: phase.phase_id,
            kind: 'final_night',
            starts_on: '2023-08-15',
            ends_on: null,
            note: null,
          },
          {
            edition_id: ids.edition,
            phase_id: phase.phase_id,
            kind: 'registration_open',
            starts_on: '2023-02-06',
            ends_on: '2023-02-20',
            note: null,
          },
          {
            edition_id: ids.edition,
            phase_id: phase.phase_id,
            kind: 'fgd_validation',
            starts_on: '2023-01-10',
            ends_on: null,
            note: 'Makassar',
          },
        ])
        .execute()
    })
    const id = await page('/p/sulsel')
    expect(id.status).toBe(200)
    expect(id.body).toContain('Pendaftaran dibuka — ditutup 20 Feb 2023, 23.59 WITA')
    expect(id.body).toContain('<a href="/p/sulsel/register" class="button">Daftar sekarang</a>')
    expect(id.body).toContain('Warga negara Indonesia berusia 18–40 tahun.')
    expect(id.body).toMatch(/Apakah gratis\?<\/span><span><br\/>Ya, pendaftaran tidak dipungut biaya\./)
    expect(id.body).toContain('paling banyak 2 proposal')
    expect(id.body).toContain('href="https://wa.me/6281234567890"')
    expect(id.body).toContain('Prevalensi stunting balita: 27,2 % (2022, sumber: SSGI 2022)')
    expect(id.body).toContain('Balita yang ditimbang: 1.234.567 anak')
    expect(id.body).toContain('OPD pendukung:')
    const fgd = id.body.indexOf('Validasi isu (FGD)')
    const open = id.body.indexOf(
      'Pendaftaran dibuka</strong> <time dateTime="2023-02-06">6 Februari 2023 – 20 Februari 2023</time>',
    )
    const final = id.body.indexOf('Final Night di Jakarta')
    expect(fgd).toBeGreaterThan(0)
    expect(open).toBeGreaterThan(fgd)
    expect(final).toBeGreaterThan(open)
    expect(id.body).not.toContain('<script')

    const en = await page('/p/sulsel?lng=en')
    expect(en.body).toContain('Open — closes 20 Feb 2023, 23:59 WITA')
    expect(en.body).toContain('>Apply now</a>')
    expect(en.body).toContain('Indonesian citizens aged 18–40.')
    expect(en.body).toContain('Stunting prevalence under five: 27.2 % (2022, source: SSGI 2022)')
    expect(en.body).toContain(
      'Registration opens</strong> <time dateTime="2023-02-06">6 February 2023 – 20 February 2023</time>',
    )
    expect(en.body).toContain('Final Night in Jakarta')

    const home = await page('/')
    expect(home.body).toMatch(
      /Sulawesi Selatan<\/a><span class="call call-open">Pendaftaran dibuka — ditutup 20 Feb 2023, 23\.59 WITA/,
    )
  })

  it('offers no apply link before the call opens or after it closes', async () => {
    const before = await page('/p/sulsel', {}, new Date('2023-02-02T16:00:00Z'))
    expect(before.body).toContain('Dibuka dalam 3 hari')
    expect(before.body).not.toContain('/p/sulsel/register')
    const after = await page('/p/sulsel', {}, afterClose)
    expect(after.body).toContain('Pendaftaran ditutup 20 Feb 2023, 23.59 WITA')
    expect(after.body).not.toContain('/p/sulsel/register')
  })
})

describe('extending a call', () => {
  it('moves the closing later before it closes, audits both instants and mails the province applicants only', async () => {
    const res = await post(
      `/p/sulsel/manage/calls/${ids.sulselCall}`,
      { intent: 'extend', closes_at: '2023-02-27T23:59' },
      sulsel,
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/p/sulsel/manage/calls/${ids.sulselCall}?extended=1`)
    expect((await callRow(ids.sulselCall)).closes_at.toISOString()).toBe('2023-02-27T15:59:00.000Z')
    const extended = (await auditOf(ids.sulselCall)).filter((a) => a.action === 'call.extended')
    expect(extended).toHaveLength(1)
    expect(extended[0]).toMatchObject({
      province_id: ids.sulsel,
      details: { previousClosesAt: '2023-02-20T15:59:00.000Z', closesAt: '2023-02-27T15:59:00.000Z' },
    })
    const mails = await t.asOwner((db) =>
      db
        .selectFrom('mail_outbox')
        .select(['to_email', 'locale', 'subject', 'body_text'])
        .where('template', '=', 'callExtended')
        .execute(),
    )
    expect(mails.map((m) => m.to_email)).toEqual(['applicant.sulsel@demo.winner.id'])
    expect(mails[0]?.locale).toBe('en')
    expect(mails[0]?.subject).toBe('WiNNER registration in Sulawesi Selatan extended')
    expect(mails[0]?.body_text).toContain(
      'Registration now closes 27 Feb 2023, 23:59 WITA (previously 20 Feb 2023, 23:59 WITA)',
    )
    expect(mails[0]?.body_text).toContain('http://localhost/p/sulsel')
    expect((await page('/p/sulsel')).body).toContain('ditutup 27 Feb 2023, 23.59 WITA')
  })

  it('refuses a closing that is not later, and any extension once the call has closed', async () => {
    const earlier = await post(
      `/p/sulsel/manage/calls/${ids.sulselCall}`,
      { intent: 'extend', closes_at: '2023-02-25T23:59' },
      sulsel,
    )
    expect(earlier.status).toBe(400)
    const earlierBody = await earlier.text()
    expect(earlierBody).toContain('Penutupan baru harus setelah penutupan saat ini.')
    expect(earlierBody).toContain('value="2023-02-25T23:59"')
    const late = await post(
      `/p/sulsel/manage/calls/${ids.sulselCall}`,
      { intent: 'extend', closes_at: '2023-03-10T23:59' },
      sulsel,
      afterClose,
    )
    expect(late.status).toBe(409)
    expect(await late.text()).toContain('Pendaftaran sudah ditutup dan tidak dapat diperpanjang lagi.')
    expect((await callRow(ids.sulselCall)).closes_at.toISOString()).toBe('2023-02-27T15:59:00.000Z')
    const mails = await t.asOwner((db) =>
      db.selectFrom('mail_outbox').select('id').where('template', '=', 'callExtended').execute(),
    )
    expect(mails).toHaveLength(1)
  })
})

describe('isolation between provinces', () => {
  beforeAll(async () => {
    const res = await post(
      '/p/kalbar/manage/calls',
      { ...callFields, opens_at: '2023-04-01T00:00', closes_at: '2023-04-15T23:59' },
      kalbar,
    )
    expect(res.status).toBe(302)
    ids.kalbarCall = res.headers.get('location')?.split('/').at(-1)?.split('?')[0] ?? ''
    // Kalbar is WIB: 23:59 there is 16:59 UTC.
    expect((await callRow(ids.kalbarCall)).closes_at.toISOString()).toBe('2023-04-15T16:59:00.000Z')
  })

  it("Sulsel's admin gets 404 for Kalbar's call pages", async () => {
    for (const path of [
      '/p/kalbar/manage/calls',
      `/p/kalbar/manage/calls/${ids.kalbarCall}`,
      '/p/kalbar/manage/checklist',
    ]) {
      expect((await page(path, sulsel)).status, path).toBe(404)
    }
    expect((await page(`/p/sulsel/manage/calls/${ids.kalbarCall}`, sulsel)).status).toBe(404)
  })

  it("Sulsel's admin gets 404 posting Kalbar's call id through Sulsel's URLs, and nothing changes", async () => {
    const before = await callRow(ids.kalbarCall)
    const url = `/p/sulsel/manage/calls/${ids.kalbarCall}`
    const attempts: Record<string, string>[] = [
      { intent: 'publish' },
      { intent: 'delete' },
      { intent: 'extend', closes_at: '2023-04-20T23:59' },
      { ...callFields, intent: 'save', opens_at: '2023-05-01T00:00', closes_at: '2023-05-02T00:00' },
      { intent: 'save' },
    ]
    for (const fields of attempts) {
      expect((await post(url, fields, sulsel)).status, fields.intent).toBe(404)
    }
    expect((await post(`/p/kalbar/manage/calls/${ids.kalbarCall}`, { intent: 'publish' }, sulsel)).status).toBe(404)
    expect(await callRow(ids.kalbarCall)).toEqual(before)
  })

  it('the ministry reads every province but changes nothing', async () => {
    expect((await page(`/p/kalbar/manage/calls/${ids.kalbarCall}`, ministry)).status).toBe(200)
    expect((await page('/p/kalbar/manage/checklist', ministry)).status).toBe(200)
    expect((await post(`/p/kalbar/manage/calls/${ids.kalbarCall}`, { intent: 'publish' }, ministry)).status).toBe(403)
  })

  it('Kalbar deletes its own draft; a published call cannot be deleted', async () => {
    const published = await post(`/p/sulsel/manage/calls/${ids.sulselCall}`, { intent: 'delete' }, sulsel)
    expect(published.status).toBe(409)
    expect(await published.text()).toContain('Periode yang sudah terbit tidak dapat dihapus.')
    const res = await post(`/p/kalbar/manage/calls/${ids.kalbarCall}`, { intent: 'delete' }, kalbar)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/p/kalbar/manage/calls')
    expect((await auditOf(ids.kalbarCall)).map((a) => a.action)).toEqual(['call.created', 'call.deleted'])
  })
})
