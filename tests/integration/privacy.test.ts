import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, saveVenture } from '#app/modules/applications/ventures.server.ts'
import { deliverPending } from '#app/modules/notifications/mail-delivery.server.ts'
import { sendPrivacyReminders } from '#app/modules/privacy/privacy.server.ts'
import { LEGAL_DEADLINE_MS } from '#app/modules/privacy/privacy-rules.ts'
import { applyRetention } from '#app/modules/privacy/retention.server.ts'
import { DAY_MS } from '#app/modules/privacy/retention.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { seedConsentNotices } from '#db/seed/consent.ts'
import { demoPdf } from '#db/seed/demo-pdf.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { createMember } from '#tests/factories/selection.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Issue 17, privacy under UU No. 27/2022, through the built app: the privacy page from the
// notice in force; an applicant downloads, corrects consents and asks for erasure; a
// Bappeda never sees the privacy officer's queue; the ministry appoints an officer, who
// is reminded before the 3 × 24 h deadline and grants the erasure; afterwards no erased
// value is readable in any text or jsonb column of any table; the retention job and
// breach drafts (drill and real) work and are audited.

let t: TestDatabase
const seededAt = new Date()
type Headers = { Cookie: string }
const who: Record<string, Headers> = {}
let fx: Awaited<ReturnType<typeof provinceFixture>>
let alice: { id: string; email: string }
let bob: { id: string; email: string }
let carol: { id: string; email: string }
let ministryId = ''
let submittedId = ''

const ALICE = {
  name: 'Ratna Kusumawati Privasi',
  phone: '+62 812 7788 9911',
  address: 'Jalan Melati Privasi No. 17, Pontianak',
  venture: 'Koperasi Air Bening Privasi',
  member: 'Yohana Anggota Rahasia',
  website: 'https://air-bening-privasi.example.id',
}
const ALICE_WHATSAPP = '+6281377712345'

const get = async (path: string, as: string, now = seededAt) => {
  const res = await request(path, { db: t.db, headers: who[as] ?? {}, now })
  return { status: res.status, body: await res.text(), location: res.headers.get('location'), headers: res.headers }
}
const post = async (path: string, fields: Record<string, string>, as: string, now = seededAt) => {
  const res = await postForm(path, fields, { db: t.db, headers: who[as] ?? {}, now })
  return { status: res.status, location: res.headers.get('location'), body: await res.text() }
}

async function startAndFill(as: string): Promise<string> {
  const res = await post('/p/kalbar/apply', { issue_id: fx.issues[0]?.id ?? '' }, as)
  expect(res.status).toBe(302)
  const id = res.location?.split('/')[4] ?? ''
  await t.asOwner((db) =>
    withTenant(db, { provinceId: fx.province.id }, async (trx) => {
      await trx
        .updateTable('applications')
        .set({
          problem: 'Air bersih sulit di desa.',
          solution: 'Penyaring air komunal.',
          novelty: 'Dikelola koperasi warga.',
          beneficiaries: 'Warga desa.',
          beneficiaries_count: 900,
          business_model: 'Iuran bulanan.',
          revenue: 'Iuran dan penjualan galon.',
          impact: 'Diare anak turun.',
          collaboration_opd: 'Dinas Kesehatan.',
          collaboration_private: 'Toko bangunan.',
          budget: 'Rp90 juta.',
          funding_so_far: 'Dana sendiri.',
        })
        .where('id', '=', id)
        .execute()
      await trx
        .insertInto('application_indicators')
        .values(
          ['Rumah terlayani', 'Kasus diare'].map((name, i) => ({
            province_id: fx.province.id,
            application_id: id,
            name,
            baseline: '0',
            target: '300',
            unit: 'rumah',
            position: i + 1,
          })),
        )
        .execute()
    }),
  )
  return id
}

async function uploadProposal(applicationId: string, as: string) {
  const body = new FormData()
  body.append('intent', 'upload')
  body.append('kind', 'proposal')
  body.append(
    'file',
    new File([new Uint8Array(demoPdf(['Proposal']))], 'proposal-ratna.pdf', { type: 'application/pdf' }),
  )
  const res = await request(`/p/kalbar/apply/${applicationId}/attachments`, {
    db: t.db,
    now: seededAt,
    headers: { ...who[as], Origin: 'http://localhost', Host: 'localhost' },
    init: { method: 'POST', body },
  })
  expect(res.status).toBe(302)
}

/** Every (table, column) of type text, varchar or jsonb in the public schema whose value contains `needle`. */
async function whereFound(needle: string): Promise<string[]> {
  return t.asOwner(async (db) => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'character')`.execute(db)
    const hits: string[] = []
    for (const { table_name, column_name } of columns.rows) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}
        where strpos(lower(${sql.ref(column_name)}::text), lower(${needle})) > 0`.execute(db)
      if ((rows[0]?.n ?? 0) > 0) hits.push(`${table_name}.${column_name}`)
    }
    return hits
  })
}

beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  await t.asOwner((db) => seedConsentNotices(db))
  fx = await t.asOwner((db) => provinceFixture(db, 'kalbar'))
  await t.asOwner((db) => db.updateTable('calls').set({ max_applications: 2 }).where('id', '=', fx.callId).execute())
  alice = await t.asOwner((db) =>
    createMember(db, fx.province.id, 'applicant', { name: ALICE.name, email: 'ratna.privasi@fixture.example.id' }),
  )
  await t.asOwner((db) => db.updateTable('users').set({ phone: ALICE.phone }).where('id', '=', alice.id).execute())
  bob = await t.asOwner((db) => createMember(db, fx.province.id, 'applicant', { name: 'Budi Pendaftar Lain' }))
  carol = await t.asOwner((db) => createMember(db, fx.province.id, 'applicant', { name: 'Citra Hanya Draf' }))
  who.alice = await signedIn(t.db, alice.email)
  who.bob = await signedIn(t.db, bob.email)
  who.carol = await signedIn(t.db, carol.email)
  who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')
  ministryId = await t.asOwner(
    async (db) =>
      (
        await db
          .selectFrom('users')
          .select('id')
          .where('email', '=', 'ministry@demo.winner.id')
          .executeTakeFirstOrThrow()
      ).id,
  )

  const actor = { provinceId: fx.province.id, userId: alice.id, ip: null, now: seededAt }
  await saveVenture(t.db, actor, {
    intent: 'save',
    name: ALICE.venture,
    legal_form: 'koperasi',
    stage: 'idea',
    address: ALICE.address,
    website: ALICE.website,
  })
  await addMember(t.db, actor, {
    intent: 'addMember',
    name: ALICE.member,
    role: 'Bendahara',
    gender: 'female',
    age_band: '25_34',
  })
  for (const [user, name] of [
    [bob, 'Usaha Budi'],
    [carol, 'Usaha Citra'],
  ] as const) {
    await saveVenture(
      t.db,
      { ...actor, userId: user.id },
      { intent: 'save', name, legal_form: 'individual', stage: 'idea' },
    )
  }
  submittedId = await startAndFill('alice')
  await uploadProposal(submittedId, 'alice')
  const submitted = await post(
    `/p/kalbar/apply/${submittedId}/submit`,
    { consent: 'on', consent_version: '1', application: submittedId },
    'alice',
  )
  expect(submitted.status).toBe(302)
  // A second application left as a draft, and form input rescued after an expired session.
  await startAndFill('alice')
  await t.asOwner((db) =>
    db
      .insertInto('form_rescues')
      .values({
        token_hash: 'a'.repeat(64),
        path: '/p/kalbar/apply/profile',
        payload: JSON.stringify([['name', ALICE.member]]),
        expires_at: new Date(seededAt.getTime() + DAY_MS),
      })
      .execute(),
  )
}, 120_000)

afterAll(() => t?.close())

describe('the privacy page', () => {
  it('is generated from the notice in force, in both languages, and linked from the footer and registration', async () => {
    const id = await get('/privacy?lng=id', 'anonymous')
    expect(id.status).toBe(200)
    expect(id.body).toContain('Siapa kami')
    expect(id.body).toContain('JIPPNas')
    expect(id.body).toContain('versi 1')
    const en = await get('/privacy?lng=en', 'anonymous')
    expect(en.body).toContain('Who we are')
    expect(en.body).toContain('Who receives your data')
    expect(en.body).toContain('90 days')
    expect(en.body).not.toContain('<script')
    const register = await get('/register?lng=en', 'anonymous')
    expect(register.body).toContain('href="/privacy"')
    expect((await get('/?lng=en', 'anonymous')).body).toContain('href="/privacy"')
  })
})

describe('self-service', () => {
  it('downloads all of the user data as JSON, and nobody else data', async () => {
    const res = await get('/account/data.json', 'alice')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('attachment')
    const data = JSON.parse(res.body)
    expect(data.account).toMatchObject({ name: ALICE.name, email: alice.email, phone: ALICE.phone })
    expect(data.ventures[0]).toMatchObject({ name: ALICE.venture, address: ALICE.address })
    expect(data.ventures[0].team.map((m: { name: string }) => m.name)).toEqual([ALICE.member])
    const submitted = data.applications.find((a: { id: string }) => a.id === submittedId)
    expect(submitted.status).toBe('submitted')
    expect(submitted.consent.version).toBe(1)
    expect(submitted.ventureAsSubmitted.team[0].name).toBe(ALICE.member)
    expect(submitted.files).toHaveLength(1)
    expect(submitted.files[0].name).toBe('proposal-ratna.pdf')
    expect(data.mails.some((m: { template: string }) => m.template === 'applicationSubmitted')).toBe(true)
    expect(data.auditEntries.some((e: { action: string }) => e.action === 'application.submitted')).toBe(true)
    // The listed file downloads through the applicant's existing route.
    const file = await request(submitted.files[0].download, { db: t.db, headers: who.alice ?? {}, now: seededAt })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toContain('application/pdf')
    // Another applicant's download holds none of it.
    const other = await get('/account/data.json', 'bob')
    expect(other.body).not.toContain(ALICE.name)
    expect(other.body).not.toContain(ALICE.member)
    expect(other.body).not.toContain(submittedId)
  })

  it('shows the same data as a readable page', async () => {
    const res = await get('/account/data?lng=en', 'alice')
    expect(res.status).toBe(200)
    expect(res.body).toContain(ALICE.member)
    expect(res.body).toContain(ALICE.address)
    expect(res.body).toContain('proposal-ratna.pdf')
    expect(res.body).toContain('E-mails sent to you')
    expect(res.body).toContain('<dt>Business model</dt>')
    expect(res.body).toContain('Submitted')
    expect(res.body).toContain('Kalimantan Barat')
    expect(res.body).toMatch(/WIB|WITA|WIT/)
    expect(res.body).not.toContain('<script')
    expect((await get('/account?lng=en', 'alice')).body).toContain('href="/account/data.json"')
  })

  it('gives and withdraws the optional consent, audited', async () => {
    expect((await post('/account/privacy', { intent: 'consent', granted: 'yes' }, 'alice')).location).toBe(
      '/account/privacy?done=consentGiven',
    )
    expect((await post('/account/privacy', { intent: 'consent', granted: 'no' }, 'alice')).status).toBe(302)
    const consent = await t.asOwner((db) =>
      db.selectFrom('user_consents').selectAll().where('user_id', '=', alice.id).executeTakeFirstOrThrow(),
    )
    expect(consent.withdrawn_at).not.toBeNull()
    const actions = await t.asOwner((db) =>
      db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_id', '=', alice.id)
        .where('action', 'like', 'privacy.%')
        .execute(),
    )
    expect(actions.map((a) => a.action)).toEqual(['privacy.consent_given', 'privacy.consent_withdrawn'])
    const page = await get('/account/privacy?lng=en', 'alice')
    expect(page.body).toContain('You have not given this consent.')
  })

  it('refuses an unconfirmed erasure with 400 and a bad kind of request likewise', async () => {
    expect((await post('/account/privacy', { intent: 'erase' }, 'alice')).status).toBe(400)
    expect(
      (await post('/account/privacy', { intent: 'request', kind: 'nonsense', details: 'x' }, 'alice')).status,
    ).toBe(400)
  })

  it('erases an account with nothing submitted at once', async () => {
    const draft = await startAndFill('carol')
    const res = await post('/account/privacy', { intent: 'erase', confirm: 'on' }, 'carol')
    expect(res.location).toBe('/privacy?erased=1')
    const row = await t.asOwner((db) =>
      db.selectFrom('users').selectAll().where('id', '=', carol.id).executeTakeFirstOrThrow(),
    )
    expect(row.name).toBe('[erased]')
    expect(row.active).toBe(false)
    expect(await whereFound('Citra Hanya Draf')).toEqual([])
    expect(await whereFound(carol.email)).toEqual([])
    const gone = await t.asOwner((db) => db.selectFrom('applications').select('id').where('id', '=', draft).execute())
    expect(gone).toEqual([])
    // Signed out with it: the session is gone.
    expect((await get('/account', 'carol')).status).toBe(302)
  })
})

describe('the privacy officer queue', () => {
  let requestId = ''

  it('queues the erasure of an account with a submitted application, due 3 × 24 h after receipt', async () => {
    const res = await post(
      '/account/privacy',
      { intent: 'erase', confirm: 'on', details: 'Tolong hapus data saya.' },
      'alice',
    )
    expect(res.location).toBe('/account/privacy?done=erasureQueued')
    const row = await t.asOwner((db) =>
      db.selectFrom('privacy_requests').selectAll().where('user_id', '=', alice.id).executeTakeFirstOrThrow(),
    )
    requestId = row.id
    expect(row.due_at.getTime() - row.received_at.getTime()).toBe(LEGAL_DEADLINE_MS)
    expect((await post('/account/privacy', { intent: 'erase', confirm: 'on' }, 'alice')).status).toBe(409)
  })

  it('is closed to Bappeda and to a ministry account that is no officer', async () => {
    for (const as of ['admin', 'ministry', 'alice']) {
      expect((await get('/national/privacy', as)).status).toBe(403)
      expect((await get(`/national/privacy/requests/${requestId}`, as)).status).toBe(403)
    }
    expect((await get('/national/privacy/officers', 'admin')).status).toBe(403)
    // A user's own page lists their requests only.
    expect((await get('/account/privacy?lng=en', 'bob')).body).toContain('No requests yet.')
  })

  it('lets the ministry appoint an officer, who sees the queue with the deadline in WIB', async () => {
    expect((await post('/national/privacy/officers', { user: alice.id, appointed: 'yes' }, 'ministry')).status).toBe(
      409,
    )
    expect((await post('/national/privacy/officers', { user: ministryId, appointed: 'yes' }, 'ministry')).status).toBe(
      302,
    )
    const desk = await get('/national/privacy?lng=en', 'ministry')
    expect(desk.status).toBe(200)
    expect(desk.body).toContain(ALICE.name)
    expect(desk.body).toContain('WIB')
    expect(desk.body).toContain('72 hours left')
  })

  it('reminds every officer once before the deadline, with the marker in the same transaction', async () => {
    expect(await sendPrivacyReminders(t.db, new Date(seededAt.getTime() + 24 * 3600 * 1000), 'http://localhost')).toBe(
      0,
    )
    const late = new Date(seededAt.getTime() + 50 * 3600 * 1000)
    expect(await sendPrivacyReminders(t.db, late, 'http://localhost')).toBe(1)
    expect(await sendPrivacyReminders(t.db, late, 'http://localhost')).toBe(0)
    const mail = await t.asOwner((db) =>
      db.selectFrom('mail_outbox').selectAll().where('template', '=', 'privacyReminder').executeTakeFirstOrThrow(),
    )
    expect(mail.to_email).toBe('ministry@demo.winner.id')
  })

  it('records the decision with its reason, audits and mails it, then erases; no erased value remains anywhere', async () => {
    // Alice also opted in to WhatsApp and was sent a message there (the messaging module's tables).
    await t.asOwner(async (db) => {
      await db
        .insertInto('messaging_contacts')
        .values({ user_id: alice.id, phone: ALICE_WHATSAPP, status: 'active', verified_at: new Date() })
        .execute()
      await db
        .insertInto('message_outbox')
        .values({
          user_id: alice.id,
          to_phone: ALICE_WHATSAPP,
          template: 'applicationSubmitted',
          locale: 'id',
          body_text: `WiNNER: ${ALICE.name}, pendaftaran Anda diterima.`,
          dedupe_key: `privacy-test-${alice.id}`,
        })
        .execute()
    })
    expect((await post(`/national/privacy/requests/${requestId}`, { decision: 'granted' }, 'ministry')).status).toBe(
      400,
    )
    const res = await post(
      `/national/privacy/requests/${requestId}`,
      { decision: 'granted', reason: 'Permintaan sah menurut UU PDP pasal 8.' },
      'ministry',
    )
    expect(res.location).toBe('/national/privacy?done=decided')
    expect(
      (await post(`/national/privacy/requests/${requestId}`, { decision: 'refused', reason: 'x' }, 'ministry')).status,
    ).toBe(409)
    const request = await t.asOwner((db) =>
      db.selectFrom('privacy_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow(),
    )
    expect(request).toMatchObject({ status: 'granted', decided_by: ministryId })
    const audited = await t.asOwner((db) =>
      db.selectFrom('audit_log').select('action').where('object_id', 'in', [requestId, alice.id]).execute(),
    )
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['privacy.request_decided', 'privacy.erased']))
    // The submitted application stays in the call's record, without the person.
    const kept = await t.asOwner((db) =>
      db
        .selectFrom('applications')
        .select(['status', 'receipt_number'])
        .where('id', '=', submittedId)
        .executeTakeFirstOrThrow(),
    )
    expect(kept.status).toBe('submitted')
    const drafts = await t.asOwner((db) =>
      db
        .selectFrom('applications')
        .select('id')
        .where('applicant_id', '=', alice.id)
        .where('status', '=', 'draft')
        .execute(),
    )
    expect(drafts).toEqual([])
    // The confirmation goes out, then retention clears its address.
    const confirmation = await t.asOwner((db) =>
      db.selectFrom('mail_outbox').selectAll().where('template', '=', 'privacyErasureDone').executeTakeFirstOrThrow(),
    )
    expect(confirmation.to_email).toBe(alice.email)
    expect(confirmation.body_text).toContain('Permintaan sah menurut UU PDP pasal 8.')
    expect(confirmation.body_text).not.toContain(ALICE.name)
    await deliverPending(t.db, { sendMail: async () => ({}) }, 'winner@localhost')
    await applyRetention(t.db, new Date())
    for (const value of [
      ALICE.name,
      alice.email,
      ALICE.phone,
      ALICE.address,
      ALICE.member,
      ALICE.venture,
      ALICE.website,
      ALICE_WHATSAPP,
    ]) {
      expect(await whereFound(value), value).toEqual([])
    }
  })
})

describe('retention', () => {
  it('applies the documented periods and reports the counts to the officer', async () => {
    const bobDraft = await startAndFill('bob')
    const callCloses = fx.callWindow.closesAt
    await t.asOwner(async (db) => {
      const past = new Date(seededAt.getTime() - 60 * DAY_MS)
      await db
        .insertInto('auth_tokens')
        .values({ user_id: bob.id, purpose: 'reset_password', token_hash: 'f'.repeat(64), expires_at: past })
        .execute()
      await db
        .insertInto('sessions')
        .values({ id: 'e'.repeat(64), user_id: bob.id, expires_at: past, absolute_expires_at: past })
        .execute()
      await db
        .insertInto('mail_outbox')
        .values({
          to_email: bob.email,
          to_name: 'Budi',
          template: 'test',
          locale: 'id',
          subject: 's',
          body_text: 'isi lama',
          sent_at: past,
        })
        .execute()
    })
    const later = new Date(new Date(callCloses).getTime() + 91 * DAY_MS)
    const report = await applyRetention(t.db, later)
    expect(report.draftsOfClosedCalls).toBeGreaterThanOrEqual(1)
    expect(report.expiredTokens).toBeGreaterThanOrEqual(1)
    expect(report.oldSessions).toBeGreaterThanOrEqual(1)
    expect(report.deliveredMailBodies).toBeGreaterThanOrEqual(1)
    const draft = await t.asOwner((db) =>
      db.selectFrom('applications').select('id').where('id', '=', bobDraft).execute(),
    )
    expect(draft).toEqual([])
    const entry = await t.asOwner((db) =>
      db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'privacy.retention')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow(),
    )
    expect(entry.details).toMatchObject({ draftsOfClosedCalls: report.draftsOfClosedCalls })
    // Every session of today is past its absolute expiry at that instant: sign in again.
    who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')
    who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
    expect((await get('/national/privacy?lng=en', 'ministry')).body).toContain('Drafts never submitted')
  })
})

describe('breach', () => {
  it('drafts notices in a drill and never sends them', async () => {
    const before = await t.asOwner((db) =>
      db.selectFrom('mail_outbox').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    )
    const res = await post(
      '/national/privacy',
      {
        what: 'Latihan: berkas ekspor terkirim ke alamat salah.',
        found_at: '2026-12-01T09:30',
        data_affected: 'Nama dan email pendaftar',
        province: fx.province.id,
        authority_email: 'pdp@authority.example.id',
        drill: 'on',
      },
      'ministry',
    )
    expect(res.status).toBe(302)
    const page = await get(`${res.location}?lng=en`, 'ministry')
    expect(page.body).toContain('[DRILL]')
    expect(page.body).toContain('4 Dec 2026, 09:30 WIB')
    expect((await post(res.location ?? '', {}, 'ministry')).status).toBe(409)
    const after = await t.asOwner((db) =>
      db.selectFrom('mail_outbox').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    )
    expect(after.n).toBe(before.n)
  })

  it('sends the notices of a real incident to the affected accounts and the authority, audited', async () => {
    const res = await post(
      '/national/privacy',
      {
        what: 'Akses tidak sah ke daftar pendaftar.',
        found_at: '2026-12-02T08:00',
        data_affected: 'Nama, email dan telepon',
        province: fx.province.id,
        authority_email: 'pdp@authority.example.id',
      },
      'ministry',
    )
    const incidentId = res.location?.split('/').pop() ?? ''
    const incident = await t.asOwner((db) =>
      db.selectFrom('privacy_incidents').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow(),
    )
    expect(incident.people_affected).toBeGreaterThan(0)
    expect((await post(`/national/privacy/incidents/${incidentId}`, {}, 'ministry')).status).toBe(302)
    const mails = await t.asOwner((db) =>
      db
        .selectFrom('mail_outbox')
        .select(['to_email', 'template'])
        .where('template', 'like', 'privacyBreach.%')
        .execute(),
    )
    expect(mails.filter((m) => m.template === 'privacyBreach.authority').map((m) => m.to_email)).toEqual([
      'pdp@authority.example.id',
    ])
    expect(mails.some((m) => m.to_email === bob.email)).toBe(true)
    expect((await post(`/national/privacy/incidents/${incidentId}`, {}, 'ministry')).status).toBe(409)
    expect((await get(`/national/privacy/incidents/${incidentId}`, 'admin')).status).toBe(403)
  })
})
