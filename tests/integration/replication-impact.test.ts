import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { type InnovationFixture, recordInnovation } from '#tests/factories/innovations.ts'
import { type Finalist, publishFinalists } from '#tests/factories/mentoring.ts'
import { signedIn } from '#tests/factories/session.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Replication and impact (issue 15) through the built app: a replication recorded by
// Kalbar of a Sulsel innovation is visible to both provinces and to no third one (pages
// and row-level security), another province's ids are 404, only the recording side
// moves its status, the ministry recommends and records its units' replications, the
// national map is an accessible SVG with the same places in a table; the venture enters
// a measurement that Bappeda confirms or returns, and the chart is accessible.

let t: TestDatabase
let kalbar: ProvinceFixture
let sulsel: ProvinceFixture
let banten: ProvinceFixture
let S: Finalist[] = []
let K: Finalist[] = []
let skolla: InnovationFixture
let skollaEmail = ''
/** The impact mails queued so far, oldest first. */
const impactMails = () =>
  owner((db) =>
    db
      .selectFrom('mail_outbox')
      .select(['to_email', 'template', 'subject', 'body_text'])
      .where('template', 'like', 'impact.%')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  )
let kalbarPrivate: InnovationFixture
let replicationId = ''
const who: Record<string, { Cookie: string }> = {}
const now = new Date()

const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const get = async (path: string, as?: string) => {
  const res = await request(path, { db: t.db, headers: as ? (who[as] ?? {}) : {} })
  return { status: res.status, body: await res.text() }
}
const post = async (path: string, body: Record<string, string>, as: string) => {
  const res = await request(path, {
    db: t.db,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Host: 'localhost',
      Origin: 'http://localhost',
      ...who[as],
    },
    init: { method: 'POST', body: new URLSearchParams(body).toString() },
  })
  return { status: res.status, body: await res.text(), location: res.headers.get('Location') }
}
/** Replication ids a province's transaction can read (row-level security, not the app's filters). */
const visibleTo = (provinceId: string) =>
  owner((db) =>
    withTenant(db, { provinceId }, (trx) => trx.selectFrom('replications').select(['id', 'level']).execute()),
  )
const isoDay = (offsetDays: number) => new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10)

const adaptation = (innovation: string) => ({
  intent: 'record',
  innovation,
  regency: '6108',
  form: 'adaptation',
  changes: 'Bahan ajar diunduh di kecamatan dan dipakai luring di sekolah tanpa sinyal.',
  agencyName: 'Dinas Pendidikan Kabupaten Kapuas Hulu',
  agencyUnit: 'Bidang Pembinaan SD',
  startedOn: isoDay(-30),
  status: 'running',
  contactName: 'Yohanes Ansel',
  contactEmail: 'disdik.kapuashulu@example.id',
  contactPhone: '',
})

beforeAll(async () => {
  t = await createDemoDatabase(now)
  kalbar = await owner((db) => provinceFixture(db, 'kalbar'))
  sulsel = await owner((db) => provinceFixture(db, 'sulsel'))
  banten = await owner((db) => provinceFixture(db, 'banten'))
  S = await owner((db) => publishFinalists(db, sulsel, ['Skolla EdTech', 'Rappo Indonesia']))
  K = await owner((db) => publishFinalists(db, kalbar, ['Koperasi Air Kapuas']))
  const s0 = S[0] as Finalist
  const k0 = K[0] as Finalist
  skolla = await owner((db) =>
    recordInnovation(db, sulsel, s0, { title: 'Kelas digital Skolla', isPublic: true, startedOn: isoDay(-200) }),
  )
  kalbarPrivate = await owner((db) =>
    recordInnovation(db, kalbar, k0, { title: 'Air bersih Kapuas', isPublic: false, startedOn: isoDay(-100) }),
  )
  who.kalbar = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  who.sulsel = await signedIn(t.db, 'bappeda.sulsel@demo.winner.id')
  who.banten = await signedIn(t.db, 'bappeda.banten@demo.winner.id')
  who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')
  who.erat = await signedIn(t.db, 'erat@demo.winner.id')
  who.skolla = await signedIn(t.db, s0.applicant.email)
  skollaEmail = s0.applicant.email
  who.rappo = await signedIn(t.db, (S[1] as Finalist).applicant.email)
})
afterAll(() => t.close())

describe('a replication by another province', () => {
  it('refuses an adaptation without what changed, and another province’s private innovation (400, localised)', async () => {
    const bad = await post('/p/kalbar/replications', { ...adaptation(skolla.id), changes: '' }, 'kalbar')
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Tulis apa yang diubah')
    expect(bad.body).toContain('Dinas Pendidikan Kabupaten Kapuas Hulu')
    const hidden = await post('/p/sulsel/replications', { ...adaptation(kalbarPrivate.id), regency: '' }, 'sulsel')
    expect(hidden.status).toBe(400)
    expect(hidden.body).toContain('Inovasi ini tidak dapat dipilih')
    const foreignRegency = await post('/p/kalbar/replications', { ...adaptation(skolla.id), regency: '7322' }, 'kalbar')
    expect(foreignRegency.status).toBe(400)
    expect((await visibleTo(kalbar.province.id)).length).toBe(0)
  })

  it('Kalbar records an adaptation of Sulsel’s innovation by one of its kabupaten', async () => {
    const res = await post('/p/kalbar/replications', adaptation(skolla.id), 'kalbar')
    expect(res.status).toBe(302)
    replicationId = /replications\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1] ?? ''
    expect(replicationId).not.toBe('')
    const page = await get(`/p/kalbar/replications/${replicationId}`, 'kalbar')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Kabupaten Kapuas Hulu, Kalimantan Barat')
    expect(page.body).toContain('Adaptasi')
  })

  it('is visible to the origin province and the replicating one, to no third province', async () => {
    expect((await visibleTo(kalbar.province.id)).map((r) => r.id)).toEqual([replicationId])
    expect((await visibleTo(sulsel.province.id)).map((r) => r.id)).toEqual([replicationId])
    expect(await visibleTo(banten.province.id)).toEqual([])
    const origin = await get('/p/sulsel/replications', 'sulsel')
    expect(origin.status).toBe(200)
    expect(origin.body).toContain('Dinas Pendidikan Kabupaten Kapuas Hulu')
    expect((await get(`/p/sulsel/replications/${replicationId}`, 'sulsel')).status).toBe(200)
    const third = await get('/p/banten/replications', 'banten')
    expect(third.status).toBe(200)
    expect(third.body).not.toContain(replicationId)
    expect(third.body).not.toContain('Bidang Pembinaan SD')
    // Another province's id under one's own province, or another province's page: 404.
    expect((await get(`/p/banten/replications/${replicationId}`, 'banten')).status).toBe(404)
    expect((await get(`/p/kalbar/replications/${replicationId}`, 'banten')).status).toBe(404)
    expect(
      (await post(`/p/banten/replications/${replicationId}`, { intent: 'status', status: 'completed' }, 'banten'))
        .status,
    ).toBe(404)
  })

  it('only the recording province moves its status on, along the allowed steps', async () => {
    const byOrigin = await post(
      `/p/sulsel/replications/${replicationId}`,
      { intent: 'status', status: 'completed' },
      'sulsel',
    )
    expect(byOrigin.status).toBe(403)
    const done = await post(
      `/p/kalbar/replications/${replicationId}`,
      { intent: 'status', status: 'completed' },
      'kalbar',
    )
    expect(done.status).toBe(302)
    const back = await post(
      `/p/kalbar/replications/${replicationId}`,
      { intent: 'status', status: 'running' },
      'kalbar',
    )
    expect(back.status).toBe(400)
    expect(back.body).toContain('Status tidak dapat diubah')
  })
})

describe('the national view', () => {
  it('the ministry recommends an innovation; ERAT may not', async () => {
    const body = { intent: 'recommend', innovation: skolla.id, recommended: 'yes' }
    expect((await post('/national/replications', body, 'erat')).status).toBe(403)
    expect((await post('/national/replications', body, 'ministry')).status).toBe(302)
    const flag = await owner((db) =>
      db
        .selectFrom('innovations')
        .select('recommended_for_replication')
        .where('id', '=', skolla.id)
        .executeTakeFirstOrThrow(),
    )
    expect(flag.recommended_for_replication).toBe(true)
    const list = await get('/national/replications', 'erat')
    expect(list.status).toBe(200)
    expect(list.body).toContain('Kelas digital Skolla')
    expect(list.body).toContain('Direkomendasikan')
  })

  it('the ministry records a Kemensos centre’s replication; it lives with the origin, hidden from Kalbar', async () => {
    const res = await post(
      `/national/replications/${skolla.id}`,
      {
        ...adaptation(skolla.id),
        form: 'adoption',
        changes: '',
        agencyName: 'Sentra Wyata Guna Bandung',
        agencyUnit: '',
        contactName: 'Ani Wuryandari',
        contactEmail: 'sentra.wyataguna@example.id',
      },
      'ministry',
    )
    expect(res.status).toBe(302)
    const sulselRows = await visibleTo(sulsel.province.id)
    expect(sulselRows.map((r) => r.level).sort()).toEqual(['ministry', 'regency'])
    expect((await visibleTo(kalbar.province.id)).map((r) => r.level)).toEqual(['regency'])
  })

  it('draws the replication map as an accessible SVG with the same places in a table', async () => {
    const page = await get(`/national/replications/${skolla.id}`, 'ministry')
    expect(page.status).toBe(200)
    const svg = /<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"[^>]*>([\s\S]*?)<\/svg>/.exec(page.body)
    expect(svg).not.toBeNull()
    const [titleId, descId] = (svg?.[1] ?? '').split(' ')
    expect(svg?.[2]).toContain(`<title id="${titleId}">Peta replikasi Kelas digital Skolla</title>`)
    expect(svg?.[2]).toMatch(new RegExp(`<desc id="${descId}">[^<]*Kabupaten Kapuas Hulu, Kalimantan Barat`))
    expect(svg?.[2]).toContain('<circle')
    const table = /<table class="chart-table">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? ''
    expect(table).toContain('<caption>Peta replikasi Kelas digital Skolla</caption>')
    expect(table).toContain('Sulawesi Selatan')
    expect(table).toContain('Kabupaten Kapuas Hulu, Kalimantan Barat')
    expect(table).toContain('Sentra Wyata Guna Bandung')
    expect((await get(`/national/replications/${kalbarPrivate.id}`, 'kalbar')).status).toBe(403)
  })
})

describe('impact measurements', () => {
  const base = () => `/p/sulsel/impact/${skolla.id}`
  let measurementId = ''

  it('the venture enters a measurement; bad input is a localised 400', async () => {
    const indicator = `app:${skolla.applicationIndicatorId}`
    const notNumber = await post(
      base(),
      { intent: 'measure', indicator, value: 'banyak', measuredOn: isoDay(-10), source: 'Laporan bulanan' },
      'skolla',
    )
    expect(notNumber.status).toBe(400)
    expect(notNumber.body).toContain('Tulis angka')
    const future = await post(
      base(),
      { intent: 'measure', indicator, value: '120', measuredOn: isoDay(5), source: 'Laporan bulanan' },
      'skolla',
    )
    expect(future.status).toBe(400)
    expect(future.body).toContain('tidak boleh di masa depan')
    const foreign = await post(
      base(),
      {
        intent: 'measure',
        indicator: `app:${kalbarPrivate.applicationIndicatorId}`,
        value: '120',
        measuredOn: isoDay(-10),
        source: 'Laporan bulanan',
      },
      'skolla',
    )
    expect(foreign.status).toBe(400)
    const ok = await post(
      base(),
      { intent: 'measure', indicator, value: '1.250', measuredOn: isoDay(-10), source: 'Laporan bulanan Disdikbud' },
      'skolla',
    )
    expect(ok.status).toBe(302)
    const row = await owner((db) =>
      db.selectFrom('impact_measurements').select(['id', 'value', 'status']).executeTakeFirstOrThrow(),
    )
    expect([Number(row.value), row.status]).toEqual([1250, 'entered'])
    measurementId = row.id
  })

  it('another venture, another province and a reviewer-less tenant get 404; the venture cannot confirm', async () => {
    expect((await get(base(), 'rappo')).status).toBe(404)
    expect((await get(base(), 'kalbar')).status).toBe(404)
    expect((await get(`/p/kalbar/impact/${skolla.id}`, 'kalbar')).status).toBe(404)
    expect((await post(base(), { intent: 'confirm', measurement: measurementId }, 'skolla')).status).toBe(403)
    expect((await post(base(), { intent: 'confirm', measurement: measurementId }, 'rappo')).status).toBe(404)
  })

  it('Bappeda confirms once; the chart shows it against the baseline and target, accessibly', async () => {
    expect((await post(base(), { intent: 'confirm', measurement: measurementId }, 'sulsel')).status).toBe(302)
    const again = await post(base(), { intent: 'confirm', measurement: measurementId }, 'sulsel')
    expect(again.status).toBe(409)
    // The venture that entered it is told, once, with a link to the page.
    const mails = await impactMails()
    expect(mails.map((m) => [m.to_email, m.template])).toEqual([[skollaEmail, 'impact.confirmed']])
    expect(mails[0]?.subject).toBe('Pengukuran dikonfirmasi: Kelas digital Skolla')
    expect(mails[0]?.body_text).toContain(`/p/sulsel/impact/${skolla.id}`)
    const page = await get(base(), 'sulsel')
    expect(page.status).toBe(200)
    const svg = /<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"[^>]*>([\s\S]*?)<\/svg>/.exec(page.body)
    const [titleId, descId] = (svg?.[1] ?? '').split(' ')
    expect(svg?.[2]).toContain(
      `<title id="${titleId}">Siswa yang belajar rutin dengan bahan ajar digital: pengukuran terkonfirmasi</title>`,
    )
    expect(svg?.[2]).toMatch(
      new RegExp(`<desc id="${descId}">Grafik garis. Baseline 50 siswa, target 400 siswa. 1 pengukuran`),
    )
    const table = /<table class="chart-table">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? ''
    expect(table).toContain('1.250 siswa')
    expect(table).toContain('50 siswa')
    expect(page.body).toContain('Kemajuan menuju target: 100%')
    expect(page.body).toContain('Sekolah dengan bahan ajar digital')
  })

  it('Bappeda returns a measurement with a reason; an empty reason is a 400', async () => {
    await post(
      base(),
      {
        intent: 'measure',
        indicator: `issue:${skolla.issueIndicatorId}`,
        value: '15',
        measuredOn: isoDay(-3),
        source: 'Survei sendiri',
      },
      'skolla',
    )
    const second = await owner((db) =>
      db.selectFrom('impact_measurements').select('id').where('status', '=', 'entered').executeTakeFirstOrThrow(),
    )
    expect((await post(base(), { intent: 'return', measurement: second.id, reason: '' }, 'sulsel')).status).toBe(400)
    expect(
      (await post(base(), { intent: 'return', measurement: second.id, reason: 'Sertakan nama sekolah.' }, 'sulsel'))
        .status,
    ).toBe(302)
    const page = await get(base(), 'skolla')
    expect(page.body).toContain('Alasan dikembalikan: Sertakan nama sekolah.')
    const returned = (await impactMails()).filter((m) => m.template === 'impact.returned')
    expect(returned.map((m) => m.to_email)).toEqual([skollaEmail])
    expect(returned[0]?.body_text).toContain('Sertakan nama sekolah.')
    const audits = await owner((db) =>
      db.selectFrom('audit_log').select('action').where('action', 'like', 'impact.%').execute(),
    )
    expect(audits.map((a) => a.action).sort()).toEqual([
      'impact.confirmed',
      'impact.measured',
      'impact.measured',
      'impact.returned',
    ])
  })
})
