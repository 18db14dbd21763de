import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDateTime } from '#app/i18n/format.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { seedConsentNotices } from '#db/seed/consent.ts'
import { createApplicant } from '#tests/factories/accounts.ts'
import { createApplication, startDraft as startDraftThroughApp } from '#tests/factories/applications.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { signedIn } from '#tests/factories/session.ts'
import { createVenture } from '#tests/factories/ventures.ts'
import { postForm, request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Consent, submission, receipt, status and withdrawal (issue 6) through the built app,
// on the demo edition: Kalbar's call (WIB) is open from seededAt − 5 days, Sulsel's
// (WITA) opens 3 days after seededAt. Every clock is pinned with `now`.

let t: TestDatabase
const seededAt = new Date()
const SECOND = 1000
type Headers = { Cookie: string }
interface Province {
  id: string
  issue: string
  opensAt: Date
  closesAt: Date
}
const prov: Record<'kalbar' | 'sulsel', Province> = {
  kalbar: { id: '', issue: '', opensAt: seededAt, closesAt: seededAt },
  sulsel: { id: '', issue: '', opensAt: seededAt, closesAt: seededAt },
}
let year = ''
let editionId = ''

const page = async (path: string, headers: Headers, now = seededAt) => {
  const res = await request(path, { db: t.db, headers, now })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}
const post = async (path: string, fields: Record<string, string>, headers: Headers, now = seededAt) => {
  const res = await postForm(path, fields, { db: t.db, headers, now })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}
const appRow = (id: string) =>
  t.asOwner((db) => db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
const auditsOf = (id: string) =>
  t.asOwner((db) =>
    db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', id).orderBy('id').execute(),
  )
const counter = (slug: 'kalbar' | 'sulsel') =>
  t.asOwner(async (db) => {
    const row = await withTenant(db, { provinceId: prov[slug].id }, (trx) =>
      trx
        .selectFrom('receipt_counters')
        .select('last_number')
        .where('province_id', '=', prov[slug].id)
        .where('edition_id', '=', editionId)
        .executeTakeFirst(),
    )
    return row?.last_number ?? 0
  })
const mails = (email: string, template: string) =>
  t.asOwner((db) =>
    db
      .selectFrom('mail_outbox')
      .select(['subject', 'body_text'])
      .where('to_email', '=', email)
      .where('template', '=', template)
      .execute(),
  )

let n = 0
/** A new applicant of the province with a venture, signed in. */
async function newApplicant(slug: 'kalbar' | 'sulsel') {
  n += 1
  const email = `pendaftar${n}.${slug}@example.id`
  await t.asOwner(async (db) => {
    const id = await createApplicant(db, prov[slug].id, { email, name: `Pendaftar ${n}` })
    await createVenture(db, prov[slug].id, id, { name: `Usaha ${n}` })
  })
  return { email, headers: await signedIn(t.db, email) }
}

/** Starts a draft through the app and answers its id. */
const startDraft = (slug: 'kalbar' | 'sulsel', headers: Headers, now = seededAt) =>
  startDraftThroughApp(t.db, headers, prov[slug].issue, { province: slug, now })

/** Fills every section of a draft (fixture, bypassing the forms the drafting tests cover). */
async function complete(slug: 'kalbar' | 'sulsel', id: string, indicators = 2) {
  await t.asOwner((db) =>
    withTenant(db, { provinceId: prov[slug].id }, async (trx) => {
      await trx
        .updateTable('applications')
        .set({
          problem: 'Anak putus sekolah.',
          solution: 'Kelas daring murah.',
          novelty: 'Guru relawan lokal.',
          beneficiaries: 'Anak usia sekolah.',
          beneficiaries_count: 1200,
          business_model: 'Langganan sekolah.',
          revenue: 'Iuran dan CSR.',
          impact: 'Angka putus sekolah turun.',
          collaboration_opd: 'Data Dinas Pendidikan.',
          collaboration_private: 'Operator seluler.',
          budget: 'Rp150 juta.',
          funding_so_far: 'Dana sendiri.',
        })
        .where('id', '=', id)
        .execute()
      for (let i = 1; i <= indicators; i++) {
        await trx
          .insertInto('application_indicators')
          .values({
            province_id: prov[slug].id,
            application_id: id,
            name: `Indikator ${i}`,
            baseline: '10',
            target: '5',
            unit: '%',
            position: i,
          })
          .execute()
      }
    }),
  )
}

const consent = (id: string) => ({ consent: 'on', consent_version: '1', application: id })

beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  // The demo edition is created after the reference seed: give it its notice too (and twice: idempotent).
  await t.asOwner((db) => seedConsentNotices(db))
  await t.asOwner((db) => seedConsentNotices(db))
  await t.asOwner(async (db) => {
    const edition = await db
      .selectFrom('editions')
      .select('id')
      .where('slug', '=', 'demo-current')
      .executeTakeFirstOrThrow()
    editionId = edition.id
    // Receipts carry the submission's year on Kalbar's calendar; these tests submit at seededAt.
    year = instantToLocal(seededAt, 'Asia/Pontianak').slice(0, 4)
    for (const slug of ['kalbar', 'sulsel'] as const) {
      const fixture = await provinceFixture(db, slug)
      prov[slug] = { id: fixture.province.id, issue: fixture.issues[0]?.id ?? '', ...fixture.callWindow }
    }
  })
})
afterAll(() => t.close())

describe('consent notices', () => {
  it('seeds version 1 once per edition, in both languages', async () => {
    const rows = await t.asOwner((db) => db.selectFrom('consent_notices').selectAll().execute())
    const editions = await t.asOwner((db) => db.selectFrom('editions').select('id').execute())
    expect(rows).toHaveLength(editions.length)
    expect(rows.every((r) => r.version === 1)).toBe(true)
    expect(rows[0]?.text_id).toContain('UU No. 27 Tahun 2022')
    expect(rows[0]?.text_en).toContain('JIPPNas')
  })
})

describe('submitting (Kalbar, WIB)', () => {
  let a: Awaited<ReturnType<typeof newApplicant>>
  let id = ''
  const base = () => `/p/kalbar/apply/${id}`

  it('refuses an incomplete application, listing the sections with links, and consumes no number', async () => {
    a = await newApplicant('kalbar')
    id = await startDraft('kalbar', a.headers)
    const review = await page(`${base()}/submit`, a.headers)
    expect(review.status).toBe(200)
    expect(review.body).toContain('Proposal belum lengkap.')
    expect(review.body).toContain(`href="${base()}/problem"`)
    expect(review.body).not.toContain('name="consent"')
    const res = await post(`${base()}/submit`, consent(id), a.headers)
    expect(res.status).toBe(409)
    expect(res.body).toContain(`href="${base()}/impact"`)
    expect(await counter('kalbar')).toBe(0)
    expect((await appRow(id)).status).toBe('draft')
  })

  it('shows everything read-only with the notice in the reader language and a consent box', async () => {
    await complete('kalbar', id)
    const review = await page(`${base()}/submit`, a.headers)
    expect(review.body).toContain('Guru relawan lokal.')
    expect(review.body).toContain('Indikator 2')
    expect(review.body).toContain('Pemberitahuan pemrosesan data pribadi (versi 1)')
    expect(review.body).toContain('name="consent"')
    expect(review.body).toContain('name="consent_version" value="1"')
    expect(review.body).not.toContain('<textarea')
    const en = await page(`${base()}/submit?lng=en`, a.headers)
    expect(en.body).toContain('Personal data processing notice (version 1)')
    expect(en.body).toContain('Law No. 27 of 2022')
  })

  it('refuses without consent (400) or against an outdated notice version (409)', async () => {
    const none = await post(`${base()}/submit`, { consent_version: '1', application: id }, a.headers)
    expect(none.status).toBe(400)
    expect(none.body).toContain('Centang kotak persetujuan')
    const old = await post(`${base()}/submit`, { ...consent(id), consent_version: '7' }, a.headers)
    expect(old.status).toBe(409)
    expect(await counter('kalbar')).toBe(0)
  })

  it('turns 20 concurrent submits into one submission, one number, one email, one audit', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(`${base()}/submit`, consent(id), a.headers)),
    )
    for (const r of results) {
      expect(r.status).toBe(302)
      expect(r.location).toBe(`${base()}/receipt`)
    }
    const row = await appRow(id)
    expect(row).toMatchObject({
      status: 'submitted',
      receipt_number: `WNR-${year}-KALBAR-0001`,
      consent_version: 1,
    })
    expect(row.consent_at?.getTime()).toBe(seededAt.getTime())
    expect(row.submitted_at?.getTime()).toBe(seededAt.getTime())
    expect(await counter('kalbar')).toBe(1)
    const actions = (await auditsOf(id)).map((x) => x.action)
    expect(actions.filter((x) => x === 'application.submitted')).toHaveLength(1)
    expect(actions.filter((x) => x === 'application.consented')).toHaveLength(1)
    const sent = await mails(a.email, 'applicationSubmitted')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.body_text).toContain(`WNR-${year}-KALBAR-0001`)
    const events = await t.asOwner((db) =>
      withTenant(db, { provinceId: prov.kalbar.id }, (trx) =>
        trx.selectFrom('application_events').select('status').where('application_id', '=', id).execute(),
      ),
    )
    expect(events).toEqual([{ status: 'submitted' }])
  })

  it('shows the receipt again later, and sends the review page to the status page', async () => {
    const receipt = await page(`${base()}/receipt`, a.headers)
    expect(receipt.status).toBe(200)
    expect(receipt.body).toContain(`WNR-${year}-KALBAR-0001`)
    const again = await page(`${base()}/submit`, a.headers)
    expect(again.status).toBe(302)
    expect(again.location).toBe(base())
    const retry = await post(`${base()}/submit`, consent(id), a.headers)
    expect(retry.location).toBe(`${base()}/receipt`)
    expect(await counter('kalbar')).toBe(1)
  })

  it('makes the sections read-only (409)', async () => {
    const res = await post(`${base()}/problem`, { problem: 'Diubah setelah dikirim.' }, a.headers)
    expect(res.status).toBe(409)
    expect((await appRow(id)).problem).toBe('Anak putus sekolah.')
  })

  it('shows the status page with the timeline in the reader language', async () => {
    const id_ = await page(base(), a.headers)
    expect(id_.body).toContain('Perkembangan')
    expect(id_.body).toContain('Seleksi administrasi')
    expect(id_.body).toContain('akan datang')
    expect(id_.body).toContain(`WNR-${year}-KALBAR-0001`)
    expect(id_.body).toContain(`action="${base()}/withdraw"`)
    const en = await page(`${base()}?lng=en`, a.headers)
    expect(en.body).toContain('Administrative screening')
    expect(en.body).toContain('Review by OPD reviewers')
  })

  it('keeps the applications of others out of reach (404), also through hidden fields', async () => {
    const other = await newApplicant('kalbar')
    const otherId = await startDraft('kalbar', other.headers)
    const sulsel = await signedIn(t.db, 'applicant.sulsel@demo.winner.id')
    for (const who of [other.headers, sulsel]) {
      for (const slug of ['kalbar', 'sulsel']) {
        for (const path of ['submit', 'receipt', 'withdraw']) {
          const get = await page(`/p/${slug}/apply/${id}/${path}`, who)
          expect(get.status, `${slug} ${path}`).toBe(404)
        }
        expect((await post(`/p/${slug}/apply/${id}/withdraw`, { reason: 'x' }, who)).status).toBe(404)
        expect((await post(`/p/${slug}/apply/${id}/submit`, consent(id), who)).status).toBe(404)
      }
    }
    // Own URL, someone else's id in the hidden field.
    await complete('kalbar', otherId)
    expect((await post(`/p/kalbar/apply/${otherId}/submit`, consent(id), other.headers)).status).toBe(404)
    expect(
      (await post(`/p/kalbar/apply/${otherId}/withdraw`, { reason: 'x', application: id }, other.headers)).status,
    ).toBe(404)
    expect((await appRow(id)).status).toBe('submitted')
    expect((await appRow(otherId)).status).toBe('draft')
    expect(await counter('kalbar')).toBe(1)
  })

  it('refuses to withdraw without a reason (400) and keeps what was typed', async () => {
    const empty = await post(`${base()}/withdraw`, { reason: '   ', application: id }, a.headers)
    expect(empty.status).toBe(400)
    expect(empty.body).toContain('Tuliskan alasan penarikan.')
    const long = 'x'.repeat(1001)
    const tooLong = await post(`${base()}/withdraw`, { reason: long, application: id }, a.headers)
    expect(tooLong.status).toBe(400)
    expect(tooLong.body).toContain(long)
    expect((await appRow(id)).status).toBe('submitted')
  })

  it('withdraws with a reason: audited, event, email; a second post changes nothing', async () => {
    const reason = 'Tim kami bergabung dengan program lain.'
    const home = () => page('/p/kalbar/apply', a.headers)
    expect((await home()).body).toContain('batas 1 proposal')
    const [first, second] = await Promise.all([
      post(`${base()}/withdraw`, { reason, application: id }, a.headers),
      post(`${base()}/withdraw`, { reason, application: id }, a.headers),
    ])
    expect(first?.status).toBe(302)
    expect(second?.status).toBe(302)
    expect(await appRow(id)).toMatchObject({ status: 'withdrawn', withdraw_reason: reason })
    const withdrawn = (await auditsOf(id)).filter((x) => x.action === 'application.withdrawn')
    expect(withdrawn).toHaveLength(1)
    expect(withdrawn[0]?.details).toMatchObject({ reason })
    expect(await mails(a.email, 'applicationWithdrawn')).toHaveLength(1)
    const status = await page(base(), a.headers)
    expect(status.body).toContain('Ditarik')
    expect(status.body).toContain(reason)
    expect(status.body).not.toContain(`action="${base()}/withdraw"`)
    expect(status.body).not.toContain('akan datang')
    // A withdrawn application no longer counts toward the call's limit: the home offers a new start.
    const after = (await home()).body
    expect(after).not.toContain('batas 1 proposal')
    expect(after).toContain('name="issue_id"')
  })
})

describe('deadline and numbering', () => {
  it('Kalbar (WIB): accepts at closes_at exactly, refuses one second later without consuming a number', async () => {
    const b = await newApplicant('kalbar')
    const id = await startDraft('kalbar', b.headers)
    await complete('kalbar', id, 3)
    const before = await counter('kalbar')
    await t.asOwner((db) =>
      db
        .updateTable('calls')
        .set({ helpdesk_email: 'helpdesk@kalbar.example', helpdesk_phone: '+62 561 123456' })
        .where('province_id', '=', prov.kalbar.id)
        .where('status', '=', 'published')
        .execute(),
    )
    const late = await post(
      `/p/kalbar/apply/${id}/submit`,
      consent(id),
      b.headers,
      new Date(prov.kalbar.closesAt.getTime() + SECOND),
    )
    expect(late.status).toBe(409)
    // The refusal says the call closed, when in Kalbar's own time, and whom to ask.
    const { time_zone } = await t.asOwner((db) =>
      db.selectFrom('provinces').select('time_zone').where('slug', '=', 'kalbar').executeTakeFirstOrThrow(),
    )
    const closed = formatDateTime(prov.kalbar.closesAt, 'id', time_zone)
    expect(closed).toMatch(/ WIB$/)
    expect(late.body).toContain(`Periode pendaftaran ditutup ${closed}: pengiriman tidak diterima lagi.`)
    expect(late.body).toContain('href="mailto:helpdesk@kalbar.example"')
    expect(late.body).toContain('href="tel:+62561123456"')
    expect(await counter('kalbar')).toBe(before)
    const onTime = await post(`/p/kalbar/apply/${id}/submit`, consent(id), b.headers, prov.kalbar.closesAt)
    expect(onTime.status).toBe(302)
    const closingYear = instantToLocal(prov.kalbar.closesAt, 'Asia/Pontianak').slice(0, 4)
    expect((await appRow(id)).receipt_number).toBe(`WNR-${closingYear}-KALBAR-${String(before + 1).padStart(4, '0')}`)
  })

  it('gives two applicants submitting at once consecutive numbers with no gap', async () => {
    const c = await newApplicant('kalbar')
    const d = await newApplicant('kalbar')
    const ids = [await startDraft('kalbar', c.headers), await startDraft('kalbar', d.headers)]
    for (const id of ids) await complete('kalbar', id)
    const before = await counter('kalbar')
    const [rc, rd] = await Promise.all([
      post(`/p/kalbar/apply/${ids[0]}/submit`, consent(ids[0] ?? ''), c.headers),
      post(`/p/kalbar/apply/${ids[1]}/submit`, consent(ids[1] ?? ''), d.headers),
    ])
    expect([rc?.status, rd?.status]).toEqual([302, 302])
    const numbers = (await Promise.all(ids.map((id) => appRow(id)))).map((r) => r.receipt_number).sort()
    expect(numbers).toEqual([
      `WNR-${year}-KALBAR-${String(before + 1).padStart(4, '0')}`,
      `WNR-${year}-KALBAR-${String(before + 2).padStart(4, '0')}`,
    ])
  })

  it('passes over a number another edition already gave out this year (counters run per edition)', async () => {
    const g = await newApplicant('kalbar')
    const id = await startDraft('kalbar', g.headers)
    await complete('kalbar', id)
    const before = await counter('kalbar')
    const next = `WNR-${year}-KALBAR-${String(before + 1).padStart(4, '0')}`
    // Another edition's application in Kalbar holds the next number (the 2023 edition's call, submitted this year).
    await t.asOwner(async (db) => {
      const other = await db
        .selectFrom('calls as c')
        .innerJoin('editions as e', 'e.id', 'c.edition_id')
        .select(['c.id', 'c.edition_id'])
        .where('c.province_id', '=', prov.kalbar.id)
        .where('e.slug', '!=', 'demo-current')
        .executeTakeFirst()
      const edition2023 = await db
        .selectFrom('editions')
        .select('id')
        .where('slug', '=', '2023')
        .executeTakeFirstOrThrow()
      const callId =
        other?.id ??
        (
          await withTenant(db, { provinceId: prov.kalbar.id }, (trx) =>
            trx
              .insertInto('calls')
              .values({
                province_id: prov.kalbar.id,
                edition_id: edition2023.id,
                status: 'published',
                opens_at: new Date('2023-05-15T00:00:00Z'),
                closes_at: new Date('2023-05-29T16:59:00Z'),
              })
              .returning('id')
              .executeTakeFirstOrThrow(),
          )
        ).id
      const applicant = await createApplicant(db, prov.kalbar.id, {
        email: 'other-edition@example.id',
        name: 'Pendaftar edisi lain',
      })
      const venture = await createVenture(db, prov.kalbar.id, applicant, { name: 'Usaha edisi lain' })
      const issue = await withTenant(db, { provinceId: prov.kalbar.id }, (trx) =>
        trx
          .selectFrom('province_issues')
          .select('id')
          .where('province_id', '=', prov.kalbar.id)
          .where('edition_id', '=', edition2023.id)
          .executeTakeFirstOrThrow(),
      )
      await createApplication(db, {
        province_id: prov.kalbar.id,
        edition_id: edition2023.id,
        call_id: callId,
        applicant_id: applicant,
        venture_id: venture,
        issue_id: issue.id,
        status: 'submitted',
        submitted_at: seededAt,
        receipt_number: next,
        consent_at: seededAt,
        consent_version: 1,
      })
    })
    const res = await post(`/p/kalbar/apply/${id}/submit`, consent(id), g.headers)
    expect(res.status).toBe(302)
    expect((await appRow(id)).receipt_number).toBe(`WNR-${year}-KALBAR-${String(before + 2).padStart(4, '0')}`)
    expect(await counter('kalbar')).toBe(before + 2)
  })

  it('Sulsel (WITA): accepts at closes_at exactly, refuses one second later, numbers per province', async () => {
    const inside = new Date(prov.sulsel.opensAt.getTime() + 60 * 60 * SECOND)
    const e = await newApplicant('sulsel')
    const f = await newApplicant('sulsel')
    const ide = await startDraft('sulsel', e.headers, inside)
    const idf = await startDraft('sulsel', f.headers, inside)
    await complete('sulsel', ide)
    await complete('sulsel', idf)
    // Before opening: the call is not open yet either.
    const early = await post(
      `/p/sulsel/apply/${ide}/submit`,
      consent(ide),
      e.headers,
      new Date(prov.sulsel.opensAt.getTime() - SECOND),
    )
    expect(early.status).toBe(409)
    const late = await post(
      `/p/sulsel/apply/${ide}/submit`,
      consent(ide),
      e.headers,
      new Date(prov.sulsel.closesAt.getTime() + SECOND),
    )
    expect(late.status).toBe(409)
    expect(await counter('sulsel')).toBe(0)
    const onTime = await post(`/p/sulsel/apply/${ide}/submit`, consent(ide), e.headers, prov.sulsel.closesAt)
    expect(onTime.status).toBe(302)
    const lastMinute = await post(
      `/p/sulsel/apply/${idf}/submit`,
      consent(idf),
      f.headers,
      new Date(prov.sulsel.closesAt.getTime() - 60 * SECOND),
    )
    expect(lastMinute.status).toBe(302)
    expect((await appRow(ide)).receipt_number).toBe(`WNR-${year}-SULSEL-0001`)
    expect((await appRow(idf)).receipt_number).toBe(`WNR-${year}-SULSEL-0002`)
  })
})
