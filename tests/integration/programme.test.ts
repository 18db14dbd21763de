import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoAccounts } from '#db/seed/demo-accounts.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request, sessionCookieFrom } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The ministry configures the programme from /national: provinces as tenants
// (onboarding a seventh one end to end), national issues, editions, phases and
// milestones. ERAT reads everything and changes nothing; every change is audited.

let t: TestDatabase
let ministry: Record<string, string>
let erat: Record<string, string>

// A real 1×1 PNG: the type is sniffed from the content.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seedDemoAccounts(db))
  const signIn = (email: string) => signedIn(t.db, email)
  ministry = await signIn('ministry@demo.winner.id')
  erat = await signIn('erat@demo.winner.id')
})
afterAll(() => t.close())

/** POSTs a multipart form (with files) like a browser without JavaScript would. */
function postMultipart(
  path: string,
  fields: Record<string, string>,
  files: Record<string, { name: string; bytes: Uint8Array; type: string }>,
  headers: Record<string, string>,
  invalidated?: (string | undefined)[],
) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  for (const [k, f] of Object.entries(files))
    body.append(k, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name)
  return request(path, {
    db: t.db,
    invalidated,
    headers: { Host: 'localhost', Origin: 'http://localhost', ...headers },
    init: { method: 'POST', body },
  })
}

const auditActions = () =>
  t.asOwner(async (db) =>
    (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action),
  )

const kaltim = {
  name: 'Kalimantan Timur',
  slug: 'kaltim',
  bps_code: '64',
  time_zone: 'Asia/Makassar',
  contact_name: 'Sekretariat Bappeda Kaltim',
  contact_email: 'bappeda@kaltim.example',
  contact_phone: '+62 541 733333',
  admin_name: 'Rina Kartika',
  admin_email: 'Rina@Kaltim.example',
}

describe('provinces as tenants', () => {
  it('onboards a seventh province end to end: portal, logo, invitation, first admin at work', async () => {
    const invalidated: (string | undefined)[] = []
    const res = await postMultipart(
      '/national/provinces',
      kaltim,
      { logo: { name: 'logo-kaltim.png', bytes: PNG, type: 'image/png' } },
      ministry,
      invalidated,
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/national/provinces/kaltim?onboarded=Rina%40Kaltim.example')
    expect(invalidated).toContain(undefined)
    const page = await request(res.headers.get('location') as string, { db: t.db, headers: ministry })
    expect(await page.text()).toContain('Undangan dikirim ke Rina@Kaltim.example')

    const row = await t.asOwner((db) =>
      db.selectFrom('provinces').selectAll().where('slug', '=', 'kaltim').executeTakeFirstOrThrow(),
    )
    expect(row).toMatchObject({ name: 'Kalimantan Timur', bps_code: '64', time_zone: 'Asia/Makassar', active: true })
    expect(row.contact_email).toBe('bappeda@kaltim.example')
    expect(row.logo_file_id).not.toBeNull()

    // The public side: the home page lists it, its portal and logo answer.
    expect(await (await request('/', { db: t.db })).text()).toContain('Kalimantan Timur')
    expect((await request('/p/kaltim', { db: t.db })).status).toBe(200)
    const logo = await request('/p/kaltim/logo', { db: t.db })
    expect(logo.status).toBe(200)
    expect(logo.headers.get('content-type')).toBe('image/png')
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff')
    expect(logo.headers.get('cache-control')).toMatch(/public/)
    expect(Buffer.from(await logo.arrayBuffer()).equals(PNG)).toBe(true)
    const etag = logo.headers.get('etag') as string
    const again = await request('/p/kaltim/logo', { db: t.db, headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)

    // The first Bappeda admin gets the mail, accepts and lands on the province's pages.
    const mail = await t.asOwner((db) =>
      db.selectFrom('mail_outbox').selectAll().where('to_email', '=', 'rina@kaltim.example').executeTakeFirstOrThrow(),
    )
    const link = /\/p\/kaltim\/invite\/[\w-]+/.exec(mail.body_text)?.[0] as string
    expect(link).toBeTruthy()
    expect((await request(link, { db: t.db })).status).toBe(200)
    const accept = await postForm(link, { name: 'Rina Kartika', password: 'pesut-mahakam-64' }, { db: t.db })
    expect(accept.status).toBe(302)
    expect(accept.headers.get('location')).toBe('/p/kaltim/manage')
    const admin = { Cookie: sessionCookieFrom(accept) as string }
    const manage = await request('/p/kaltim/manage', { db: t.db, headers: admin })
    expect(manage.status).toBe(200)
    expect(await manage.text()).toContain('Kalimantan Timur')

    const actions = await auditActions()
    for (const a of ['province.created', 'province.logo_changed', 'invitation.created', 'invitation.accepted']) {
      expect(actions).toContain(a)
    }
  })

  it('refuses a slug or BPS code already in use on their fields, keeping what was typed', async () => {
    const res = await postMultipart(
      '/national/provinces',
      { ...kaltim, name: 'Provinsi Duplikat', slug: 'kalbar', bps_code: '61', admin_email: 'dup@example.id' },
      {},
      ministry,
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Slug ini sudah dipakai provinsi lain.')
    expect(html).toContain('Kode BPS ini sudah dipakai provinsi lain.')
    expect(html).toContain('value="Provinsi Duplikat"')
    expect(html).toContain('value="dup@example.id"')

    const en = await postMultipart(
      '/national/provinces?lng=en',
      { ...kaltim, name: 'Duplicate', slug: 'kaltim2', bps_code: '64' },
      {},
      { ...ministry, Cookie: `${ministry.Cookie}; lng=en` },
    )
    expect(en.status).toBe(400)
    expect(await en.text()).toContain('Another province already uses this BPS code.')

    // A logo that is not an image refuses the whole form: nothing is created.
    const wrongLogo = await postMultipart(
      '/national/provinces',
      { ...kaltim, name: 'Papua Barat Daya', slug: 'pbd', bps_code: '96', admin_email: 'pbd@example.id' },
      { logo: { name: 'logo.png', bytes: Buffer.from('%PDF-1.4 not an image'), type: 'image/png' } },
      ministry,
    )
    expect(wrongLogo.status).toBe(400)
    const wrongHtml = await wrongLogo.text()
    expect(wrongHtml).toContain('Logo harus berupa gambar PNG atau JPEG.')
    expect(wrongHtml).toContain('value="Papua Barat Daya"')
    const created = await t.asOwner((db) =>
      db.selectFrom('provinces').select('id').where('slug', 'in', ['kaltim2', 'pbd']).execute(),
    )
    expect(created).toEqual([])

    const invalid = await postForm(
      '/national/provinces',
      { ...kaltim, slug: 'Kal Tim!', bps_code: '6', time_zone: 'Europe/Paris' },
      { db: t.db, headers: ministry },
    )
    expect(invalid.status).toBe(400)
    const invalidHtml = await invalid.text()
    expect(invalidHtml).toContain('Kode BPS terdiri atas dua angka')
    expect(invalidHtml).toContain('Pilih salah satu.')
  })

  it('deactivating hides the portal and closes its pages to its admin, keeping the data; reactivating restores', async () => {
    const accept = await t.asOwner((db) =>
      db.selectFrom('users').select('id').where('email', '=', 'rina@kaltim.example').executeTakeFirstOrThrow(),
    )
    expect(accept.id).toBeTruthy()
    const signIn = await postForm(
      '/login',
      { email: 'rina@kaltim.example', password: 'pesut-mahakam-64' },
      { db: t.db },
    )
    const admin = { Cookie: sessionCookieFrom(signIn) as string }
    expect((await request('/p/kaltim/manage', { db: t.db, headers: admin })).status).toBe(200)

    const invalidated: (string | undefined)[] = []
    const off = await postForm(
      '/national/provinces/kaltim',
      { intent: 'deactivate' },
      { db: t.db, headers: ministry, invalidated },
    )
    expect(off.status).toBe(200)
    expect(await off.text()).toContain('Provinsi dinonaktifkan.')
    expect(invalidated).toContain(undefined)
    expect((await request('/p/kaltim', { db: t.db })).status).toBe(404)
    expect((await request('/p/kaltim/logo', { db: t.db })).status).toBe(404)
    expect(await (await request('/', { db: t.db })).text()).not.toContain('Kalimantan Timur')
    expect((await request('/p/kaltim/manage', { db: t.db, headers: admin })).status).toBe(404)
    // The ministry still sees it, and its data stays.
    const listed = await request('/national/provinces', { db: t.db, headers: ministry })
    expect(await listed.text()).toContain('Nonaktif')
    const kept = await t.asOwner((db) =>
      db
        .selectFrom('memberships')
        .innerJoin('provinces', 'provinces.id', 'memberships.province_id')
        .select('memberships.id')
        .where('provinces.slug', '=', 'kaltim')
        .execute(),
    )
    expect(kept).toHaveLength(1)

    // Twice is harmless.
    expect(
      (await postForm('/national/provinces/kaltim', { intent: 'deactivate' }, { db: t.db, headers: ministry })).status,
    ).toBe(200)

    const on = await postForm('/national/provinces/kaltim', { intent: 'reactivate' }, { db: t.db, headers: ministry })
    expect(on.status).toBe(200)
    expect((await request('/p/kaltim', { db: t.db })).status).toBe(200)
    expect((await request('/p/kaltim/manage', { db: t.db, headers: admin })).status).toBe(200)
    const actions = await auditActions()
    expect(actions.filter((a) => a === 'province.deactivated')).toHaveLength(1)
    expect(actions).toContain('province.reactivated')
  })

  it('edits a province; the BPS code of another is refused; the logo can be replaced and removed', async () => {
    const taken = await postMultipart(
      '/national/provinces/kaltim',
      { intent: 'save', name: 'Kaltim Baru', bps_code: '61', time_zone: 'Asia/Makassar' },
      {},
      ministry,
    )
    expect(taken.status).toBe(400)
    expect(await taken.text()).toContain('Kode BPS ini sudah dipakai provinsi lain.')

    const saved = await postMultipart(
      '/national/provinces/kaltim',
      { intent: 'save', name: 'Kalimantan Timur', bps_code: '64', time_zone: 'Asia/Makassar', contact_name: 'Bu Sari' },
      { logo: { name: 'baru.png', bytes: PNG, type: 'image/png' } },
      ministry,
    )
    expect(saved.status).toBe(200)
    expect(await saved.text()).toContain('Perubahan provinsi disimpan.')
    const files = () =>
      t.asOwner((db) =>
        db
          .selectFrom('files')
          .innerJoin('provinces', 'provinces.id', 'files.province_id')
          .select('files.id')
          .where('provinces.slug', '=', 'kaltim')
          .execute(),
      )
    expect(await files()).toHaveLength(1)
    const removed = await postForm(
      '/national/provinces/kaltim',
      { intent: 'removeLogo' },
      { db: t.db, headers: ministry },
    )
    expect(removed.status).toBe(200)
    expect(await files()).toHaveLength(0)
    expect((await request('/p/kaltim/logo', { db: t.db })).status).toBe(404)
    const actions = await auditActions()
    expect(actions).toContain('province.updated')
    expect(actions).toContain('province.logo_removed')
  })
})

describe('national issues', () => {
  it('creates, edits, retires, restores and deletes an unused issue, each audited', async () => {
    const created = await postForm(
      '/national/issues',
      { code: 'digital', name_id: 'Transformasi digital', name_en: 'Digital transformation', icon: 'briefcase' },
      { db: t.db, headers: ministry },
    )
    expect(created.status).toBe(302)
    expect(created.headers.get('location')).toBe('/national/issues/digital?created=1')
    const duplicate = await postForm(
      '/national/issues',
      { code: 'digital', name_id: 'Lagi', name_en: 'Again', icon: 'circle' },
      { db: t.db, headers: ministry },
    )
    expect(duplicate.status).toBe(400)
    expect(await duplicate.text()).toContain('Kode isu ini sudah dipakai.')

    const edited = await postForm(
      '/national/issues/digital',
      {
        intent: 'save',
        name_id: 'Ekonomi digital',
        name_en: 'Digital economy',
        description_id: 'Deskripsi',
        description_en: 'Description',
        icon: 'users',
      },
      { db: t.db, headers: ministry },
    )
    expect(edited.status).toBe(200)
    const issue = () =>
      t.asOwner((db) => db.selectFrom('national_issues').selectAll().where('code', '=', 'digital').executeTakeFirst())
    expect(await issue()).toMatchObject({ name_id: 'Ekonomi digital', icon: 'users', description_en: 'Description' })

    expect(
      (await postForm('/national/issues/digital', { intent: 'retire' }, { db: t.db, headers: ministry })).status,
    ).toBe(200)
    expect((await issue())?.retired_at).not.toBeNull()
    const list = await request('/national/issues', { db: t.db, headers: ministry })
    expect(await list.text()).toContain('Dipensiunkan')
    expect(
      (await postForm('/national/issues/digital', { intent: 'restore' }, { db: t.db, headers: ministry })).status,
    ).toBe(200)
    expect((await issue())?.retired_at).toBeNull()

    const deleted = await postForm('/national/issues/digital', { intent: 'delete' }, { db: t.db, headers: ministry })
    expect(deleted.status).toBe(302)
    expect(await issue()).toBeUndefined()
    const actions = await auditActions()
    for (const a of ['created', 'updated', 'retired', 'restored', 'deleted'])
      expect(actions).toContain(`national_issue.${a}`)
  })

  it('refuses to delete an issue a province uses, with a localised message; it can still be retired', async () => {
    const refused = await postForm('/national/issues/education', { intent: 'delete' }, { db: t.db, headers: ministry })
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('Isu ini sudah dipakai provinsi sehingga tidak dapat dihapus')
    const en = await postForm(
      '/national/issues/education?lng=en',
      { intent: 'delete' },
      { db: t.db, headers: { Cookie: `${ministry.Cookie}; lng=en` } },
    )
    expect(await en.text()).toContain('Provinces already use this issue')
    expect(
      await t.asOwner((db) => db.selectFrom('national_issues').select('id').where('code', '=', 'education').execute()),
    ).toHaveLength(1)
    const retired = await postForm('/national/issues/education', { intent: 'retire' }, { db: t.db, headers: ministry })
    expect(retired.status).toBe(200)
    await postForm('/national/issues/education', { intent: 'restore' }, { db: t.db, headers: ministry })
    expect((await request('/national/issues/no-such-issue', { db: t.db, headers: ministry })).status).toBe(404)
  })
})

describe('editions, phases and milestones', () => {
  const edition = {
    slug: '2025',
    name: 'WiNNER 2025',
    starts_on: '2024-10-01',
    ends_on: '2025-09-30',
    legal_basis: 'KepmenPANRB (contoh)',
    status: 'planned',
  }

  it('validates an edition: period forwards, slug unique, values kept', async () => {
    const backwards = await postForm(
      '/national/editions',
      { ...edition, ends_on: '2024-09-01' },
      { db: t.db, headers: ministry },
    )
    expect(backwards.status).toBe(400)
    const html = await backwards.text()
    expect(html).toContain('Tanggal selesai harus setelah tanggal mulai.')
    expect(html).toContain('value="WiNNER 2025"')
    const taken = await postForm('/national/editions', { ...edition, slug: '2023' }, { db: t.db, headers: ministry })
    expect(taken.status).toBe(400)
    expect(await taken.text()).toContain('Kode edisi ini sudah dipakai.')
    const badDate = await postForm(
      '/national/editions',
      { ...edition, starts_on: '2025-02-31' },
      { db: t.db, headers: ministry },
    )
    expect(badDate.status).toBe(400)
    expect(await badDate.text()).toContain('Masukkan tanggal yang valid.')

    const created = await postForm('/national/editions', edition, { db: t.db, headers: ministry })
    expect(created.status).toBe(302)
    expect(created.headers.get('location')).toBe('/national/editions/2025?created=1')
    const page = await request('/national/editions/2025', { db: t.db, headers: ministry })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Edisi ini belum memiliki tahap.')
  })

  it('places provinces in phases and keeps the milestones of a phase in programme order', async () => {
    const base = '/national/editions/2025'
    const post = (fields: Record<string, string>) => postForm(base, fields, { db: t.db, headers: ministry })
    expect((await post({ intent: 'addPhase', number: '1' })).status).toBe(200)
    const again = await post({ intent: 'addPhase', number: '1' })
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('Edisi ini sudah memiliki tahap dengan nomor tersebut.')
    const ids = await t.asOwner(async (db) => {
      const ed = await db.selectFrom('editions').select('id').where('slug', '=', '2025').executeTakeFirstOrThrow()
      const phase = await db.selectFrom('phases').select('id').where('edition_id', '=', ed.id).executeTakeFirstOrThrow()
      const province = await db
        .selectFrom('provinces')
        .select('id')
        .where('slug', '=', 'kaltim')
        .executeTakeFirstOrThrow()
      return { edition: ed.id, phase: phase.id, province: province.id }
    })
    expect((await post({ intent: 'assign', phase: ids.phase, province: ids.province })).status).toBe(200)
    const placed = await t.asOwner((db) =>
      db.selectFrom('phase_provinces').selectAll().where('edition_id', '=', ids.edition).execute(),
    )
    expect(placed).toEqual([{ edition_id: ids.edition, phase_id: ids.phase, province_id: ids.province }])
    const notEmpty = await post({ intent: 'removePhase', phase: ids.phase })
    expect(notEmpty.status).toBe(409)
    expect(await notEmpty.text()).toContain('Keluarkan dulu semua provinsi dari tahap ini.')

    const milestone = (kind: string, starts_on: string, extra: Record<string, string> = {}) =>
      post({ intent: 'milestone', phase: ids.phase, kind, starts_on, ...extra })
    expect((await milestone('registration_open', '2025-02-06')).status).toBe(200)
    expect((await milestone('registration_close', '2025-02-20')).status).toBe(200)
    // FGD validation comes before registration opens.
    const late = await milestone('fgd_validation', '2025-03-01', { note: 'FGD di Samarinda' })
    expect(late.status).toBe(400)
    const lateHtml = await late.text()
    expect(lateHtml).toContain('Tahapan ini dimulai setelah tahapan yang seharusnya menyusul dalam urutan program.')
    expect(lateHtml).toContain('FGD di Samarinda')
    // Screening cannot start before registration closes.
    const early = await milestone('screening', '2025-02-10')
    expect(early.status).toBe(400)
    expect(await early.text()).toContain('Tahapan ini dimulai sebelum tahapan yang mendahuluinya')
    const outside = await milestone('final_night', '2025-12-01')
    expect(outside.status).toBe(400)
    expect(await outside.text()).toContain('Tanggal harus berada dalam periode edisi.')
    const backwards = await milestone('mentoring', '2025-06-01', { ends_on: '2025-05-01' })
    expect(backwards.status).toBe(400)
    expect(await backwards.text()).toContain('Tanggal selesai tidak boleh sebelum tanggal mulai.')

    expect((await milestone('fgd_validation', '2025-01-15')).status).toBe(200)
    expect((await milestone('mentoring', '2025-06-01', { ends_on: '2025-07-01' })).status).toBe(200)
    // Setting the same kind again changes it rather than adding a second one.
    expect((await milestone('registration_close', '2025-02-21', { note: 'diperpanjang' })).status).toBe(200)
    const stored = await t.asOwner((db) =>
      db
        .selectFrom('milestones')
        .select(['id', 'kind', 'starts_on', 'note'])
        .where('phase_id', '=', ids.phase)
        .execute(),
    )
    expect(stored).toHaveLength(4)
    expect(stored.find((m) => m.kind === 'registration_close')).toMatchObject({
      starts_on: '2025-02-21',
      note: 'diperpanjang',
    })
    const page = await request(base, { db: t.db, headers: ministry })
    const html = await page.text()
    expect(html.indexOf('Validasi isu (FGD)')).toBeLessThan(html.indexOf('Pendaftaran dibuka'))
    // The edition's period cannot shrink past a milestone.
    const shrink = await post({ intent: 'edition', ...edition, ends_on: '2025-03-01' })
    expect(shrink.status).toBe(400)
    expect(await shrink.text()).toContain('Sudah ada jadwal tahapan di luar periode ini')
    const saved = await post({ intent: 'edition', ...edition, name: 'WiNNER 2025 (revisi)', status: 'active' })
    expect(saved.status).toBe(200)

    const mentoring = stored.find((m) => m.kind === 'mentoring')?.id as string
    expect((await post({ intent: 'removeMilestone', milestone: mentoring })).status).toBe(200)
    expect((await post({ intent: 'removeMilestone', milestone: mentoring })).status).toBe(404)
    expect((await post({ intent: 'unassign', province: ids.province })).status).toBe(200)
    expect((await post({ intent: 'removePhase', phase: ids.phase })).status).toBe(200)

    const actions = await auditActions()
    for (const a of [
      'edition.created',
      'edition.updated',
      'phase.created',
      'phase.province_assigned',
      'milestone.set',
      'milestone.removed',
      'phase.province_unassigned',
      'phase.deleted',
    ]) {
      expect(actions).toContain(a)
    }
    expect((await request('/national/editions/no-such', { db: t.db, headers: ministry })).status).toBe(404)
  })
})

describe('ERAT reads the configuration but changes nothing', () => {
  const pages = [
    '/national/editions',
    '/national/editions/2023',
    '/national/issues',
    '/national/issues/poverty',
    '/national/provinces',
    '/national/provinces/kalbar',
  ]
  it.each(pages)('GET %s → 200 without forms; POST → 403', async (path) => {
    const res = await request(path, { db: t.db, headers: erat })
    expect(res.status).toBe(200)
    // The only form on the page is the header's sign-out.
    expect((await res.text()).match(/<form method="post"/g)).toHaveLength(1)
    const before = (await auditActions()).length
    const post = await postForm(
      path,
      { intent: 'save', slug: 'erat', name: 'ERAT', code: 'erat', name_id: 'x', name_en: 'x', icon: 'circle' },
      { db: t.db, headers: erat },
    )
    expect(post.status).toBe(403)
    expect((await auditActions()).length).toBe(before)
  })
})
