import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshotVenture } from '#app/modules/applications/application.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createApplicant } from '#tests/factories/accounts.ts'
import { createApplication as createApplicationRow } from '#tests/factories/applications.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { signedIn } from '#tests/factories/session.ts'
import { createVenture } from '#tests/factories/ventures.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Bappeda's view of incoming applications (issue 6) through the built app: the list
// with its filters, search, counts and pages; the detail; the CSV export; and the
// isolation of drafts and of other provinces.

let t: TestDatabase
const seededAt = new Date()
const ids = { kalbar: '', sulsel: '', edition: '', call: '', sulselCall: '', draft: '', sulselApp: '' }
const apps: Record<'a1' | 'a2' | 'a3', string> = { a1: '', a2: '', a3: '' }
let issues: { id: string; title_id: string; title_en: string }[] = []
let sulselIssue = ''
const who: Record<string, { Cookie: string }> = {}

const get = async (path: string, headers: { Cookie: string } | Record<string, string>) => {
  const res = await request(path, { db: t.db, headers, now: seededAt })
  return { status: res.status, headers: res.headers, body: await res.text(), bytes: res }
}

interface AppSpec {
  province: string
  call: string
  issue: string
  email: string
  applicant: string
  venture: string
  regency: string | null
  stage: 'idea' | 'prototype' | 'operating' | 'scaling'
  status: 'draft' | 'submitted' | 'withdrawn'
  receipt: string | null
  submittedAt?: Date
  team?: ('female' | 'male')[]
  beneficiaries?: number
}

/** A user with an applicant membership, a venture and one application, written as the owner. */
async function createApplication(s: AppSpec): Promise<string> {
  return t.asOwner(async (db) => {
    const applicantId = await createApplicant(db, s.province, { email: s.email, name: s.applicant, phone: '0812' })
    const ventureId = await createVenture(db, s.province, applicantId, {
      name: s.venture,
      legal_form: 'koperasi',
      stage: s.stage,
      regency_code: s.regency,
      members: (s.team ?? []).map((gender, i) => ({
        name: `Anggota ${i + 1}`,
        role: 'pendiri',
        gender,
        age_band: '25_34',
      })),
    })
    const submitted = s.status !== 'draft'
    const at = s.submittedAt ?? seededAt
    return createApplicationRow(db, {
      province_id: s.province,
      edition_id: ids.edition,
      call_id: s.call,
      applicant_id: applicantId,
      venture_id: ventureId,
      issue_id: s.issue,
      status: s.status,
      problem: `Masalah dari ${s.venture}`,
      beneficiaries_count: s.beneficiaries ?? null,
      submitted_at: submitted ? at : null,
      receipt_number: s.receipt,
      consent_at: submitted ? at : null,
      consent_version: submitted ? 1 : null,
      withdrawn_at: s.status === 'withdrawn' ? at : null,
      withdraw_reason: s.status === 'withdrawn' ? 'Tim bubar' : null,
    })
  })
}

beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  await t.asOwner(async (db) => {
    const kalbar = await provinceFixture(db, 'kalbar')
    const sulsel = await provinceFixture(db, 'sulsel')
    ids.kalbar = kalbar.province.id
    ids.sulsel = sulsel.province.id
    ids.edition = kalbar.editionId
    ids.call = kalbar.callId
    ids.sulselCall = sulsel.callId
    issues = kalbar.issues
    sulselIssue = sulsel.issues[0]?.id ?? ''
    // Counts below are exact: start from no applications whatever the demo seed grows into.
    await db.deleteFrom('applications').execute()
  })
  expect(issues.length).toBeGreaterThanOrEqual(3)
  const [i0, i1] = issues as [(typeof issues)[0], (typeof issues)[0]]
  const base = { province: ids.kalbar, call: ids.call }
  apps.a1 = await createApplication({
    ...base,
    issue: i0.id,
    email: 'siti@example.id',
    applicant: 'Siti Rahmawati',
    venture: 'Koperasi Air Bersih',
    regency: '6171',
    stage: 'operating',
    status: 'submitted',
    receipt: 'WNR-2023-KALBAR-0001',
    submittedAt: new Date('2023-02-20T16:30:00Z'),
    team: ['female', 'female', 'male'],
    beneficiaries: 1200,
  })
  apps.a2 = await createApplication({
    ...base,
    issue: i1.id,
    email: 'budi@example.id',
    applicant: 'Budi Santoso',
    venture: 'Sekolah "Pelangi", Ketapang\nCabang 2',
    regency: '6106',
    stage: 'idea',
    status: 'submitted',
    receipt: 'WNR-2023-KALBAR-0002',
    submittedAt: new Date('2023-02-20T16:40:00Z'),
    team: ['male'],
  })
  apps.a3 = await createApplication({
    ...base,
    issue: i0.id,
    email: 'formula@example.id',
    applicant: '=HYPERLINK("http://evil","klik")',
    venture: 'Rumah Gizi Anak',
    regency: '6171',
    stage: 'prototype',
    status: 'withdrawn',
    receipt: 'WNR-2023-KALBAR-0003',
    submittedAt: new Date('2023-02-20T16:50:00Z'),
  })
  ids.draft = await createApplication({
    ...base,
    issue: i0.id,
    email: 'draf@example.id',
    applicant: 'Pendaftar Draf',
    venture: 'Draf Rahasia',
    regency: '6171',
    stage: 'idea',
    status: 'draft',
    receipt: null,
  })
  ids.sulselApp = await createApplication({
    province: ids.sulsel,
    call: ids.sulselCall,
    issue: sulselIssue,
    email: 'sulsel@example.id',
    applicant: 'Andi Makassar',
    venture: 'Usaha Sulsel Tersembunyi',
    regency: null,
    stage: 'idea',
    status: 'submitted',
    receipt: 'WNR-2023-SULSEL-0001',
  })
  const signIn = async (key: string, email: string) => {
    who[key] = await signedIn(t.db, email)
  }
  await signIn('kalbar', 'bappeda.kalbar@demo.winner.id')
  await signIn('sulsel', 'bappeda.sulsel@demo.winner.id')
  await signIn('ministry', 'ministry@demo.winner.id')
  await signIn('erat', 'erat@demo.winner.id')
  await signIn('reviewer', 'reviewer.kalbar@demo.winner.id')
  await signIn('applicant', 'applicant.kalbar@demo.winner.id')
})
afterAll(() => t.close())

const LIST = '/p/kalbar/manage/applications'
const kalbar = () => who.kalbar as { Cookie: string }
// The page's data is also serialised for hydration: count each receipt once.
const receipts = (body: string) => [...new Set([...body.matchAll(/WNR-2023-[A-Z]+-\d{4}/g)].map((m) => m[0]))]
const listed = async (query = '') => receipts((await get(`${LIST}${query}`, kalbar())).body).sort()

describe('the list', () => {
  it('shows submitted and withdrawn applications, never drafts or another province', async () => {
    const res = await get(LIST, kalbar())
    expect(res.status).toBe(200)
    expect(res.body).toContain('Koperasi Air Bersih')
    expect(res.body).toContain('Rumah Gizi Anak')
    expect(res.body).toContain('Ditarik')
    expect(res.body).toContain('Kota Pontianak')
    expect(res.body).not.toContain('Draf Rahasia')
    expect(res.body).not.toContain('Usaha Sulsel Tersembunyi')
    expect(res.body).not.toContain(ids.draft)
    expect(await listed()).toEqual(['WNR-2023-KALBAR-0001', 'WNR-2023-KALBAR-0002', 'WNR-2023-KALBAR-0003'])
    expect(res.body).toContain(`href="${LIST}/${apps.a1}"`)
    expect(res.body).toContain('href="/p/kalbar/manage/applications.csv"')
  })

  it('narrows by issue, kabupaten/kota, status and stage', async () => {
    const [i0, i1] = issues as [(typeof issues)[0], (typeof issues)[0]]
    expect(await listed(`?issue=${i0.id}`)).toEqual(['WNR-2023-KALBAR-0001', 'WNR-2023-KALBAR-0003'])
    expect(await listed(`?issue=${i1.id}`)).toEqual(['WNR-2023-KALBAR-0002'])
    expect(await listed('?regency=6106')).toEqual(['WNR-2023-KALBAR-0002'])
    expect(await listed('?regency=6171')).toEqual(['WNR-2023-KALBAR-0001', 'WNR-2023-KALBAR-0003'])
    expect(await listed('?status=withdrawn')).toEqual(['WNR-2023-KALBAR-0003'])
    expect(await listed('?status=submitted')).toEqual(['WNR-2023-KALBAR-0001', 'WNR-2023-KALBAR-0002'])
    expect(await listed('?stage=operating')).toEqual(['WNR-2023-KALBAR-0001'])
    expect(await listed(`?issue=${i0.id}&status=submitted&regency=6171`)).toEqual(['WNR-2023-KALBAR-0001'])
    // Asking for drafts is not a filter Bappeda has: the value is ignored.
    expect(await listed('?status=draft')).toHaveLength(3)
    const none = await get(`${LIST}?stage=scaling`, kalbar())
    expect(none.body).toContain('Tidak ada pendaftaran yang sesuai dengan saringan ini.')
  })

  it('searches venture name, applicant name and receipt number', async () => {
    expect(await listed('?q=air+bersih')).toEqual(['WNR-2023-KALBAR-0001'])
    expect(await listed('?q=budi')).toEqual(['WNR-2023-KALBAR-0002'])
    expect(await listed('?q=KALBAR-0003')).toEqual(['WNR-2023-KALBAR-0003'])
    expect(await listed('?q=Draf')).toEqual([])
    expect(await listed('?q=Sulsel')).toEqual([])
    // LIKE's wildcards are searched for literally.
    expect(await listed('?q=%25')).toEqual([])
  })

  it('counts submitted (not withdrawn) applications per published issue', async () => {
    const res = await get(`${LIST}?lng=en`, kalbar())
    const [i0, i1, i2] = issues as [(typeof issues)[0], (typeof issues)[0], (typeof issues)[0]]
    const item = (title: string) =>
      res.body.slice(res.body.indexOf(title), res.body.indexOf('</li>', res.body.indexOf(title)))
    expect(item(`>${i0.title_en}</a>`)).toContain('1 submitted')
    expect(item(`>${i1.title_en}</a>`)).toContain('1 submitted')
    expect(item(`>${i2.title_en}</a>`)).toContain('0 submitted')
  })

  it('pages 50 at a time with links that keep the filters', async () => {
    const [, , i2] = issues as [(typeof issues)[0], (typeof issues)[0], (typeof issues)[0]]
    await t.asOwner(async (db) => {
      const user = await db
        .insertInto('users')
        .values({ email: 'banyak@example.id', name: 'Pendaftar Banyak', phone: null, password_hash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow()
      await withTenant(db, { provinceId: ids.kalbar }, async (trx) => {
        const v = await trx
          .insertInto('ventures')
          .values({
            province_id: ids.kalbar,
            owner_id: user.id,
            name: 'Usaha Massal',
            legal_form: 'cv',
            stage: 'scaling',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        const at = new Date('2023-02-21T01:00:00Z')
        const snapshots: string[] = []
        for (let i = 0; i < 55; i++) snapshots.push(await snapshotVenture(trx, ids.kalbar, v.id, at))
        await trx
          .insertInto('applications')
          .values(
            Array.from({ length: 55 }, (_, i) => ({
              province_id: ids.kalbar,
              edition_id: ids.edition,
              call_id: ids.call,
              applicant_id: user.id,
              venture_id: v.id,
              issue_id: i2.id,
              status: 'submitted' as const,
              venture_snapshot_id: snapshots[i],
              submitted_at: new Date(at.getTime() + i * 60_000),
              receipt_number: `WNR-2023-KALBAR-${String(100 + i).padStart(4, '0')}`,
              consent_at: at,
              consent_version: 1,
            })),
          )
          .execute()
      })
    })
    const first = await get(`${LIST}?stage=scaling`, kalbar())
    expect(receipts(first.body)).toHaveLength(50)
    expect(first.body).toContain('Halaman 1 dari 2')
    expect(first.body).toContain(`href="${LIST}?stage=scaling&amp;page=2"`)
    const second = await get(`${LIST}?stage=scaling&page=2`, kalbar())
    expect(receipts(second.body)).toEqual(Array.from({ length: 5 }, (_, i) => `WNR-2023-KALBAR-0${150 + i}`))
    expect(second.body).toContain(`href="${LIST}?stage=scaling"`)
    const all = await get(LIST, kalbar())
    expect(all.body).toContain('58 pendaftaran.')
  })
})

describe('the detail', () => {
  it('shows the application with venture, team inclusion and sections', async () => {
    const res = await get(`${LIST}/${apps.a1}`, kalbar())
    expect(res.status).toBe(200)
    expect(res.body).toContain('WNR-2023-KALBAR-0001')
    expect(res.body).toContain('Siti Rahmawati')
    expect(res.body).toContain('siti@example.id')
    expect(res.body).toContain('Masalah dari Koperasi Air Bersih')
    expect(res.body).toContain('Tim 3 orang: 2 perempuan')
    // 16:30 UTC is 23:30 in Pontianak (WIB).
    expect(res.body).toContain('23.30 WIB')
    const withdrawn = await get(`${LIST}/${apps.a3}`, kalbar())
    expect(withdrawn.body).toContain('Tim bubar')
  })

  it('links each attachment to its download', async () => {
    const fileId = await t.asOwner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, async (trx) => {
        const f = await trx
          .insertInto('files')
          .values({
            province_id: ids.kalbar,
            content_type: 'application/pdf',
            size: 2048,
            sha256: 'a'.repeat(64),
            original_name: 'proposal-air.pdf',
            data: Buffer.from('%PDF-1.4'),
            created_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('application_files')
          .values({ province_id: ids.kalbar, application_id: apps.a1, file_id: f.id, kind: 'proposal' })
          .execute()
        return f.id
      }),
    )
    const res = await get(`${LIST}/${apps.a1}`, kalbar())
    expect(res.body).toContain(`href="${LIST}/${apps.a1}/files/${fileId}"`)
    expect(res.body).toContain('proposal-air.pdf')
    expect(res.body).toContain('2 KB')
  })

  it('answers 404 for a draft, another province and an unknown id', async () => {
    expect((await get(`${LIST}/${ids.draft}`, kalbar())).status).toBe(404)
    expect((await get(`${LIST}/${ids.sulselApp}`, kalbar())).status).toBe(404)
    expect((await get(`${LIST}/${ids.sulselApp}`, who.ministry as { Cookie: string })).status).toBe(404)
    expect((await get(`${LIST}/7d1c3a52-9a4e-4c1b-8f0e-2b6d5e4a9c10`, kalbar())).status).toBe(404)
    expect((await get(`${LIST}/not-a-uuid`, kalbar())).status).toBe(404)
  })
})

describe('the CSV export', () => {
  const exports = () =>
    t.asOwner((db) =>
      db
        .selectFrom('audit_log')
        .select(['actor_id', 'province_id', 'details'])
        .where('action', '=', 'applications.exported')
        .orderBy('id')
        .execute(),
    )

  it('answers a UTF-8 CSV with BOM, translated header, quoting and neutralised formulas', async () => {
    const res = await request(`${LIST}.csv?issue=${issues[0]?.id}&lng=en`, {
      db: t.db,
      headers: kalbar(),
      now: seededAt,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="applications-kalbar-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(
      'Receipt number,Submitted at (WIB),Status,Issue,Venture,Legal form,Stage,Regency/city,Applicant name,Applicant email,Beneficiaries,Team size,Women in team',
    )
    expect(lines[1]).toBe(
      `WNR-2023-KALBAR-0001,2023-02-20 23:30,Submitted,${issues[0]?.title_id},Koperasi Air Bersih,Koperasi (cooperative),Operating,Pontianak City,Siti Rahmawati,siti@example.id,1200,3,2`,
    )
    expect(lines[2]).toContain(`,"'=HYPERLINK(""http://evil"",""klik"")",formula@example.id,,0,0`)
    expect(lines[2]?.startsWith('WNR-2023-KALBAR-0003,2023-02-20 23:50,Withdrawn,')).toBe(true)
    expect(lines).toHaveLength(4)
    expect(lines[3]).toBe('')
  })

  it('quotes line breaks and commas, in Indonesian by default, and respects the filters', async () => {
    const res = await get(`${LIST}.csv?q=budi`, kalbar())
    expect(res.body).toContain('Nomor tanda terima,Waktu kirim (WIB),Status,Isu')
    expect(res.body).toContain('"Sekolah ""Pelangi"", Ketapang\nCabang 2"')
    expect(res.body).toContain(',Kab. Ketapang,Budi Santoso,budi@example.id,,1,0\r\n')
    expect(res.body).not.toContain('Koperasi Air Bersih')
    expect(res.body).not.toContain('Draf Rahasia')
    expect(res.body).not.toContain('Usaha Sulsel')
  })

  it('writes an audit entry with the filter for each export', async () => {
    const before = (await exports()).length
    await get(`${LIST}.csv?status=withdrawn&regency=6171`, kalbar())
    const after = await exports()
    expect(after).toHaveLength(before + 1)
    const entry = after.at(-1)
    expect(entry?.province_id).toBe(ids.kalbar)
    expect(entry?.actor_id).not.toBeNull()
    expect(entry?.details).toMatchObject({ filters: { status: 'withdrawn', regency: '6171' }, rows: 1 })
  })
})

describe('isolation', () => {
  it('hides Kalbar from Sulsel (404), refuses reviewers and applicants (403), lets ministry and ERAT in', async () => {
    const sulsel = who.sulsel as { Cookie: string }
    for (const path of [LIST, `${LIST}/${apps.a1}`, `${LIST}.csv`]) {
      expect((await get(path, sulsel)).status).toBe(404)
      expect((await get(path, who.reviewer as { Cookie: string })).status).toBe(403)
      expect((await get(path, who.applicant as { Cookie: string })).status).toBe(403)
      expect((await get(path, who.ministry as { Cookie: string })).status).toBe(200)
      expect((await get(path, who.erat as { Cookie: string })).status).toBe(200)
    }
    const own = await get('/p/sulsel/manage/applications', sulsel)
    expect(own.body).toContain('Usaha Sulsel Tersembunyi')
    expect(own.body).not.toContain('Koperasi Air Bersih')
    const national = await get(LIST, who.ministry as { Cookie: string })
    expect(national.body).not.toContain('Usaha Sulsel Tersembunyi')
  })

  it('sends visitors to sign in', async () => {
    const res = await request(LIST, { db: t.db })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toContain('/login')
  })
})
