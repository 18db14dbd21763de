import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMember, removeMember, saveVenture } from '#app/modules/applications/ventures.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { connect } from '#db/client.ts'
import { startEmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { migrations } from '#db/migrations/index.ts'
import { seedConsentNotices } from '#db/seed/consent.ts'
import { ensureCall, provinceId, seedReference } from '#db/seed/reference.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { addReview, createApplicationInReview, createMember } from '#tests/factories/selection.ts'
import { signedIn } from '#tests/factories/session.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'
import { postForm, request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Issue 11 §2: a submitted application keeps the venture profile and team it was
// submitted with. An applicant submits through the app, then renames the venture and
// replaces the team; every reader of the submitted application — Bappeda's list, detail
// and CSV, the reviewer's page, the ranking and its exports, the outcome mail, the
// ministry's page and the public finalist list — still shows what was submitted, while
// a draft submitted after the edit carries the new profile.

let t: TestDatabase
const seededAt = new Date()
const OLD = 'Koperasi Nama Saat Dikirim'
const NEW = 'Koperasi Nama Sesudah Diubah'
const OLD_MEMBER = 'Siti Anggota Saat Dikirim'
const NEW_MEMBER = 'Budi Anggota Sesudah Diubah'
const KALBAR = '/p/kalbar/manage'
const JUSTIFIED = 'Dampak sosial terukur dan model usaha yang berkelanjutan.'
type Headers = { Cookie: string }
const who: Record<string, Headers> = {}
let fx: Awaited<ReturnType<typeof provinceFixture>>
let applicant: { id: string; email: string }
let submittedId = ''
let laterId = ''
const others: string[] = []

const get = async (path: string, as: string) => {
  const res = await request(path, { db: t.db, headers: who[as] ?? {}, now: seededAt })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}
const post = async (path: string, fields: Record<string, string>, as: string) => {
  const res = await postForm(path, fields, { db: t.db, headers: who[as] ?? {}, now: seededAt })
  return { status: res.status, location: res.headers.get('location') }
}
const actor = () => ({ provinceId: fx.province.id, userId: applicant.id, ip: null, now: new Date() })
const venture = (name: string) => ({
  intent: 'save' as const,
  name,
  legal_form: 'koperasi' as const,
  stage: 'idea' as const,
})
const member = (name: string) => ({
  intent: 'addMember' as const,
  name,
  role: 'Ketua',
  gender: 'female' as const,
  age_band: '25_34' as const,
})

/** Starts a draft through the app and fills every section (fixture; the drafting tests cover the forms). */
async function completeDraft(): Promise<string> {
  const res = await post('/p/kalbar/apply', { issue_id: fx.issues[0]?.id ?? '' }, 'applicant')
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

async function submit(id: string) {
  const res = await post(
    `/p/kalbar/apply/${id}/submit`,
    { consent: 'on', consent_version: '1', application: id },
    'applicant',
  )
  expect(res.status).toBe(302)
}

beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  await t.asOwner((db) => seedConsentNotices(db))
  fx = await t.asOwner((db) => provinceFixture(db, 'kalbar'))
  // The demo's own applications would crowd the ranking; this file builds its own.
  await t.asOwner((db) => db.deleteFrom('applications').execute())
  // Two applications per applicant: one submitted before the profile changes, one after.
  await t.asOwner((db) => db.updateTable('calls').set({ max_applications: 2 }).where('id', '=', fx.callId).execute())

  applicant = await t.asOwner((db) => createMember(db, fx.province.id, 'applicant', { name: 'Pendaftar Snapshot' }))
  const reviewer = await t.asOwner((db) =>
    createMember(db, fx.province.id, 'reviewer', { name: 'Penilai Snapshot', opdId: fx.opdId }),
  )
  who.applicant = await signedIn(t.db, applicant.email)
  who.reviewer = await signedIn(t.db, reviewer.email)
  who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')

  await saveVenture(t.db, actor(), venture(OLD))
  await addMember(t.db, actor(), member(OLD_MEMBER))
  submittedId = await completeDraft()
  laterId = await completeDraft()
  await submit(submittedId)

  // Screening and review are covered elsewhere: put the submitted application under review, scored.
  await t.asOwner((db) =>
    withTenant(db, { provinceId: fx.province.id }, (trx) =>
      trx.updateTable('applications').set({ status: 'in_review' }).where('id', '=', submittedId).execute(),
    ),
  )
  await t.asOwner((db) =>
    addReview(db, fx.province.id, { applicationId: submittedId, reviewerId: reviewer.id, total: 80 }),
  )
  for (const [i, name] of ['Bank Sampah Lain', 'Tenun Lain'].entries()) {
    const other = await t.asOwner((db) =>
      createApplicationInReview(
        db,
        { provinceId: fx.province.id, editionId: fx.editionId, callId: fx.callId },
        { venture: name, applicant: `Pendaftar Lain ${i}`, issueId: fx.issues[0]?.id ?? '', receipt: `WNR-LAIN-${i}` },
      ),
    )
    await t.asOwner((db) =>
      addReview(db, fx.province.id, { applicationId: other.id, reviewerId: reviewer.id, total: 70 - i }),
    )
    others.push(other.id)
  }

  // After submission the applicant renames the venture and replaces the team.
  await saveVenture(t.db, actor(), venture(NEW))
  const [old] = await t.asOwner((db) =>
    withTenant(db, { provinceId: fx.province.id }, (trx) =>
      trx.selectFrom('venture_members').select('id').where('name', '=', OLD_MEMBER).execute(),
    ),
  )
  await removeMember(t.db, actor(), old?.id ?? '')
  await addMember(t.db, actor(), member(NEW_MEMBER))
  // The draft started before the edit is submitted after it: it carries the profile as it is now.
  await submit(laterId)
})
afterAll(() => t.close())

describe('a submitted application keeps its venture profile', () => {
  it("Bappeda's list, detail and CSV show the profile as submitted; the later submission the new one", async () => {
    const list = await get(`${KALBAR}/applications`, 'admin')
    expect(list.status).toBe(200)
    expect(list.body).toContain(OLD)
    expect(list.body).toContain(NEW)

    const detail = await get(`${KALBAR}/applications/${submittedId}`, 'admin')
    expect(detail.status).toBe(200)
    expect(detail.body).toContain(OLD)
    expect(detail.body).toContain(OLD_MEMBER)
    expect(detail.body).not.toContain(NEW)
    expect(detail.body).not.toContain(NEW_MEMBER)

    const later = await get(`${KALBAR}/applications/${laterId}`, 'admin')
    expect(later.body).toContain(NEW)
    expect(later.body).toContain(NEW_MEMBER)
    expect(later.body).not.toContain(OLD)
    expect(later.body).not.toContain(OLD_MEMBER)

    const csv = await get(`${KALBAR}/applications.csv`, 'admin')
    expect(csv.status).toBe(200)
    const rows = csv.body.split('\r\n')
    expect(rows.filter((r) => r.includes(OLD))).toHaveLength(1)
    expect(rows.filter((r) => r.includes(NEW))).toHaveLength(1)
  })

  it("the reviewer's page shows the venture and team as submitted", async () => {
    const page = await get(`/p/kalbar/review/${submittedId}`, 'reviewer')
    expect(page.status).toBe(200)
    expect(page.body).toContain(OLD)
    expect(page.body).toContain(OLD_MEMBER)
    expect(page.body).not.toContain(NEW)
    expect(page.body).not.toContain(NEW_MEMBER)
  })

  it('the ranking and its CSV and XLSX exports show the name as submitted', async () => {
    const page = await get(`${KALBAR}/ranking`, 'admin')
    expect(page.status).toBe(200)
    expect(page.body).toContain(OLD)
    expect(page.body).not.toContain(NEW)
    const csv = await get(`${KALBAR}/ranking.csv`, 'admin')
    expect(csv.body).toContain(OLD)
    expect(csv.body).not.toContain(NEW)
    const res = await request(`${KALBAR}/ranking.xlsx`, { db: t.db, headers: who.admin ?? {}, now: seededAt })
    expect(res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    const cells = JSON.stringify(book.worksheets[0]?.getSheetValues() ?? [])
    expect(cells).toContain(OLD)
    expect(cells).not.toContain(NEW)
  })

  it('after publication the outcome mail, the ministry and the public finalist list show the name as submitted', async () => {
    const sel = `${KALBAR}/selection`
    for (const id of [submittedId, ...others]) {
      expect((await post(sel, { intent: 'finalist', application: id, justification: JUSTIFIED }, 'admin')).status).toBe(
        302,
      )
    }
    expect((await post(sel, { intent: 'submit' }, 'admin')).status).toBe(302)
    expect((await post('/national/selections/kalbar', { intent: 'confirm' }, 'ministry')).status).toBe(302)
    expect((await post(sel, { intent: 'publish' }, 'admin')).status).toBe(302)

    const national = await get('/national/selections/kalbar', 'ministry')
    expect(national.status).toBe(200)
    expect(national.body).toContain(OLD)
    expect(national.body).not.toContain(NEW)

    const portal = await get('/p/kalbar', 'anonymous')
    expect(portal.body).toContain(OLD)
    expect(portal.body).not.toContain(NEW)

    const mail = await t.asOwner((db) =>
      db
        .selectFrom('mail_outbox')
        .select('body_text')
        .where('to_email', '=', applicant.email)
        .where('template', '=', 'selectionOutcome')
        .executeTakeFirstOrThrow(),
    )
    expect(mail.body_text).toContain(OLD)
    expect(mail.body_text).not.toContain(NEW)
  })
})

describe('the migration', () => {
  it('backfills every application past draft from the profile as it stood; drafts keep following the profile', async () => {
    // A blank database of its own: on the test server when there is one (fast), else embedded.
    const name = uniqueName('winner_backfill')
    const embedded = testServerUrl ? null : await startEmbeddedDatabase(null)
    const url = embedded ? embedded.url : await createDatabase(testServerUrl as string, name)
    const { db, close } = connect(url, { max: 1, as: 'owner' })
    try {
      // The database as it stood before the snapshot migration: every migration named earlier.
      const earlier = Object.fromEntries(
        Object.entries(migrations).filter(([name]) => name < '2026-12-01T0100_venture_snapshots'),
      )
      await migrateToLatest(db, earlier)
      await seedReference(db)
      // The 2023 reference has Kalbar's published issues; give Kalbar a call of that edition too.
      const kalbar = await provinceId(db, 'kalbar')
      const edition = await db.selectFrom('editions').select('id').executeTakeFirstOrThrow()
      const opens = new Date('2023-02-06T00:00:00Z')
      await ensureCall(db, kalbar, edition.id, { opens_at: opens, closes_at: new Date('2023-02-20T00:00:00Z') })
      const call = await withTenant(db, { provinceId: kalbar }, (trx) =>
        trx
          .selectFrom('calls as c')
          .innerJoin('province_issues as pi', (j) =>
            j.onRef('pi.province_id', '=', 'c.province_id').onRef('pi.edition_id', '=', 'c.edition_id'),
          )
          .select(['c.id', 'c.province_id', 'c.edition_id', 'pi.id as issue_id'])
          .executeTakeFirstOrThrow(),
      )
      const user = await db
        .insertInto('users')
        .values({ email: 'lama@example.id', name: 'Pendaftar Lama', phone: null, password_hash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const ids = await withTenant(db, { provinceId: call.province_id }, async (trx) => {
        const v = await trx
          .insertInto('ventures')
          .values({ province_id: call.province_id, owner_id: user.id, name: OLD, legal_form: 'cv', stage: 'scaling' })
          .returning('id')
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('venture_members')
          .values({
            province_id: call.province_id,
            venture_id: v.id,
            name: OLD_MEMBER,
            role: 'Ketua',
            gender: 'female',
            age_band: '35_44',
          })
          .execute()
        const at = new Date('2023-03-01T02:00:00Z')
        const common = {
          province_id: call.province_id,
          edition_id: call.edition_id,
          call_id: call.id,
          applicant_id: user.id,
          venture_id: v.id,
          issue_id: call.issue_id,
        }
        const [submitted, draft] = await trx
          .insertInto('applications')
          .values([
            { ...common, status: 'finalist', submitted_at: at, consent_at: at, receipt_number: 'WNR-2023-LAMA-0001' },
            { ...common, status: 'draft' },
          ])
          .returning('id')
          .execute()
        return { submitted: submitted?.id ?? '', draft: draft?.id ?? '' }
      })

      await migrateToLatest(db)
      const rows = await withTenant(db, { provinceId: call.province_id }, async (trx) => ({
        applications: await trx
          .selectFrom('applications as a')
          .leftJoin('venture_snapshots as v', (j) =>
            j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
          )
          .select(['a.id', 'v.name', 'v.legal_form', 'v.stage', 'v.taken_at'])
          .orderBy('a.status')
          .execute(),
        team: await trx.selectFrom('venture_snapshot_members').select(['snapshot_id', 'name', 'age_band']).execute(),
      }))
      expect(rows.applications).toEqual([
        { id: ids.draft, name: null, legal_form: null, stage: null, taken_at: null },
        {
          id: ids.submitted,
          name: OLD,
          legal_form: 'cv',
          stage: 'scaling',
          taken_at: new Date('2023-03-01T02:00:00Z'),
        },
      ])
      expect(rows.team).toEqual([{ snapshot_id: ids.submitted, name: OLD_MEMBER, age_band: '35_44' }])
    } finally {
      await close()
      if (embedded) await embedded.stop()
      else await dropDatabase(testServerUrl as string, name)
    }
  }, 120_000)
})
