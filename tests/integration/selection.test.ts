import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatFigure } from '#app/modules/selection/leaderboard.ts'
import { rankApplications } from '#app/modules/selection/score-maths.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { addReview, createApplicationInReview, createMember } from '#tests/factories/selection.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Ranking, exports and the selection workflow of issue 7 through the built app, on a
// small seeded table: figures equal the maths module's output for the same rows (and
// one hand-known value), the method switch, flags, blind exports, three justified
// finalists, the ministry's confirm/return, publication only once confirmed, tenant
// isolation, ERAT read-only, and what applicants and the portal see before and after.

let t: TestDatabase
const who: Record<string, { Cookie: string }> = {}
const invalidated: (string | undefined)[] = []
let fx: Awaited<ReturnType<typeof provinceFixture>>
const apps: Record<string, { id: string; applicant: { id: string; email: string } }> = {}
const reviewers: Record<string, string> = {}
// Weighted totals of the completed reviews: a1 has three, a5 one, a6 none yet.
const TABLE: [string, string, number][] = [
  ['a1', 'r1', 80],
  ['a1', 'r2', 70],
  ['a1', 'r3', 90],
  ['a2', 'r1', 60],
  ['a2', 'r2', 65],
  ['a3', 'r1', 40],
  ['a3', 'r2', 90],
  ['a4', 'r2', 75],
  ['a4', 'r3', 75],
  ['a5', 'r3', 75],
]
const VENTURES: Record<string, string> = {
  a1: 'Koperasi Air Bersih Kapuas',
  a2: 'Bank Sampah Pontianak',
  a3: 'Rumah Gizi Anak Sambas',
  a4: 'Tenun Ikat Sintang',
  a5: 'Kopi Liberika Kayong',
  a6: 'Ekowisata Danau Sentarum',
}
const REVIEWER_NAMES: Record<string, string> = {
  r1: 'Penilai Rahasia Satu',
  r2: 'Penilai Rahasia Dua',
  r3: 'Penilai Rahasia Tiga',
}
const KALBAR = '/p/kalbar/manage'
const JUSTIFIED = 'Dampak sosial terukur dan model usaha yang berkelanjutan.'

const get = async (path: string, as: string) => {
  const res = await request(path, { db: t.db, headers: who[as] ?? {} })
  return { status: res.status, body: await res.text(), res }
}
const post = (path: string, body: Record<string, string>, as: string) =>
  postForm(path, body, { db: t.db, headers: who[as] ?? {}, invalidated })
const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const selectionStatus = () =>
  owner((db) =>
    db.selectFrom('selections').select(['status', 'return_note']).where('call_id', '=', fx.callId).executeTakeFirst(),
  )
const statusOf = (key: string) =>
  owner(
    async (db) =>
      (
        await db
          .selectFrom('applications')
          .select('status')
          .where('id', '=', apps[key]?.id ?? '')
          .executeTakeFirstOrThrow()
      ).status,
  )
const auditCount = (action: string) =>
  owner(async (db) =>
    Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  )
const totals = () =>
  TABLE.map(([a, r, total]) => ({ applicationId: apps[a]?.id ?? '', reviewerId: reviewers[r] ?? '', total }))
/** The cells of a leaderboard row in the rendered HTML. */
function rowCells(html: string, applicationId: string): Record<string, string> {
  const row = html.match(new RegExp(`<tr data-application="${applicationId}">([\\s\\S]*?)</tr>`))?.[1] ?? ''
  const cells: Record<string, string> = {}
  for (const m of row.matchAll(/<td data-cell="(\w+)">([\s\S]*?)<\/td>/g)) cells[m[1] as string] = m[2] as string
  return cells
}
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const s = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

beforeAll(async () => {
  t = await createDemoDatabase(new Date())
  fx = await owner((db) => provinceFixture(db, 'kalbar'))
  await owner((db) => db.deleteFrom('applications').execute())
  expect(fx.issues.length).toBeGreaterThanOrEqual(2)
  const [i0, i1] = fx.issues as unknown as [{ id: string }, { id: string }]
  for (const r of ['r1', 'r2', 'r3']) {
    reviewers[r] = (
      await owner((db) =>
        createMember(db, fx.province.id, 'reviewer', { name: REVIEWER_NAMES[r] as string, opdId: fx.opdId }),
      )
    ).id
  }
  for (const [n, key] of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].entries()) {
    apps[key] = await owner((db) =>
      createApplicationInReview(
        db,
        { provinceId: fx.province.id, editionId: fx.editionId, callId: fx.callId },
        {
          venture: VENTURES[key] as string,
          applicant: `Pendaftar ${key}`,
          // a2 and a4 share the second issue; the rest the first.
          issueId: key === 'a2' || key === 'a4' ? i1.id : i0.id,
          receipt: `WNR-KALBAR-${String(n + 1).padStart(4, '0')}`,
          locale: key === 'a2' ? 'en' : 'id',
        },
      ),
    )
  }
  for (const [a, r, total] of TABLE) {
    await owner((db) =>
      addReview(db, fx.province.id, { applicationId: apps[a]?.id ?? '', reviewerId: reviewers[r] ?? '', total }),
    )
  }
  await owner((db) =>
    addReview(db, fx.province.id, { applicationId: apps.a6?.id ?? '', reviewerId: reviewers.r1 ?? '', total: null }),
  )
  // Per-criterion scores for a1, shown to its applicant when the call shares scores.
  await owner((db) =>
    withTenant(db, { provinceId: fx.province.id }, async (trx) => {
      const criteria = await trx
        .insertInto('rubric_criteria')
        .values(
          ['impact', 'feasibility'].map((key, i) => ({
            province_id: fx.province.id,
            call_id: fx.callId,
            key,
            position: i + 1,
            weight: i === 0 ? 60 : 40,
            title_id: key === 'impact' ? 'Dampak sosial' : 'Kelayakan usaha',
            title_en: key === 'impact' ? 'Social impact' : 'Business feasibility',
            levels: JSON.stringify(
              Array.from({ length: 5 }, (_, l) => ({ id: `Tingkat ${l + 1}`, en: `Level ${l + 1}` })),
            ),
          })),
        )
        .returning(['id', 'key'])
        .execute()
      const scores: [string, string, number, string][] = [
        ['r1', 'impact', 4, 'Jangkauan penerima manfaat luas.'],
        ['r2', 'impact', 3, ''],
        ['r3', 'impact', 5, 'Sangat relevan dengan isu provinsi.'],
        ['r1', 'feasibility', 4, ''],
        ['r2', 'feasibility', 4, ''],
        ['r3', 'feasibility', 4, ''],
      ]
      for (const [r, key, score, comment] of scores) {
        await trx
          .insertInto('review_scores')
          .values({
            province_id: fx.province.id,
            application_id: apps.a1?.id ?? '',
            reviewer_id: reviewers[r] ?? '',
            criterion_id: criteria.find((c) => c.key === key)?.id ?? '',
            score,
            comment,
          })
          .execute()
      }
    }),
  )
  who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  who.otherAdmin = await signedIn(t.db, 'bappeda.sulsel@demo.winner.id')
  who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')
  who.erat = await signedIn(t.db, 'erat@demo.winner.id')
  who.reviewer = await signedIn(t.db, 'reviewer.kalbar@demo.winner.id')
  who.a1 = await signedIn(t.db, apps.a1?.applicant.email ?? '')
  who.a2 = await signedIn(t.db, apps.a2?.applicant.email ?? '')
})
afterAll(() => t.close())

describe('ranking', () => {
  it('renders the figures rankApplications computes from the same rows, with flags and progress', async () => {
    const { status, body } = await get(`${KALBAR}/ranking`, 'admin')
    expect(status).toBe(200)
    const expected = rankApplications(totals(), { method: 'zscore' })
    expect(expected).toHaveLength(5)
    for (const e of expected) {
      const cells = rowCells(body, e.applicationId)
      expect(cells.rank).toBe(String(e.rank))
      expect(cells.mean).toBe(formatFigure(e.mean, 'id'))
      // The spread stays on the page: it is why a row is flagged; who gave which total is in the exports.
      expect(cells.spread).toBe(formatFigure(e.spread, 'id'))
      expect(cells.normalised).toBe(formatFigure(e.normalised, 'id'))
      expect(cells.flags?.includes('Penilai berbeda pendapat')).toBe(e.disagreement)
    }
    // Known by hand: a1's mean is (80 + 70 + 90) / 3 = 80; a3's spread 90 − 40 = 50 is flagged.
    expect(rowCells(body, apps.a1?.id ?? '').mean).toBe('80,00')
    expect(rowCells(body, apps.a3?.id ?? '').flags).toContain('Penilai berbeda pendapat')
    expect(rowCells(body, apps.a3?.id ?? '').spread).toBe('50,00')
    // a6 has no completed review: not ranked, but counted in the progress.
    expect(body).not.toContain(VENTURES.a6)
    expect(body).toContain('10 dari 18 penilaian selesai (6 pendaftaran dalam penilaian)')
    expect(body).toContain('alfa Krippendorff')
    expect(body).toContain('data-method="zscore"')
    // Each row counts its completed reviews; who gave which total is in the exports only.
    expect(rowCells(body, apps.a1?.id ?? '').reviews).toBe('3')
    expect(rowCells(body, apps.a5?.id ?? '').reviews).toBe('1')
    for (const name of Object.values(REVIEWER_NAMES)) expect(body).not.toContain(name)
    expect(body).toContain('<caption>Baris 1–5 dari 5 dalam peringkat</caption>')
    expect(body).not.toContain('rel="next"')
  })

  it('flags ties and ranks tied applications alike', async () => {
    const { body } = await get(`${KALBAR}/ranking`, 'admin')
    const expected = rankApplications(totals(), { method: 'zscore' })
    for (const e of expected) {
      expect(rowCells(body, e.applicationId).flags?.includes('>Seri<')).toBe(e.tie)
    }
  })

  it('ranks within one issue when filtered', async () => {
    const issue = fx.issues[1]?.id ?? ''
    const { body } = await get(`${KALBAR}/ranking?issue=${issue}`, 'admin')
    expect(body).toContain(VENTURES.a2)
    expect(body).toContain(VENTURES.a4)
    expect(body).not.toContain(VENTURES.a1)
    const expected = rankApplications(totals(), { method: 'zscore' }).filter(
      (e) => e.applicationId === apps.a2?.id || e.applicationId === apps.a4?.id,
    )
    expect(expected.map((e) => rowCells(body, e.applicationId).rank)).toEqual(['1', '2'])
  })

  it('lets the admin switch the method (audited); ministry and ERAT may not', async () => {
    expect((await post(`${KALBAR}/ranking`, { intent: 'method', method: 'mean' }, 'erat')).status).toBe(403)
    expect((await post(`${KALBAR}/ranking`, { intent: 'method', method: 'mean' }, 'ministry')).status).toBe(403)
    expect((await post(`${KALBAR}/ranking`, { intent: 'method', method: 'median' }, 'admin')).status).toBe(400)
    const res = await post(`${KALBAR}/ranking`, { intent: 'method', method: 'mean' }, 'admin')
    expect(res.status).toBe(302)
    const { body } = await get(`${KALBAR}/ranking`, 'admin')
    expect(body).toContain('data-method="mean"')
    const byMean = rankApplications(totals(), { method: 'mean' })
    for (const e of byMean) {
      const cells = rowCells(body, e.applicationId)
      expect(cells.rank).toBe(String(e.rank))
      expect(cells.flags?.includes('>Seri<')).toBe(e.tie)
    }
    // a4 (75 and 75) and a5 (75) tie on the mean: same rank, both flagged.
    expect(
      byMean
        .filter((e) => e.tie)
        .map((e) => e.applicationId)
        .sort(),
    ).toEqual([apps.a4?.id, apps.a5?.id].sort())
    expect(rowCells(body, apps.a4?.id ?? '').rank).toBe(rowCells(body, apps.a5?.id ?? '').rank)
    expect(await auditCount('ranking.method_changed')).toBe(1)
    // Again: nothing changes, nothing more is audited.
    expect((await post(`${KALBAR}/ranking`, { intent: 'method', method: 'mean' }, 'admin')).status).toBe(302)
    expect(await auditCount('ranking.method_changed')).toBe(1)
    expect((await post(`${KALBAR}/ranking`, { intent: 'method', method: 'zscore' }, 'admin')).status).toBe(302)
  })

  it('is read-only for ERAT and the ministry, 404 for another province, 403 for reviewers', async () => {
    const erat = await get(`${KALBAR}/ranking`, 'erat')
    expect(erat.status).toBe(200)
    expect(erat.body).not.toContain('name="method"')
    expect((await get(`${KALBAR}/ranking`, 'ministry')).status).toBe(200)
    expect((await get(`${KALBAR}/ranking`, 'otherAdmin')).status).toBe(404)
    expect((await get(`${KALBAR}/ranking.csv`, 'otherAdmin')).status).toBe(404)
    expect((await get(`${KALBAR}/ranking`, 'reviewer')).status).toBe(403)
  })
})

describe('exports', () => {
  it('CSV: rank, receipt, issue, venture, figures, flags and per-reviewer totals; audited', async () => {
    const before = await auditCount('ranking.exported')
    const { status, body, res } = await get(`${KALBAR}/ranking.csv`, 'admin')
    expect(status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const rows = parseCsv(body)
    const [header, ...records] = rows as [string[], ...string[][]]
    expect(header.slice(0, 4)).toEqual(['Peringkat', 'Nomor tanda terima', 'Isu', 'Usaha'])
    expect(header).toContain('Penilai 3')
    expect(header).toContain('Penilai 1 (nama)')
    expect(records).toHaveLength(5)
    const a1 = records.find((r) => r[3] === VENTURES.a1) as string[]
    const expected = rankApplications(totals(), { method: 'zscore' }).find((e) => e.applicationId === apps.a1?.id)
    expect(a1[0]).toBe(String(expected?.rank))
    expect(a1[5]).toBe('80')
    expect(a1.slice(10)).toEqual(['80', REVIEWER_NAMES.r1, '70', REVIEWER_NAMES.r2, '90', REVIEWER_NAMES.r3])
    const a3 = records.find((r) => r[3] === VENTURES.a3) as string[]
    expect(a3[6]).toBe('50')
    expect(a3[8]).toBe('ya')
    expect(await auditCount('ranking.exported')).toBe(before + 1)
  })

  it('blind call: reviewers numbered, never named, in CSV and XLSX; ventures still named for Bappeda', async () => {
    await owner((db) => db.updateTable('calls').set({ blind_review: true }).where('id', '=', fx.callId).execute())
    try {
      const csv = await get(`${KALBAR}/ranking.csv`, 'admin')
      for (const name of Object.values(REVIEWER_NAMES)) expect(csv.body).not.toContain(name)
      const [header] = parseCsv(csv.body) as [string[]]
      expect(header).toContain('Penilai 1')
      expect(header.some((h) => h.includes('(nama)'))).toBe(false)
      expect(csv.body).toContain(VENTURES.a1)

      const xlsx = await get(`${KALBAR}/ranking.xlsx?lng=en`, 'admin')
      expect(xlsx.status).toBe(200)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(
        Buffer.from(
          await (await request(`${KALBAR}/ranking.xlsx?lng=en`, { db: t.db, headers: who.admin ?? {} })).arrayBuffer(),
        ) as never,
      )
      const sheet = book.worksheets[0]
      expect(sheet).toBeDefined()
      const values = (sheet?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1))
      expect(values[0]?.slice(0, 4)).toEqual(['Rank', 'Receipt number', 'Issue', 'Venture'])
      expect(values[0]).toContain('Reviewer 1')
      expect(values).toHaveLength(6)
      const a1 = values.find((r) => r[3] === VENTURES.a1) as unknown[]
      expect(a1[5]).toBe(80)
      expect(a1.slice(10)).toEqual([80, 70, 90])
      expect(JSON.stringify(values)).not.toContain('Rahasia')
      const page = await get(`${KALBAR}/ranking`, 'admin')
      expect(page.body).not.toContain(REVIEWER_NAMES.r1)
      expect(rowCells(page.body, apps.a1?.id ?? '').reviews).toBe('3')
    } finally {
      await owner((db) => db.updateTable('calls').set({ blind_review: false }).where('id', '=', fx.callId).execute())
    }
  })
})

describe('selection workflow', () => {
  const sel = `${KALBAR}/selection`
  const finalist = (key: string, justification = JUSTIFIED) => ({
    intent: 'finalist',
    application: apps[key]?.id ?? '',
    justification,
  })

  it('applicants and the portal see nothing before publication', async () => {
    const page = await get(`/p/kalbar/apply/${apps.a1?.id}`, 'a1')
    expect(page.status).toBe(200)
    expect(page.body).not.toContain('id="outcome"')
    const portal = await get('/p/kalbar', 'anonymous')
    expect(portal.body).not.toContain(VENTURES.a1)
  })

  it('requires a justification of 20 characters for a finalist, with a localised message', async () => {
    const res = await post(sel, finalist('a1', 'Terlalu pendek'), 'admin')
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Tuliskan alasan pemilihan paling sedikit 20 karakter.')
  })

  it('shortlists, picks at most three finalists, and submits only exactly three', async () => {
    expect((await post(sel, { intent: 'shortlist', application: apps.a2?.id ?? '' }, 'admin')).status).toBe(302)
    expect((await post(sel, { intent: 'shortlist', application: apps.a2?.id ?? '' }, 'admin')).status).toBe(302)
    expect((await post(sel, finalist('a1'), 'admin')).status).toBe(302)
    expect((await post(sel, finalist('a3'), 'admin')).status).toBe(302)
    const early = await post(sel, { intent: 'submit' }, 'admin')
    expect(early.status).toBe(409)
    expect(await early.text()).toContain('Pilih tepat 3 finalis sebelum mengirim.')
    expect((await post(sel, finalist('a4'), 'admin')).status).toBe(302)
    expect((await post(sel, finalist('a5'), 'admin')).status).toBe(409)
    // Not ranked (no completed review) and unknown ids: 404.
    expect((await post(sel, { intent: 'shortlist', application: apps.a6?.id ?? '' }, 'admin')).status).toBe(404)
    const page = await get(sel, 'admin')
    expect(page.body).toContain(JUSTIFIED)
    expect(page.body).toContain('Finalis (3 dari 3)')
  })

  it('isolates: another province 404, ERAT and the ministry cannot change, reviewers 403', async () => {
    expect((await get(sel, 'otherAdmin')).status).toBe(404)
    expect((await post(sel, finalist('a5'), 'otherAdmin')).status).toBe(404)
    expect((await post(sel, { intent: 'submit' }, 'erat')).status).toBe(403)
    expect((await post(sel, { intent: 'submit' }, 'ministry')).status).toBe(403)
    expect((await get(sel, 'reviewer')).status).toBe(403)
    expect((await get(sel, 'erat')).status).toBe(200)
    expect((await get('/national/selections/kalbar', 'admin')).status).toBe(403)
  })

  it('submits to the ministry and locks changes while awaiting; no publication before confirmation', async () => {
    expect((await post(sel, { intent: 'submit' }, 'admin')).status).toBe(302)
    expect((await selectionStatus())?.status).toBe('awaiting_confirmation')
    expect((await post(sel, { intent: 'submit' }, 'admin')).status).toBe(302)
    expect((await post(sel, { intent: 'remove', application: apps.a2?.id ?? '' }, 'admin')).status).toBe(409)
    expect((await post(sel, { intent: 'publish' }, 'admin')).status).toBe(409)
    expect((await post('/national/selections/kalbar', { intent: 'publish' }, 'ministry')).status).toBe(409)
    expect(await statusOf('a1')).toBe('in_review')
    const list = await get('/national/selections', 'ministry')
    expect(list.body).toContain('Menunggu konfirmasi Kementerian')
  })

  it('the ministry returns with a note (required), Bappeda edits and resubmits, the ministry confirms', async () => {
    const national = '/national/selections/kalbar'
    const detail = await get(national, 'ministry')
    expect(detail.body).toContain(JUSTIFIED)
    expect(detail.body).toContain(VENTURES.a4)
    expect((await post(national, { intent: 'confirm' }, 'erat')).status).toBe(403)
    expect((await post(national, { intent: 'return', note: '  ' }, 'ministry')).status).toBe(400)
    expect((await post(national, { intent: 'return', note: 'Mohon jelaskan pilihan a4.' }, 'ministry')).status).toBe(
      302,
    )
    expect(await selectionStatus()).toEqual({ status: 'returned', return_note: 'Mohon jelaskan pilihan a4.' })
    expect((await get(sel, 'admin')).body).toContain('Mohon jelaskan pilihan a4.')
    expect((await post(sel, finalist('a4', `${JUSTIFIED} Tim lokal kuat.`), 'admin')).status).toBe(302)
    expect((await post(sel, { intent: 'submit' }, 'admin')).status).toBe(302)
    expect((await post(national, { intent: 'confirm' }, 'ministry')).status).toBe(302)
    expect((await selectionStatus())?.status).toBe('confirmed')
    expect((await post(national, { intent: 'confirm' }, 'ministry')).status).toBe(302)
    for (const action of ['selection.submitted', 'selection.returned', 'selection.confirmed']) {
      expect(await auditCount(action), action).toBeGreaterThan(0)
    }
    // Confirmed is not published: applicants still see nothing.
    expect((await get(`/p/kalbar/apply/${apps.a1?.id}`, 'a1')).body).not.toContain('id="outcome"')
  })

  it('publishes once confirmed: outcomes, events, mails in each language, portal invalidated; twice is harmless', async () => {
    await owner((db) => db.updateTable('calls').set({ share_scores: true }).where('id', '=', fx.callId).execute())
    const res = await post(sel, { intent: 'publish' }, 'admin')
    expect(res.status).toBe(302)
    expect(invalidated).toContain('kalbar')
    expect(await statusOf('a1')).toBe('finalist')
    expect(await statusOf('a3')).toBe('finalist')
    expect(await statusOf('a4')).toBe('finalist')
    expect(await statusOf('a2')).toBe('shortlisted')
    expect(await statusOf('a5')).toBe('not_selected')
    expect(await statusOf('a6')).toBe('not_selected')
    const mails = await owner((db) =>
      db
        .selectFrom('mail_outbox')
        .select(['to_email', 'subject', 'locale'])
        .where('template', '=', 'selectionOutcome')
        .execute(),
    )
    expect(mails).toHaveLength(6)
    expect(mails.find((m) => m.to_email === apps.a2?.applicant.email)?.subject).toBe(
      'WiNNER selection result for Kalimantan Barat',
    )
    expect(mails.find((m) => m.to_email === apps.a1?.applicant.email)?.subject).toContain('finalis')
    const events = await owner((db) =>
      db.selectFrom('application_events').select(['application_id', 'status']).execute(),
    )
    expect(events.filter((e) => e.status === 'finalist')).toHaveLength(3)
    expect(events.find((e) => e.application_id === apps.a5?.id)?.status).toBe('decision')
    expect((await post('/national/selections/kalbar', { intent: 'publish' }, 'ministry')).status).toBe(302)
    const again = await owner((db) =>
      db.selectFrom('mail_outbox').select('id').where('template', '=', 'selectionOutcome').execute(),
    )
    expect(again).toHaveLength(6)
    expect(await auditCount('selection.published')).toBe(1)
  })

  it('applicants see their outcome, with anonymised scores per criterion when shared', async () => {
    const a1 = await get(`/p/kalbar/apply/${apps.a1?.id}`, 'a1')
    expect(a1.body).toContain('id="outcome"')
    expect(a1.body).toContain('terpilih sebagai salah satu finalis')
    // Mean per criterion: impact (4 + 3 + 5) / 3 = 4, feasibility 4.
    expect(a1.body).toContain('Dampak sosial')
    expect(a1.body).toMatch(/Dampak sosial<\/td><td>4,00<\/td>/)
    expect(a1.body).toContain('Jangkauan penerima manfaat luas.')
    for (const name of Object.values(REVIEWER_NAMES)) expect(a1.body).not.toContain(name)
    const a2 = await get(`/p/kalbar/apply/${apps.a2?.id}?lng=en`, 'a2')
    expect(a2.body).toContain('made the shortlist')
  })

  it('the portal lists the published finalists', async () => {
    const portal = await get('/p/kalbar', 'anonymous')
    expect(portal.body).toContain(VENTURES.a1)
    expect(portal.body).toContain(VENTURES.a3)
    expect(portal.body).toContain(VENTURES.a4)
    expect(portal.body).not.toContain(VENTURES.a2)
    expect((await get('/national/selections', 'erat')).body).toContain('Diumumkan')
  })
})
