import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDashboard } from '#app/modules/oversight/dashboard.server.ts'
import { FUNNEL_STEPS } from '#app/modules/oversight/dashboard-rules.ts'
import { parseDashboardFilters } from '#app/modules/oversight/filters.ts'
import { refreshOversight } from '#app/modules/oversight/refresh.server.ts'
import { createApplicant } from '#tests/factories/accounts.ts'
import { createApplication } from '#tests/factories/applications.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { assign } from '#tests/factories/desk.ts'
import { publishFinalists } from '#tests/factories/mentoring.ts'
import { createSubmitted } from '#tests/factories/screening.ts'
import { createMember } from '#tests/factories/selection.ts'
import { signedIn } from '#tests/factories/session.ts'
import { createVenture } from '#tests/factories/ventures.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// The national oversight (issue 16) over a data set with known counts: the demo edition
// plus, in Kalbar, three submitted applications and two drafts, and in Sulsel three
// published finalists, one of them assigned and scored. After a recount the national
// totals are the sum of the provinces, and both equal what the tables hold; the pages
// answer ministry and ERAT only, filter, and export formula-safe files.

let t: TestDatabase
let kalbar: ProvinceFixture
let sulsel: ProvinceFixture
const now = new Date()
const who: Record<string, { Cookie: string }> = {}

const get = async (path: string, as?: string) => {
  const res = await request(path, { db: t.db, headers: as ? (who[as] ?? {}) : {} })
  return res
}
const filters = (q = '') => parseDashboardFilters(new URLSearchParams(q))

beforeAll(async () => {
  t = await createDemoDatabase(now)
  await t.asOwner(async (db) => {
    kalbar = await provinceFixture(db, 'kalbar')
    sulsel = await provinceFixture(db, 'sulsel')
    const issue = kalbar.issues[0]?.id as string
    for (let i = 1; i <= 3; i++) {
      await createSubmitted(db, {
        province: kalbar.province.id,
        edition: kalbar.editionId,
        call: kalbar.callId,
        issue,
        email: `oversight.k${i}@example.id`,
        applicant: `Pendaftar K${i}`,
        venture: `Usaha Kalbar ${i}`,
        receipt: `WNR-OV-K${i}`,
        submittedAt: new Date(now.getTime() - 86_400_000),
      })
    }
    for (let i = 1; i <= 2; i++) {
      const applicant = await createApplicant(db, kalbar.province.id, {
        email: `oversight.d${i}@example.id`,
        name: `Draf ${i}`,
      })
      const venture = await createVenture(db, kalbar.province.id, applicant, {
        name: `Draf Usaha ${i}`,
        legal_form: 'cv',
        stage: 'idea',
      })
      await createApplication(db, {
        province_id: kalbar.province.id,
        edition_id: kalbar.editionId,
        call_id: kalbar.callId,
        applicant_id: applicant,
        venture_id: venture,
        issue_id: issue,
        status: 'draft',
      })
    }
    const finalists = await publishFinalists(db, sulsel, ['Tenun Bugis', 'Rumput Laut Takalar', 'Kopi Toraja'])
    const reviewer = await createMember(db, sulsel.province.id, 'reviewer', { name: 'Penilai Oversight' })
    await assign(db, sulsel.province.id, finalists[0]?.id as string, reviewer.id)
    await db
      .updateTable('review_assignments')
      .set({ scored_at: now, total: '80' })
      .where('application_id', '=', finalists[0]?.id as string)
      .execute()
  })
  for (const [k, email] of Object.entries({
    ministry: 'ministry@demo.winner.id',
    erat: 'erat@demo.winner.id',
    admin: 'bappeda.kalbar@demo.winner.id',
    applicant: 'applicant.kalbar@demo.winner.id',
  })) {
    who[k] = await signedIn(t.db, email)
  }
})
afterAll(() => t.close())

const activeProvinces = async () =>
  (await t.asOwner((db) => db.selectFrom('provinces').select('id').where('active', '=', true).execute())).length

/** What the tables hold for the edition, counted as the owner (no summary, no RLS). */
async function direct(provinceId: string) {
  return t.asOwner(async (db) => {
    const rows = await db
      .selectFrom('applications')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('province_id', '=', provinceId)
      .where('edition_id', '=', kalbar.editionId)
      .groupBy('status')
      .execute()
    const n = (...s: string[]) => rows.filter((r) => s.includes(r.status)).reduce((a, r) => a + Number(r.n), 0)
    return {
      drafts: n('draft'),
      submitted: n('submitted', 'eligible', 'ineligible', 'in_review', 'shortlisted', 'finalist', 'not_selected'),
      finalists: n('finalist'),
    }
  })
}

describe('figures', () => {
  it('before the first recount the page says the figures are being counted', async () => {
    const res = await get('/national/dashboard', 'ministry')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Angka sedang dihitung')
  })

  it('national totals equal the sum of the provinces and what the tables hold', async () => {
    expect(await refreshOversight(t.db, now)).toBe(await activeProvinces())
    const d = await loadDashboard(t.db, filters(), now)
    if (!d) throw new Error('no edition')
    for (const step of FUNNEL_STEPS) {
      expect(d.totals.funnel[step], step).toBe(d.rows.reduce((s, r) => s + r.funnel[step], 0))
    }
    expect(d.totals.reviews.assigned).toBe(d.rows.reduce((s, r) => s + r.reviews.assigned, 0))
    const total = (m: 'applications' | 'eligible' | 'finalists') =>
      Object.values(d.issueTotals).reduce((s, c) => s + c[m], 0)
    expect(total('applications')).toBe(d.totals.funnel.submitted)
    expect(total('eligible')).toBe(d.totals.funnel.eligible)
    expect(total('finalists')).toBe(d.totals.funnel.finalists)

    const k = d.rows.find((r) => r.slug === 'kalbar')
    const s = d.rows.find((r) => r.slug === 'sulsel')
    const dk = await direct(kalbar.province.id)
    const ds = await direct(sulsel.province.id)
    expect(k?.funnel.submitted).toBe(dk.submitted)
    expect(k?.funnel.drafts).toBe(dk.drafts)
    expect(dk.submitted).toBeGreaterThanOrEqual(3)
    expect(dk.drafts).toBeGreaterThanOrEqual(2)
    expect(s?.funnel.finalists).toBe(3)
    expect(s?.funnel.shortlisted).toBe(3)
    expect(ds.finalists).toBe(3)
    expect(s?.funnel.reviewed).toBeGreaterThanOrEqual(1)
    expect(s?.reviews.scored).toBeGreaterThanOrEqual(1)
    // Every province's figures together: the sum over the tables for all provinces.
    const all = await t.asOwner((db) =>
      db
        .selectFrom('applications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('edition_id', '=', kalbar.editionId)
        .where('status', '=', 'draft')
        .executeTakeFirstOrThrow(),
    )
    expect(d.totals.funnel.drafts).toBe(Number(all.n))
  })

  it('a new application shows after the next recount, not before; fresh figures are not recounted', async () => {
    const before = (await loadDashboard(t.db, filters('province=kalbar'), now))?.totals.funnel.submitted ?? -1
    await t.asOwner((db) =>
      createSubmitted(db, {
        province: kalbar.province.id,
        edition: kalbar.editionId,
        call: kalbar.callId,
        issue: kalbar.issues[0]?.id as string,
        email: 'oversight.k4@example.id',
        applicant: 'Pendaftar K4',
        venture: 'Usaha Kalbar 4',
        receipt: 'WNR-OV-K4',
        submittedAt: now,
      }),
    )
    expect(await refreshOversight(t.db, new Date(now.getTime() + 60_000))).toBe(0)
    expect((await loadDashboard(t.db, filters('province=kalbar'), now))?.totals.funnel.submitted).toBe(before)
    expect(await refreshOversight(t.db, new Date(now.getTime() + 5 * 60_000))).toBe(await activeProvinces())
    expect((await loadDashboard(t.db, filters('province=kalbar'), now))?.totals.funnel.submitted).toBe(before + 1)
  })
})

describe('pages', () => {
  it('ministry and ERAT read the dashboard; the others are refused', async () => {
    for (const as of ['ministry', 'erat']) {
      const res = await get('/national/dashboard', as)
      expect(res.status).toBe(200)
      const body = await res.text()
      expect(body).toContain('Dasbor pemantauan nasional')
      expect(body).toMatch(/Angka per pukul \d\d\.\d\d WIB/)
      expect(body).toContain('<title id="funnel-title">')
      expect(body).toContain('<desc id="heatmap-desc">')
      expect(body).toContain('Kalimantan Barat')
    }
    expect((await get('/national/dashboard', 'admin')).status).toBe(403)
    expect((await get('/national/dashboard', 'applicant')).status).toBe(403)
    expect((await get('/national/dashboard')).status).toBe(302)
    const home = await (await get('/national', 'ministry')).text()
    expect(home).toContain('href="/national/dashboard"')
  })

  it('filters by province and phase with a plain GET form, in English too', async () => {
    const one = await (await get('/national/dashboard?province=sulsel&lng=en', 'ministry')).text()
    expect(one).toContain('National oversight dashboard')
    expect(one).toContain('Sulawesi Selatan')
    expect(one).not.toContain('>Kalimantan Barat</a>')
    expect(one).toContain('<form method="get"')
    const phases = await t.asOwner((db) =>
      db
        .selectFrom('phase_provinces as pp')
        .innerJoin('phases as ph', 'ph.id', 'pp.phase_id')
        .innerJoin('provinces as p', 'p.id', 'pp.province_id')
        .select(['ph.number', 'p.slug'])
        .where('pp.edition_id', '=', kalbar.editionId)
        .execute(),
    )
    const phase = phases.find((p) => p.slug === 'kalbar')?.number
    if (phase !== undefined) {
      const d = await loadDashboard(t.db, filters(`phase=${phase}`), now)
      expect(d?.rows.map((r) => r.slug).sort()).toEqual(
        phases
          .filter((p) => p.number === phase)
          .map((p) => p.slug)
          .filter((slug) => d?.provinceOptions.some((o) => o.slug === slug))
          .sort(),
      )
    }
    // A filter that makes no sense falls back to everything rather than failing.
    expect((await get('/national/dashboard?phase=x&province=%00&edition=nope', 'ministry')).status).toBe(200)
  })

  it('exports every table as CSV and XLSX with the filters, formulas neutralised', async () => {
    await t.asOwner((db) =>
      db
        .updateTable('provinces')
        .set({ name: '=HYPERLINK("http://x","Sulsel")' })
        .where('slug', '=', 'sulsel')
        .execute(),
    )
    await refreshOversight(t.db, new Date(now.getTime() + 20 * 60_000))
    for (const table of ['funnel', 'stages', 'risks', 'heatmap', 'issues', 'reviews']) {
      const csv = await get(`/national/dashboard.csv?table=${table}`, 'erat')
      expect(csv.status, table).toBe(200)
      expect(csv.headers.get('Content-Type')).toContain('text/csv')
      const xlsx = await get(`/national/dashboard.xlsx?table=${table}`, 'erat')
      expect(xlsx.status, table).toBe(200)
    }
    const funnel = await (await get('/national/dashboard.csv?table=funnel&province=sulsel', 'ministry')).text()
    expect(funnel).toContain(`"'=HYPERLINK(""http://x"",""Sulsel"")"`)
    expect(funnel).not.toMatch(/^=|,=/m)
    expect(funnel.split('\r\n').filter(Boolean)).toHaveLength(3)
    const file = await get('/national/dashboard.xlsx?table=funnel&province=sulsel', 'ministry')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await file.arrayBuffer())
    const cell = book.worksheets[0]?.getRow(2).getCell(1)
    expect(cell?.formula).toBeUndefined()
    expect(String(cell?.value)).toContain('HYPERLINK')
    expect((await get('/national/dashboard.csv?table=nope', 'ministry')).status).toBe(404)
    expect((await get('/national/dashboard.csv?table=funnel', 'admin')).status).toBe(403)
  })

  it('the programme report prints the funnel, heatmap, finalists and timeline in both languages', async () => {
    const id = await get('/national/report', 'ministry')
    expect(id.status).toBe(200)
    const body = await id.text()
    expect(body).toContain('Laporan program')
    expect(body).toContain('Finalis per provinsi')
    expect(body).toContain('Kopi Toraja')
    expect(body).toContain('Jadwal program')
    const en = await (await get('/national/report?lng=en', 'erat')).text()
    expect(en).toContain('Programme report')
    expect(en).toContain('Finalists per province')
    expect((await get('/national/report', 'admin')).status).toBe(403)
  })
})
