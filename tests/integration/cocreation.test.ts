import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createUser } from '#tests/factories/accounts.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { type Finalist, publishFinalists } from '#tests/factories/mentoring.ts'
import { signedIn } from '#tests/factories/session.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Co-creation through the built app (issue 15): a newly onboarded province's
// kabupaten/kota list (typed in, imported from CSV row by row, nothing written on a bad
// row, idempotent), agencies at kabupaten/kota level (never another province's regency:
// validation and the composite key), and co-creation events recorded by Bappeda or ERAT,
// read by the ministry, with PDF minutes; each province sees only its own, another
// province's ids are 404.

let t: TestDatabase
let kalbar: ProvinceFixture
let sulsel: ProvinceFixture
let K: Finalist[] = []
let S: Finalist[] = []
let gorontalo = ''
const who: Record<string, { Cookie: string }> = {}
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const get = async (path: string, as: string) => {
  const res = await request(path, { db: t.db, headers: who[as] ?? {} })
  return { status: res.status, body: await res.text(), res }
}
/** A multipart post, as the pages' forms send it (they carry files). */
const post = async (
  path: string,
  fields: Record<string, string | string[]>,
  as: string,
  file?: { field: string; name: string; bytes: Uint8Array; type: string },
) => {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one)
  if (file) body.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
  const res = await request(path, {
    db: t.db,
    headers: { Host: 'localhost', Origin: 'http://localhost', ...who[as] },
    init: { method: 'POST', body },
  })
  return { status: res.status, body: await res.text(), location: res.headers.get('Location') }
}
const csv = (text: string) => ({
  field: 'file',
  name: 'kabupaten.csv',
  bytes: new TextEncoder().encode(text),
  type: 'text/csv',
})
const countWhere = (table: 'regencies' | 'cocreation_events' | 'audit_log', column: string, value: string) =>
  owner(async (db) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where(column as never, '=', value as never)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  )
const audits = (action: string) => countWhere('audit_log', 'action', action)
const opdsOf = (provinceId: string) =>
  owner((db) =>
    db
      .selectFrom('opds')
      .select(['id', 'name', 'level', 'regency_code'])
      .where('province_id', '=', provinceId)
      .execute(),
  )
const issueId = (code: string) =>
  owner(
    async (db) =>
      (await db.selectFrom('national_issues').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id,
  )

beforeAll(async () => {
  t = await createDemoDatabase(new Date())
  kalbar = await owner((db) => provinceFixture(db, 'kalbar'))
  sulsel = await owner((db) => provinceFixture(db, 'sulsel'))
  K = await owner((db) => publishFinalists(db, kalbar, ['Koperasi Air Kapuas', 'Tenun Sintang']))
  S = await owner((db) => publishFinalists(db, sulsel, ['Kopi Toraja Lestari']))
  // A province onboarded after the reference seed: no kabupaten/kota yet, one Bappeda admin.
  gorontalo = await owner(async (db) => {
    const p = await db
      .insertInto('provinces')
      .values({ slug: 'gorontalo', name: 'Gorontalo', bps_code: '75', time_zone: 'Asia/Makassar' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const admin = await createUser(db, { email: 'bappeda.gorontalo@example.id', name: 'Bappeda Gorontalo' })
    await withTenant(db, { provinceId: p.id }, (trx) =>
      trx.insertInto('memberships').values({ user_id: admin, role: 'province_admin', province_id: p.id }).execute(),
    )
    return p.id
  })
  who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  who.otherAdmin = await signedIn(t.db, 'bappeda.sulsel@demo.winner.id')
  who.gorontalo = await signedIn(t.db, 'bappeda.gorontalo@example.id')
  who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')
  who.erat = await signedIn(t.db, 'erat@demo.winner.id')
  who.reviewer = await signedIn(t.db, 'reviewer.kalbar@demo.winner.id')
})
afterAll(() => t.close())

describe('kabupaten/kota of a newly onboarded province', () => {
  const G = '/p/gorontalo/manage/regencies'

  it('starts empty and says how to fill it', async () => {
    const page = await get(G, 'gorontalo')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Belum ada kabupaten/kota. Tambahkan satu per satu atau impor berkas CSV')
  })

  it('adds one typed in, without the "Kabupaten" prefix, with an audit entry', async () => {
    const res = await post(G, { intent: 'add', code: '7501', name: 'Kabupaten Boalemo' }, 'gorontalo')
    expect(res.status).toBe(200)
    expect(res.body).toContain('Kabupaten/kota ditambahkan.')
    const row = await owner((db) =>
      db.selectFrom('regencies').selectAll().where('code', '=', '7501').executeTakeFirst(),
    )
    expect(row).toMatchObject({ province_id: gorontalo, name: 'Boalemo', kind: 'kabupaten' })
    expect(await audits('regency.added')).toBe(1)
  })

  it('refuses another province’s code and a code already listed, on the code field (400)', async () => {
    const other = await post(G, { intent: 'add', code: '7322', name: 'Luwu Utara' }, 'gorontalo')
    expect(other.status).toBe(400)
    expect(other.body).toContain('bukan milik provinsi ini')
    const again = await post(G, { intent: 'add', code: '7501', name: 'Boalemo' }, 'gorontalo')
    expect(again.status).toBe(400)
    expect(again.body).toContain('Kode ini sudah terdaftar.')
    const bad = await post(G, { intent: 'add', code: '75', name: '' }, 'gorontalo')
    expect(bad.status).toBe(400)
    expect(await countWhere('regencies', 'province_id', gorontalo)).toBe(1)
  })

  it('imports nothing when a row is bad and names each bad line', async () => {
    const res = await post(
      G,
      { intent: 'import' },
      'gorontalo',
      csv('code,name\n7502,Gorontalo\n7322,Luwu Utara\n7503,Pohuwato\n7503,Pohuwato\n7504,\n'),
    )
    expect(res.status).toBe(400)
    expect(res.body).toContain('Impor ditolak, tidak ada yang disimpan')
    expect(res.body).toContain('Baris 3: kode 7322 bukan milik provinsi ini')
    expect(res.body).toContain('Baris 5: kode 7503 sudah ada di baris 4.')
    expect(res.body).toContain('Baris 6: nama kosong.')
    expect(await countWhere('regencies', 'province_id', gorontalo)).toBe(1)
    const notText = await post(G, { intent: 'import' }, 'gorontalo', {
      ...csv(''),
      bytes: new Uint8Array([0x63, 0, 0x64, 0x0a]),
    })
    expect(notText.status).toBe(400)
  })

  it('imports good rows once: the same file twice adds nothing the second time', async () => {
    const file = csv('code,name\r\n7501,Boalemo\r\n7502,Kabupaten Gorontalo\r\n7571,Kota Gorontalo\r\n')
    const first = await post(G, { intent: 'import' }, 'gorontalo', file)
    expect(first.status).toBe(200)
    expect(first.body).toContain('2 kabupaten/kota ditambahkan, 1 sudah ada.')
    const second = await post(G, { intent: 'import' }, 'gorontalo', file)
    expect(second.status).toBe(200)
    expect(second.body).toContain('0 kabupaten/kota ditambahkan, 3 sudah ada.')
    expect(await countWhere('regencies', 'province_id', gorontalo)).toBe(3)
    const kota = await owner((db) =>
      db.selectFrom('regencies').selectAll().where('code', '=', '7571').executeTakeFirst(),
    )
    expect(kota).toMatchObject({ name: 'Gorontalo', kind: 'kota' })
    expect(await audits('regency.imported')).toBe(1)
    const page = await get(G, 'gorontalo')
    expect(page.body).toContain('Boalemo')
    expect(page.body).toContain('7571')
  })

  it('only the province’s own admin (or the ministry) adds; others get 404 or 403', async () => {
    const body = { intent: 'add', code: '7505', name: 'Gorontalo Utara' }
    expect((await post(G, body, 'admin')).status).toBe(404)
    expect((await post(G, body, 'erat')).status).toBe(403)
    expect((await post(G, body, 'ministry')).status).toBe(200)
    expect((await get('/p/kalbar/manage/regencies', 'otherAdmin')).status).toBe(404)
  })

  it('row-level security: the runtime role inserts regencies only for the province of its transaction', async () => {
    await expect(
      withTenant(t.db, { provinceId: kalbar.province.id }, (trx) =>
        trx
          .insertInto('regencies')
          .values({ code: '7506', province_id: gorontalo, name: 'X', kind: 'kabupaten' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/)
    await expect(
      withTenant(t.db, { national: true }, (trx) =>
        trx
          .insertInto('regencies')
          .values({ code: '7506', province_id: gorontalo, name: 'X', kind: 'kabupaten' })
          .execute(),
      ),
    ).rejects.toThrow()
  })
})

describe('agencies at kabupaten/kota level', () => {
  const O = '/p/kalbar/manage/opds'

  it('existing OPDs stay provincial', async () => {
    const opds = await opdsOf(kalbar.province.id)
    expect(opds.length).toBeGreaterThan(0)
    for (const o of opds) expect(o).toMatchObject({ level: 'province', regency_code: null })
    expect((await get(O, 'admin')).body).toContain('OPD provinsi')
  })

  it('adds a kabupaten agency naming one of the province’s kabupaten/kota', async () => {
    const res = await post(
      O,
      {
        intent: 'create',
        name: 'Dinas Pendidikan Kabupaten Sambas',
        short_name: 'Disdik Sambas',
        level: 'regency',
        regency_code: '6101',
      },
      'admin',
    )
    expect(res.status).toBe(200)
    const made = (await opdsOf(kalbar.province.id)).find((o) => o.name === 'Dinas Pendidikan Kabupaten Sambas')
    expect(made).toMatchObject({ level: 'regency', regency_code: '6101' })
    expect((await get(O, 'admin')).body).toContain('Sambas (6101)')
  })

  it('refuses a kabupaten/kota level without a regency, or with another province’s (400)', async () => {
    const none = await post(
      O,
      { intent: 'create', name: 'Dinas Sosial Kabupaten Sambas', short_name: 'Dinsos Sambas', level: 'regency' },
      'admin',
    )
    expect(none.status).toBe(400)
    expect(none.body).toContain('Pilih kabupaten/kota provinsi ini')
    const other = await post(
      O,
      {
        intent: 'create',
        name: 'Dinas Sosial Kabupaten Luwu Utara',
        short_name: 'Dinsos X',
        level: 'regency',
        regency_code: '7322',
      },
      'admin',
    )
    expect(other.status).toBe(400)
    expect((await opdsOf(kalbar.province.id)).some((o) => o.name === 'Dinas Sosial Kabupaten Luwu Utara')).toBe(false)
  })

  it('the composite key forbids another province’s regency even to hand-written SQL', async () => {
    await expect(
      withTenant(t.db, { provinceId: kalbar.province.id }, (trx) =>
        trx
          .insertInto('opds')
          .values({
            province_id: kalbar.province.id,
            name: 'X',
            short_name: 'X',
            level: 'regency',
            regency_code: '7322',
          })
          .execute(),
      ),
    ).rejects.toThrow(/opds_regency/)
    await expect(
      withTenant(t.db, { provinceId: kalbar.province.id }, (trx) =>
        trx
          .insertInto('opds')
          .values({ province_id: kalbar.province.id, name: 'Y', short_name: 'Y', level: 'regency' })
          .execute(),
      ),
    ).rejects.toThrow(/opds_level_regency/)
  })

  it('edits the level both ways: back to provincial drops the kabupaten/kota', async () => {
    const opd = (await opdsOf(kalbar.province.id)).find((o) => o.name === 'Dinas Pendidikan Kabupaten Sambas')
    const base = { name: 'Dinas Pendidikan Kabupaten Sambas', short_name: 'Disdik Sambas' }
    const toKota = await post(`${O}/${opd?.id}`, { ...base, level: 'regency', regency_code: '6171' }, 'admin')
    expect(toKota.status).toBe(302)
    const back = await post(`${O}/${opd?.id}`, { ...base, level: 'province', regency_code: '6171' }, 'admin')
    expect(back.status).toBe(302)
    expect((await opdsOf(kalbar.province.id)).find((o) => o.id === opd?.id)).toMatchObject({
      level: 'province',
      regency_code: null,
    })
    const wrong = await post(`${O}/${opd?.id}`, { ...base, level: 'regency', regency_code: '7322' }, 'admin')
    expect(wrong.status).toBe(400)
  })
})

describe('co-creation events', () => {
  const C = '/p/kalbar/manage/cocreation'
  let eventId = ''
  let sulselEventId = ''
  let event: Record<string, string | string[]> = {}

  beforeAll(async () => {
    const opds = (await opdsOf(kalbar.province.id)).map((o) => o.id)
    event = {
      held_on: '2024-03-12',
      place: 'Ruang Rapat Bappeda, Pontianak',
      regency_code: '6171',
      organiser_kind: 'bappeda',
      organiser_name: 'Bidang Litbang Bappeda Kalimantan Barat',
      invited: opds.slice(0, 3),
      present: opds.slice(0, 2),
      finalists: [K[0]?.id ?? ''],
      topics: [await issueId('water-sanitation')],
      outcomes: 'PDAM dan Dinas PUPR memulai penyusunan MoU air bersih.',
      next_meeting_on: '2024-04-16',
    }
  })

  it('starts with an empty list that invites Bappeda to record one', async () => {
    const page = await get(C, 'admin')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Belum ada acara ko-kreasi. Catat acara pertama')
  })

  it('offers the province’s agencies and finalists only', async () => {
    const form = await get(`${C}/new`, 'admin')
    expect(form.status).toBe(200)
    expect(form.body).toContain('Koperasi Air Kapuas')
    expect(form.body).not.toContain('Kopi Toraja Lestari')
  })

  it('records an event with PDF minutes, shows it and serves the minutes to the province and national roles', async () => {
    const res = await post(`${C}/new`, event, 'admin', {
      field: 'minutes',
      name: 'notulen.pdf',
      bytes: PDF,
      type: 'application/pdf',
    })
    expect(res.status).toBe(302)
    eventId = /cocreation\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1] ?? ''
    expect(eventId).not.toBe('')
    expect(await audits('cocreation.created')).toBe(1)
    const page = await get(`${C}/${eventId}`, 'admin')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Ruang Rapat Bappeda, Pontianak')
    expect(page.body).toContain('Koperasi Air Kapuas')
    expect(page.body).toContain('PDAM dan Dinas PUPR memulai penyusunan MoU air bersih.')
    expect(page.body).toContain('Unduh notulen (notulen.pdf)')
    const list = await get(C, 'admin')
    expect(list.body).toContain('2 dari 3 perangkat daerah hadir')
    for (const as of ['admin', 'ministry', 'erat']) {
      const download = await get(`${C}/${eventId}/minutes`, as)
      expect(download.status, as).toBe(200)
      expect(download.res.headers.get('Content-Type')).toContain('application/pdf')
    }
  })

  it('refuses minutes that are not a PDF and agencies present but not invited (400), writing nothing', async () => {
    const before = await countWhere('cocreation_events', 'province_id', kalbar.province.id)
    const png = await post(`${C}/new`, event, 'admin', {
      field: 'minutes',
      name: 'notulen.pdf',
      bytes: new TextEncoder().encode('just text, not a pdf'),
      type: 'application/pdf',
    })
    expect(png.status).toBe(400)
    expect(png.body).toContain('Berkas ini bukan PDF.')
    const absent = await post(
      `${C}/new`,
      { ...event, present: (event.invited as string[]).slice(0, 1), invited: (event.invited as string[]).slice(1, 2) },
      'admin',
    )
    expect(absent.status).toBe(400)
    expect(absent.body).toContain('Yang hadir harus termasuk perangkat daerah yang diundang.')
    const late = await post(`${C}/new`, { ...event, next_meeting_on: '2024-03-01' }, 'admin')
    expect(late.status).toBe(400)
    expect(late.body).toContain('Pertemuan berikutnya harus setelah tanggal acara.')
    expect(await countWhere('cocreation_events', 'province_id', kalbar.province.id)).toBe(before)
  })

  it('answers 404 to another province’s agency, finalist or national-issue-like ids', async () => {
    const sulselOpd = (await opdsOf(sulsel.province.id))[0]?.id ?? ''
    expect((await post(`${C}/new`, { ...event, invited: [sulselOpd], present: [] }, 'admin')).status).toBe(404)
    expect((await post(`${C}/new`, { ...event, finalists: [S[0]?.id ?? ''] }, 'admin')).status).toBe(404)
    expect((await post(`${C}/new`, { ...event, topics: [sulselOpd] }, 'admin')).status).toBe(404)
  })

  it('ERAT records an event in another province; the ministry reads but may not record', async () => {
    const sulselOpds = (await opdsOf(sulsel.province.id)).map((o) => o.id)
    const body = {
      held_on: '2024-05-02',
      place: 'Kantor Bappelitbangda Sulawesi Selatan, Makassar',
      organiser_kind: 'erat',
      organiser_name: 'Koordinator USAID ERAT Sulawesi Selatan',
      invited: sulselOpds.slice(0, 2),
      finalists: [S[0]?.id ?? ''],
    }
    const res = await post('/p/sulsel/manage/cocreation/new', body, 'erat')
    expect(res.status).toBe(302)
    sulselEventId = /cocreation\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1] ?? ''
    expect((await post('/p/sulsel/manage/cocreation/new', body, 'ministry')).status).toBe(403)
    const read = await get(`/p/sulsel/manage/cocreation/${sulselEventId}`, 'ministry')
    expect(read.status).toBe(200)
    expect(read.body).toContain('Kopi Toraja Lestari')
    expect(read.body).not.toContain('/edit"')
  })

  it('each province sees only its own events; another province’s ids are 404', async () => {
    const kalbarList = await get(C, 'admin')
    expect(kalbarList.body).not.toContain('Makassar')
    const sulselList = await get('/p/sulsel/manage/cocreation', 'otherAdmin')
    expect(sulselList.body).toContain('Makassar')
    expect(sulselList.body).not.toContain('Pontianak')
    expect((await get(`/p/sulsel/manage/cocreation/${eventId}`, 'otherAdmin')).status).toBe(404)
    expect((await get(`/p/kalbar/manage/cocreation/${eventId}`, 'otherAdmin')).status).toBe(404)
    expect((await get(`${C}/${sulselEventId}`, 'admin')).status).toBe(404)
    expect((await get(`${C}/${sulselEventId}/minutes`, 'admin')).status).toBe(404)
    expect((await post(`${C}/${sulselEventId}/edit`, event, 'admin')).status).toBe(404)
    expect((await get(`${C}/${eventId}`, 'reviewer')).status).toBe(403)
  })

  it('edits an event: new minutes replace the old file, links are replaced, audited', async () => {
    const files = () => countWhere('audit_log', 'action', 'cocreation.updated')
    const oldFile = await owner(
      async (db) =>
        (
          await db
            .selectFrom('cocreation_events')
            .select('minutes_file_id')
            .where('id', '=', eventId)
            .executeTakeFirstOrThrow()
        ).minutes_file_id,
    )
    const res = await post(
      `${C}/${eventId}/edit`,
      { ...event, present: event.invited as string[], outcomes: 'MoU air bersih ditandatangani untuk satu tahun.' },
      'admin',
      { field: 'minutes', name: 'notulen-final.pdf', bytes: PDF, type: 'application/pdf' },
    )
    expect(res.status).toBe(302)
    expect(await files()).toBe(1)
    const page = await get(`${C}/${eventId}?saved=1`, 'admin')
    expect(page.body).toContain('Acara ko-kreasi disimpan.')
    expect(page.body).toContain('notulen-final.pdf')
    expect(page.body).toContain('MoU air bersih ditandatangani untuk satu tahun.')
    const gone = await owner((db) =>
      db
        .selectFrom('files')
        .select('id')
        .where('id', '=', oldFile ?? '')
        .executeTakeFirst(),
    )
    expect(gone).toBeUndefined()
    const form = await get(`${C}/${eventId}/edit`, 'admin')
    expect(form.status).toBe(200)
    expect(form.body).toContain('Ruang Rapat Bappeda, Pontianak')
  })

  it('paginates the list, newest first', async () => {
    await owner((db) =>
      withTenant(db, { provinceId: kalbar.province.id }, (trx) =>
        trx
          .insertInto('cocreation_events')
          .values(
            Array.from({ length: 20 }, (_, i) => ({
              province_id: kalbar.province.id,
              held_on: `2023-0${1 + (i % 9)}-1${i % 10}`,
              place: `Pertemuan lanjutan ${i + 1}`,
              organiser_kind: 'bappeda' as const,
              organiser_name: 'Bappeda Kalimantan Barat',
            })),
          )
          .execute(),
      ),
    )
    const first = await get(C, 'admin')
    expect(first.body).toContain('Halaman 1 dari 2')
    expect(first.body).toContain('Ruang Rapat Bappeda, Pontianak')
    // The shared pager: a "next" link only on the first page, a "previous" one only on the last.
    expect(first.body).toContain('<nav aria-label="Halaman" class="subnav">')
    expect(first.body).toMatch(
      /<a (?=[^>]*rel="next")(?=[^>]*href="\/p\/kalbar\/manage\/cocreation\?page=2")[^>]*>Berikutnya →<\/a>/,
    )
    expect(first.body).not.toContain('rel="prev"')
    const second = await get(`${C}?page=2`, 'admin')
    expect(second.body).toContain('Halaman 2 dari 2')
    expect(second.body).not.toContain('Ruang Rapat Bappeda, Pontianak')
    expect(second.body).toMatch(
      /<a (?=[^>]*rel="prev")(?=[^>]*href="\/p\/kalbar\/manage\/cocreation\?page=1")[^>]*>← Sebelumnya<\/a>/,
    )
    expect(second.body).not.toContain('rel="next"')
    // A page past the end shows the last; one that is not a number shows the first.
    expect((await get(`${C}?page=99`, 'admin')).body).toContain('Halaman 2 dari 2')
    expect((await get(`${C}?page=abc`, 'admin')).body).toContain('Halaman 1 dari 2')
    expect((await get(`${C}?page=-1`, 'admin')).body).toContain('Halaman 1 dari 2')
  })
})
