import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApplicant, userIdOf } from '#tests/factories/accounts.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { signedIn } from '#tests/factories/session.ts'
import { createVenture } from '#tests/factories/ventures.ts'
import { postForm, request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Drafting an application section by section (issue 6) through the built app, on the
// demo edition whose Kalbar call is open from seededAt − 5 days to seededAt + 9 days.

let t: TestDatabase
const seededAt = new Date()
const afterClose = new Date(seededAt.getTime() + 12 * 24 * 60 * 60 * 1000)
const ids = { kalbar: '', applicant: '', issue: '', otherIssue: '', hiddenIssue: '', sulselIssue: '', app: '' }
let applicant: { Cookie: string }
let second: { Cookie: string }
let sulsel: { Cookie: string }
let bappeda: { Cookie: string }

const page = async (path: string, headers: Record<string, string>, now = seededAt) => {
  const res = await request(path, { db: t.db, headers, now })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}
const post = async (path: string, fields: Record<string, string>, headers: Record<string, string>, now = seededAt) => {
  const res = await postForm(path, fields, { db: t.db, headers, now })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}
const appRow = () =>
  t.asOwner((db) => db.selectFrom('applications').selectAll().where('id', '=', ids.app).executeTakeFirstOrThrow())
const audits = () =>
  t.asOwner((db) =>
    db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', ids.app).orderBy('id').execute(),
  )
const addVenture = (ownerId: string, name: string) =>
  t.asOwner((db) => createVenture(db, ids.kalbar, ownerId, { name }))

beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  await t.asOwner(async (db) => {
    const kalbar = await provinceFixture(db, 'kalbar')
    ids.kalbar = kalbar.province.id
    ids.applicant = await userIdOf(db, 'applicant.kalbar@demo.winner.id')
    ids.issue = kalbar.issues[0]?.id ?? ''
    ids.otherIssue = kalbar.issues[1]?.id ?? ''
    ids.hiddenIssue = kalbar.issues[2]?.id ?? ''
    // One Kalbar issue taken back from the portal: it may no longer be chosen.
    await db.updateTable('province_issues').set({ status: 'validated' }).where('id', '=', ids.hiddenIssue).execute()
    ids.sulselIssue = (await provinceFixture(db, 'sulsel')).issues[0]?.id ?? ''
    // A second Kalbar applicant, with a venture of their own.
    const second = await createApplicant(db, ids.kalbar, { email: 'kedua.kalbar@example.id', name: 'Pendaftar Kedua' })
    await addVenture(second, 'Usaha Kedua')
  })
  expect(ids.hiddenIssue).not.toBe('')
  applicant = await signedIn(t.db, 'applicant.kalbar@demo.winner.id')
  second = await signedIn(t.db, 'kedua.kalbar@example.id')
  sulsel = await signedIn(t.db, 'applicant.sulsel@demo.winner.id')
  bappeda = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
})
afterAll(() => t.close())

describe('starting an application', () => {
  it('asks for a venture profile first', async () => {
    const home = await page('/p/kalbar/apply', applicant)
    expect(home.status).toBe(200)
    expect(home.body).toContain('lengkapi dulu profil usaha Anda')
    expect(home.body).toContain('href="/p/kalbar/apply/profile"')
    const res = await post('/p/kalbar/apply', { issue_id: ids.issue }, applicant)
    expect(res.status).toBe(409)
    expect(res.body).toContain('lengkapi dulu profil usaha Anda')
  })

  it('offers only published issues of the open call and refuses others with 404', async () => {
    await addVenture(ids.applicant, 'Koperasi Digital Desa')
    const home = await page('/p/kalbar/apply', applicant)
    expect(home.body).toContain(`value="${ids.issue}"`)
    expect(home.body).not.toContain(`value="${ids.hiddenIssue}"`)
    expect((await post('/p/kalbar/apply', { issue_id: ids.hiddenIssue }, applicant)).status).toBe(404)
    expect((await post('/p/kalbar/apply', { issue_id: ids.sulselIssue }, applicant)).status).toBe(404)
    const empty = await post('/p/kalbar/apply', { issue_id: '' }, applicant)
    expect(empty.status).toBe(400)
    expect(empty.body).toContain('Pilih salah satu isu yang tersedia.')
  })

  it('creates a draft, audits it, then refuses a second one (limit 1)', async () => {
    const res = await post('/p/kalbar/apply', { issue_id: ids.issue }, applicant)
    expect(res.status).toBe(302)
    expect(res.location).toMatch(/^\/p\/kalbar\/apply\/[0-9a-f-]{36}\/problem$/)
    ids.app = res.location?.split('/')[4] ?? ''
    expect(await appRow()).toMatchObject({ status: 'draft', issue_id: ids.issue, applicant_id: ids.applicant })
    expect((await audits()).map((a) => a.action)).toEqual(['application.created'])

    const again = await post('/p/kalbar/apply', { issue_id: ids.otherIssue }, applicant)
    expect(again.status).toBe(409)
    expect(again.body).toContain('batas jumlah proposal')
    const home = await page('/p/kalbar/apply', applicant)
    expect(home.body).toContain(`href="/p/kalbar/apply/${ids.app}"`)
    expect(home.body).toContain('batas 1 proposal')
  })

  it('says when there is no open call', async () => {
    const home = await page('/p/kalbar/apply', applicant, afterClose)
    expect(home.body).toContain('Periode pendaftaran sudah ditutup.')
  })
})

describe('saving sections', () => {
  const base = () => `/p/kalbar/apply/${ids.app}`

  it('shows each field with its limit and no script is needed to post', async () => {
    const res = await page(`${base()}/problem`, applicant)
    expect(res.status).toBe(200)
    expect(res.body).toContain('maks. 3.000 karakter')
    expect(res.body).toContain('maxLength="3000"')
    expect(res.body).toContain('Simpan dan lanjutkan')
  })

  it('saves each section and redirects to the next one (PRG)', async () => {
    const sections: [string, Record<string, string>, string][] = [
      ['problem', { problem: 'Anak putus sekolah di desa pesisir.' }, 'solution'],
      ['solution', { solution: 'Kelas daring murah.', novelty: 'Guru relawan lokal.' }, 'beneficiaries'],
      ['beneficiaries', { beneficiaries: 'Anak usia sekolah.', beneficiaries_count: '1200' }, 'business'],
      ['business', { business_model: 'Langganan sekolah.', revenue: 'Iuran dan CSR.' }, 'impact'],
      [
        'collaboration',
        { collaboration_opd: 'Data Dinas Pendidikan.', collaboration_private: 'Operator seluler.' },
        'budget',
      ],
    ]
    for (const [section, fields, next] of sections) {
      const res = await post(`${base()}/${section}`, { ...fields, intent: 'next' }, applicant)
      expect(res.status, section).toBe(302)
      expect(res.location).toBe(`${base()}/${next}?saved=1`)
    }
    const last = await post(
      `${base()}/budget`,
      { budget: 'Rp150 juta.', funding_so_far: 'Dana sendiri Rp20 juta.' },
      applicant,
    )
    expect(last.location).toBe(`${base()}?saved=1`)
    const stay = await post(`${base()}/issue`, { issue_id: ids.otherIssue, intent: 'stay' }, applicant)
    expect(stay.location).toBe(`${base()}/issue?saved=1`)

    expect(await appRow()).toMatchObject({
      issue_id: ids.otherIssue,
      problem: 'Anak putus sekolah di desa pesisir.',
      novelty: 'Guru relawan lokal.',
      beneficiaries_count: 1200,
      revenue: 'Iuran dan CSR.',
      collaboration_private: 'Operator seluler.',
      funding_so_far: 'Dana sendiri Rp20 juta.',
    })
    const saved = (await audits()).filter((a) => a.action === 'application.section_saved')
    expect(saved.map((a) => (a.details as { section: string }).section)).toEqual([
      'problem',
      'solution',
      'beneficiaries',
      'business',
      'collaboration',
      'budget',
      'issue',
    ])
    const next = await page(`${base()}/solution?saved=1`, applicant)
    expect(next.body).toContain('Tersimpan.')
    expect(next.body).toContain('Guru relawan lokal.')
  })

  it('the home and the overview show progress, where to continue, and the venture profile', async () => {
    // Every section but the impact (which needs two indicators) is complete now.
    for (const path of ['/p/kalbar/apply', base()]) {
      const shown = await page(path, applicant)
      expect(shown.body, path).toContain('Bagian lengkap: 7 dari 8')
      expect(shown.body, path).toMatch(/<progress value="7" max="8"/)
      expect(shown.body, path).toContain(`href="${base()}/impact">Lanjutkan dari bagian terakhir: `)
      expect(shown.body, path).toContain('href="/p/kalbar/apply/profile"')
    }
  })

  it('refuses an issue that is not published in this province', async () => {
    for (const issue of [ids.hiddenIssue, ids.sulselIssue]) {
      const res = await post(`${base()}/issue`, { issue_id: issue }, applicant)
      expect(res.status).toBe(400)
      expect(res.body).toContain('Pilih salah satu isu yang tersedia.')
    }
    expect((await appRow()).issue_id).toBe(ids.otherIssue)
  })

  it('re-renders an overlong text with 400, the localised message and everything typed', async () => {
    const long = 'panjang '.repeat(400)
    const res = await post(`${base()}/solution`, { solution: long, novelty: 'Kebaruan yang diketik' }, applicant)
    expect(res.status).toBe(400)
    expect(res.body).toContain('Teks terlalu panjang')
    expect(res.body).toContain(long.trim())
    expect(res.body).toContain('Kebaruan yang diketik')
    expect((await appRow()).solution).toBe('Kelas daring murah.')

    const count = await post(`${base()}/beneficiaries`, { beneficiaries: 'Anak', beneficiaries_count: '-3' }, applicant)
    expect(count.status).toBe(400)
    expect(count.body).toContain('Masukkan bilangan bulat antara 0 dan 100.000.000.')
  })

  it('counts a CRLF line break as one character, like the browser', async () => {
    const text = `${'a'.repeat(2998)}\r\nb`
    const res = await post(`${base()}/problem`, { problem: text, intent: 'stay' }, applicant)
    expect(res.status).toBe(302)
    expect((await appRow()).problem).toHaveLength(3000)
  })

  it('an empty or unchanged section saves nothing and says so instead of "saved"', async () => {
    const before = (await audits()).length
    const empty = await post(`${base()}/impact`, { impact: '', intent: 'stay' }, applicant)
    expect(empty.location).toBe(`${base()}/impact?unchanged=1`)
    const same = await post(`${base()}/problem`, { problem: (await appRow()).problem ?? '', intent: 'next' }, applicant)
    // Nothing to report on the next section: it is not the one that was "saved".
    expect(same.location).toBe(`${base()}/solution`)
    expect((await audits()).length).toBe(before)
    const shown = await page(`${base()}/impact?unchanged=1`, applicant)
    expect(shown.body).toContain('Tidak ada perubahan')
    expect(shown.body).not.toContain('Tersimpan.')
  })

  it('a failed save after an earlier one shows only the failure, listed in an error summary', async () => {
    const res = await post(`${base()}/solution?saved=1`, { solution: 'x'.repeat(5000), novelty: 'Baru' }, applicant)
    expect(res.status).toBe(400)
    expect(res.body).not.toContain('Tersimpan.')
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0] ?? ''
    expect(summary).toContain('href="#section-solution-solution"')
    expect(summary).not.toContain('#section-solution-novelty')
    expect(res.body).toContain('id="section-solution-solution"')
  })

  it('stores two or three indicator rows and drops blank ones', async () => {
    const res = await post(
      `${base()}/impact`,
      {
        impact: 'Angka putus sekolah turun.',
        'indicators[0].name': 'Angka putus sekolah',
        'indicators[0].baseline': '12',
        'indicators[0].target': '6',
        'indicators[0].unit': '%',
        'indicators[1].name': 'Anak terlayani',
        'indicators[1].baseline': '0',
        'indicators[1].target': '1200',
        'indicators[1].unit': 'anak',
        'indicators[2].name': '',
        'indicators[2].baseline': '',
        'indicators[2].target': '',
        'indicators[2].unit': '',
      },
      applicant,
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${base()}/collaboration?saved=1`)
    const rows = await t.asOwner((db) =>
      db
        .selectFrom('application_indicators')
        .select(['name', 'baseline', 'target', 'unit', 'position'])
        .where('application_id', '=', ids.app)
        .orderBy('position')
        .execute(),
    )
    expect(rows).toEqual([
      { name: 'Angka putus sekolah', baseline: '12', target: '6', unit: '%', position: 1 },
      { name: 'Anak terlayani', baseline: '0', target: '1200', unit: 'anak', position: 2 },
    ])

    // A row begun without its target is refused; every typed value comes back.
    const bad = await post(
      `${base()}/impact`,
      {
        impact: 'Dampak baru',
        'indicators[0].name': 'Indikator A',
        'indicators[0].baseline': '1',
        'indicators[0].target': '2',
        'indicators[1].name': 'Indikator tanpa target',
        'indicators[1].baseline': '5',
      },
      applicant,
    )
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Wajib diisi.')
    expect(bad.body).toContain('Indikator tanpa target')
    expect(bad.body).toContain('Dampak baru')
    expect(bad.body).toContain('value="Indikator A"')

    const overview = await page(base(), applicant)
    expect(overview.status).toBe(200)
    expect(overview.body).toContain('Angka putus sekolah: 12 → 6 %')
    expect(overview.body).toContain('lengkap')
  })

  it('answers 404 for an unknown section', async () => {
    expect((await page(`${base()}/team-photos`, applicant)).status).toBe(404)
    expect((await post(`${base()}/team-photos`, { x: '1' }, applicant)).status).toBe(404)
  })

  it('is read-only after the call closes', async () => {
    const view = await page(`${base()}/problem`, applicant, afterClose)
    expect(view.status).toBe(200)
    expect(view.body).toContain('proposal ini hanya dapat dibaca')
    expect(view.body).not.toContain('Simpan dan lanjutkan')
    const res = await post(`${base()}/problem`, { problem: 'Terlambat' }, applicant, afterClose)
    expect(res.status).toBe(409)
    expect((await appRow()).problem).toHaveLength(3000)
    const overview = await page(base(), applicant, afterClose)
    expect(overview.body).not.toContain('Ubah bagian ini')
  })
})

describe('isolation', () => {
  const paths = () => [`/p/kalbar/apply/${ids.app}`, `/p/kalbar/apply/${ids.app}/problem`]

  it('hides an application from another Kalbar applicant (pages and posts)', async () => {
    for (const path of paths()) expect((await page(path, second)).status, path).toBe(404)
    expect((await post(`/p/kalbar/apply/${ids.app}/problem`, { problem: 'x' }, second)).status).toBe(404)
    expect((await post(`/p/kalbar/apply/${ids.app}/problem`, { problem: 'x'.repeat(4000) }, second)).status).toBe(404)
    const home = await page('/p/kalbar/apply', second)
    expect(home.body).not.toContain(ids.app)
    expect((await appRow()).problem).toHaveLength(3000)
  })

  it('answers 404 to a Sulsel applicant and 403 to Bappeda', async () => {
    for (const path of ['/p/kalbar/apply', ...paths()]) {
      expect((await page(path, sulsel)).status, path).toBe(404)
      expect((await page(path, bappeda)).status, path).toBe(403)
    }
    expect((await post(`/p/kalbar/apply/${ids.app}/problem`, { problem: 'x' }, sulsel)).status).toBe(404)
    expect((await post(`/p/kalbar/apply/${ids.app}/problem`, { problem: 'x' }, bappeda)).status).toBe(403)
  })
})
