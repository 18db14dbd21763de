import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoAccounts } from '#db/seed/demo-accounts.ts'
import { signedIn } from '#tests/factories/session.ts'
import { projectRoot } from '#tests/support/app-process.ts'
import { postForm, request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'
import { flattenKeys, rawKeysIn } from '../i18n/keys.ts'

// The Bappeda catalogue through the built app: OPD directory, FGD records with PDF
// minutes, the issue lifecycle as the portal sees it, audit entries, and isolation
// between provinces (Kalbar's ids posted through Sulsel's URLs answer 404).

let t: TestDatabase
let kalbar: Record<string, string>
let sulsel: Record<string, string>
let ministry: Record<string, string>
const ids = { kalbar: '', sulsel: '', dinkes: '', pupr: '', health: '', waste: '', sulselOpd: '' }

const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seedDemoAccounts(db))
  const signIn = (email: string) => signedIn(t.db, email)
  kalbar = await signIn('bappeda.kalbar@demo.winner.id')
  sulsel = await signIn('bappeda.sulsel@demo.winner.id')
  ministry = await signIn('ministry@demo.winner.id')
  await t.asOwner(async (db) => {
    const province = async (slug: string) =>
      (await db.selectFrom('provinces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
    ids.kalbar = await province('kalbar')
    ids.sulsel = await province('sulsel')
    const opd = async (province: string, short: string) =>
      (
        await db
          .selectFrom('opds')
          .select('id')
          .where('province_id', '=', province)
          .where('short_name', '=', short)
          .executeTakeFirstOrThrow()
      ).id
    ids.dinkes = await opd(ids.kalbar, 'Dinkes')
    ids.pupr = await opd(ids.kalbar, 'PUPR')
    const sulselOpd = await db
      .selectFrom('opds')
      .select('id')
      .where('province_id', '=', ids.sulsel)
      .executeTakeFirstOrThrow()
    ids.sulselOpd = sulselOpd.id
    const national = async (code: string) =>
      (await db.selectFrom('national_issues').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
    ids.health = await national('health')
    ids.waste = await national('waste')
  })
})
afterAll(() => t.close())

const auditActions = (objectId: string) =>
  t.asOwner(async (db) =>
    (
      await db
        .selectFrom('audit_log')
        .select(['action', 'province_id', 'actor_id'])
        .where('object_id', '=', objectId)
        .orderBy('id')
        .execute()
    ).map((a) => a.action),
  )

function upload(
  path: string,
  headers: Record<string, string>,
  fields: Record<string, string | string[]>,
  file?: { bytes: Uint8Array; name: string; type: string },
) {
  const body = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
  }
  if (file) body.append('minutes', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
  return request(path, {
    db: t.db,
    headers: { ...headers, Origin: 'http://localhost', Host: 'localhost' },
    init: { method: 'POST', body },
  })
}

const fgdFields = (participants: string[]) => ({
  intent: 'create',
  held_on: '2023-04-11',
  place: 'Hotel Mercure Pontianak',
  facilitator: 'Kementerian PANRB',
  summary: 'Lima isu strategis divalidasi bersama OPD.',
  participants,
})

async function createFgd(): Promise<string> {
  const res = await upload('/p/kalbar/manage/fgd', kalbar, fgdFields([ids.dinkes, ids.pupr]), {
    bytes: PDF,
    name: 'notulen-fgd.pdf',
    type: 'application/pdf',
  })
  expect(res.status).toBe(200)
  const row = await t.asOwner((db) =>
    db
      .selectFrom('fgd_sessions')
      .select('id')
      .where('province_id', '=', ids.kalbar)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow(),
  )
  return row.id
}

async function createIssue(national: string, title: string, headers = kalbar, slug = 'kalbar', lead = ids.dinkes) {
  const res = await postForm(
    `/p/${slug}/manage/issues`,
    { national_issue: national, title_id: title, title_en: `${title} (en)`, lead_opd: lead },
    { db: t.db, headers },
  )
  return res
}

describe('OPD directory', () => {
  it('lists, creates, edits, deactivates, reactivates and deletes, each with an audit entry', async () => {
    const list = await request('/p/kalbar/manage/opds', { db: t.db, headers: kalbar })
    expect(list.status).toBe(200)
    const html = await list.text()
    expect(html).toContain('Dinas Kesehatan Provinsi Kalimantan Barat')
    expect(html).toContain('Tambah OPD')

    const created = await postForm(
      '/p/kalbar/manage/opds',
      {
        intent: 'create',
        name: 'Dinas Sosial Provinsi Kalimantan Barat',
        short_name: 'Dinsos',
        head_name: 'Kepala Dinsos',
        contact_email: 'dinsos@kalbar.example',
        contact_phone: '+62 561 123456',
      },
      { db: t.db, headers: kalbar },
    )
    expect(created.status).toBe(200)
    expect(await created.text()).toContain('OPD ditambahkan.')
    const dinsos = await t.asOwner((db) =>
      db
        .selectFrom('opds')
        .selectAll()
        .where('province_id', '=', ids.kalbar)
        .where('short_name', '=', 'Dinsos')
        .executeTakeFirstOrThrow(),
    )
    expect(dinsos.contact_email).toBe('dinsos@kalbar.example')

    const edited = await postForm(
      `/p/kalbar/manage/opds/${dinsos.id}`,
      { name: 'Dinas Sosial Kalbar', short_name: 'Dinsos', contact_phone: '0561 765432' },
      { db: t.db, headers: kalbar },
    )
    expect(edited.status).toBe(302)
    expect(edited.headers.get('location')).toBe('/p/kalbar/manage/opds')

    for (const intent of ['deactivate', 'reactivate', 'delete']) {
      const res = await postForm('/p/kalbar/manage/opds', { intent, opd: dinsos.id }, { db: t.db, headers: kalbar })
      expect(res.status, intent).toBe(200)
    }
    expect(await auditActions(dinsos.id)).toEqual([
      'opd.created',
      'opd.updated',
      'opd.deactivated',
      'opd.reactivated',
      'opd.deleted',
    ])
  })

  it('refuses a duplicate short name with a localised 400 and keeps what was typed', async () => {
    const res = await postForm(
      '/p/kalbar/manage/opds?lng=en',
      { intent: 'create', name: 'Dinas Kesehatan Kedua', short_name: 'Dinkes', contact_email: 'x@kalbar.example' },
      { db: t.db, headers: kalbar },
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Another OPD of this province already uses this short name.')
    expect(html).toContain('value="Dinas Kesehatan Kedua"')
    expect(html).toContain('value="x@kalbar.example"')

    const bad = await postForm(
      '/p/kalbar/manage/opds',
      { intent: 'create', name: '', short_name: 'Baru', contact_email: 'bukan-email' },
      { db: t.db, headers: kalbar },
    )
    expect(bad.status).toBe(400)
    const text = await bad.text()
    expect(text).toContain('Wajib diisi.')
    expect(text).toContain('Masukkan alamat email yang valid')
    expect(text).toContain('value="bukan-email"')
  })

  it('refuses to delete an OPD that leads issues, and offers deactivation', async () => {
    const res = await postForm(
      '/p/kalbar/manage/opds',
      { intent: 'delete', opd: ids.dinkes },
      { db: t.db, headers: kalbar },
    )
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Nonaktifkan saja.')
    const still = await t.asOwner((db) =>
      db.selectFrom('opds').select('id').where('id', '=', ids.dinkes).executeTakeFirst(),
    )
    expect(still).toBeDefined()
  })
})

describe('FGD records', () => {
  it('accepts real PDF minutes and serves them as a download to the province and national roles only', async () => {
    const fgd = await createFgd()
    const participants = await t.asOwner((db) =>
      db.selectFrom('fgd_participants').select('opd_id').where('fgd_id', '=', fgd).execute(),
    )
    expect(participants.map((p) => p.opd_id).sort()).toEqual([ids.dinkes, ids.pupr].sort())
    expect(await auditActions(fgd)).toEqual(['fgd.created'])

    const page = await (await request('/p/kalbar/manage/fgd', { db: t.db, headers: kalbar })).text()
    expect(page).toContain('Hotel Mercure Pontianak')
    expect(page).toContain('Dinkes, PUPR')

    const download = await request(`/p/kalbar/manage/fgd/${fgd}/minutes`, { db: t.db, headers: kalbar })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="notulen-fgd.pdf"/)
    expect(new TextDecoder().decode(new Uint8Array(await download.arrayBuffer())).startsWith('%PDF-1.4')).toBe(true)

    expect((await request(`/p/kalbar/manage/fgd/${fgd}/minutes`, { db: t.db, headers: ministry })).status).toBe(200)
    expect((await request(`/p/kalbar/manage/fgd/${fgd}/minutes`, { db: t.db, headers: sulsel })).status).toBe(404)
    expect((await request(`/p/sulsel/manage/fgd/${fgd}/minutes`, { db: t.db, headers: sulsel })).status).toBe(404)
  })

  it('refuses a PNG or a text file named .pdf, keeping the typed fields', async () => {
    const before = await t.asOwner((db) => db.selectFrom('fgd_sessions').select('id').execute())
    for (const file of [
      { bytes: PNG, name: 'notulen.pdf', type: 'application/pdf' },
      { bytes: new TextEncoder().encode('just some notes'), name: 'notulen.pdf', type: 'application/pdf' },
    ]) {
      const res = await upload('/p/kalbar/manage/fgd', kalbar, fgdFields([ids.dinkes]), file)
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain('Berkas ini bukan PDF.')
      expect(html).toContain('value="Hotel Mercure Pontianak"')
    }
    const missing = await upload('/p/kalbar/manage/fgd', kalbar, { ...fgdFields([]), held_on: '2023-02-30' })
    expect(missing.status).toBe(400)
    const html = await missing.text()
    expect(html).toContain('Lampirkan notulen dalam bentuk PDF.')
    expect(html).toContain('Pilih minimal satu OPD peserta.')
    expect(html).toContain('Masukkan tanggal yang valid.')
    const after = await t.asOwner((db) => db.selectFrom('fgd_sessions').select('id').execute())
    expect(after.length).toBe(before.length)
  })
})

describe('issue lifecycle', () => {
  it('draft → validated (needs an FGD) → published (on the portal) → unpublished (gone) → deleted', async () => {
    const created = await createIssue(ids.health, 'Layanan kesehatan di daerah perbatasan')
    expect(created.status).toBe(302)
    const issueId = (created.headers.get('location') ?? '').split('/').pop() as string
    const path = `/p/kalbar/manage/issues/${issueId}`
    const portal = async () => (await request('/p/kalbar', { db: t.db })).text()
    expect(await portal()).not.toContain('Layanan kesehatan di daerah perbatasan')

    const early = await postForm(path, { intent: 'publish' }, { db: t.db, headers: kalbar })
    expect(early.status).toBe(409)
    expect(await early.text()).toContain('Isu harus divalidasi melalui FGD sebelum diterbitkan.')

    const noFgd = await postForm(path, { intent: 'validate' }, { db: t.db, headers: kalbar })
    expect(noFgd.status).toBe(400)
    expect(await noFgd.text()).toContain('Pilih salah satu.')

    const fgd = await createFgd()
    expect((await postForm(path, { intent: 'validate', fgd }, { db: t.db, headers: kalbar })).status).toBe(200)
    const validated = await t.asOwner((db) =>
      db
        .selectFrom('province_issues')
        .select(['status', 'fgd_id', 'validated_on', 'validation_place'])
        .where('id', '=', issueId)
        .executeTakeFirstOrThrow(),
    )
    expect(validated).toEqual({
      status: 'validated',
      fgd_id: fgd,
      validated_on: '2023-04-11',
      validation_place: 'Hotel Mercure Pontianak',
    })

    const edit = await postForm(
      path,
      {
        intent: 'save',
        title_id: 'Layanan kesehatan di daerah perbatasan',
        title_en: 'Health services in border areas',
        description_id: 'Puskesmas di perbatasan kekurangan tenaga.',
        description_en: 'Border health centres lack staff.',
        lead_opd: ids.dinkes,
        supporting: ids.pupr,
        priority: '6',
      },
      { db: t.db, headers: kalbar },
    )
    expect(edit.status).toBe(200)
    const supporting = await t.asOwner((db) =>
      db.selectFrom('issue_supporting_opds').select('opd_id').where('issue_id', '=', issueId).execute(),
    )
    expect(supporting.map((s) => s.opd_id)).toEqual([ids.pupr])

    const indicator = await postForm(
      path,
      {
        intent: 'addIndicator',
        name_id: 'Prevalensi stunting',
        name_en: 'Stunting prevalence',
        value: '27,8',
        unit: '%',
        year: '2022',
        source: 'SSGI',
      },
      { db: t.db, headers: kalbar },
    )
    expect(indicator.status).toBe(200)
    const stored = await t.asOwner((db) =>
      db
        .selectFrom('issue_indicators')
        .select(['id', 'value'])
        .where('issue_id', '=', issueId)
        .executeTakeFirstOrThrow(),
    )
    expect(Number(stored.value)).toBe(27.8)
    const badIndicator = await postForm(
      path,
      { intent: 'addIndicator', name_id: 'X', name_en: 'X', value: 'banyak', unit: '%', year: '1800', source: 'S' },
      { db: t.db, headers: kalbar },
    )
    expect(badIndicator.status).toBe(400)
    const badHtml = await badIndicator.text()
    expect(badHtml).toContain('Masukkan angka, misalnya 27,8.')
    expect(badHtml).toContain('value="banyak"')

    const invalidated: (string | undefined)[] = []
    const published = await postForm(path, { intent: 'publish' }, { db: t.db, headers: kalbar, invalidated })
    expect(published.status).toBe(200)
    expect(invalidated).toEqual(['kalbar'])
    expect(await portal()).toContain('Layanan kesehatan di daerah perbatasan')
    // Submitted twice: nothing more happens.
    expect((await postForm(path, { intent: 'publish' }, { db: t.db, headers: kalbar })).status).toBe(200)

    const refused = await postForm(path, { intent: 'delete' }, { db: t.db, headers: kalbar })
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('Isu terbit tidak dapat dihapus.')

    const unpublished = await postForm(path, { intent: 'unpublish' }, { db: t.db, headers: kalbar, invalidated })
    expect(unpublished.status).toBe(200)
    expect(invalidated).toEqual(['kalbar', 'kalbar'])
    expect(await portal()).not.toContain('Layanan kesehatan di daerah perbatasan')

    expect(
      (await postForm(path, { intent: 'removeIndicator', indicator: stored.id }, { db: t.db, headers: kalbar })).status,
    ).toBe(200)
    const deleted = await postForm(path, { intent: 'delete' }, { db: t.db, headers: kalbar })
    expect(deleted.status).toBe(302)
    expect((await request(path, { db: t.db, headers: kalbar })).status).toBe(404)

    expect(await auditActions(issueId)).toEqual([
      'issue.created',
      'issue.validated',
      'issue.updated',
      'issue.indicator_added',
      'issue.published',
      'issue.unpublished',
      'issue.indicator_removed',
      'issue.deleted',
    ])
  })

  it('refuses to delete an issue that applications point at (foreign key), with a localised message', async () => {
    const created = await createIssue(ids.waste, 'Pengelolaan sampah sungai')
    const issueId = (created.headers.get('location') ?? '').split('/').pop() as string
    // Stands in for the applications table a later issue adds (composite FK into province_issues).
    await t.asOwner(async (db) => {
      await sql`create table fake_applications (province_id uuid, issue_id uuid,
        foreign key (province_id, issue_id) references province_issues (province_id, id))`.execute(db)
      await sql`insert into fake_applications values (${ids.kalbar}, ${issueId})`.execute(db)
    })
    const res = await postForm(
      `/p/kalbar/manage/issues/${issueId}`,
      { intent: 'delete' },
      { db: t.db, headers: kalbar },
    )
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Isu ini sudah memiliki pendaftaran')
    await t.asOwner((db) => sql`drop table fake_applications`.execute(db))
    expect(await auditActions(issueId)).toEqual(['issue.created'])
  })

  it('ministry reads the issue pages but cannot change them', async () => {
    const issue = await t.asOwner((db) =>
      db.selectFrom('province_issues').select('id').where('province_id', '=', ids.kalbar).executeTakeFirstOrThrow(),
    )
    const page = await request(`/p/kalbar/manage/issues/${issue.id}`, { db: t.db, headers: ministry })
    expect(page.status).toBe(200)
    expect(await page.text()).not.toContain('name="intent" value="save"')
    const post = await postForm(
      `/p/kalbar/manage/issues/${issue.id}`,
      { intent: 'unpublish' },
      { db: t.db, headers: ministry },
    )
    expect(post.status).toBe(403)
  })
})

describe('isolation between provinces', () => {
  it("another province's admin cannot list, read or change Kalbar's catalogue", async () => {
    const issue = await t.asOwner((db) =>
      db
        .selectFrom('province_issues')
        .select(['id', 'status', 'title_id'])
        .where('province_id', '=', ids.kalbar)
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow(),
    )
    for (const path of [
      '/p/kalbar/manage/opds',
      `/p/kalbar/manage/opds/${ids.dinkes}`,
      '/p/kalbar/manage/fgd',
      '/p/kalbar/manage/issues',
      `/p/kalbar/manage/issues/${issue.id}`,
      `/p/sulsel/manage/issues/${issue.id}`,
      `/p/sulsel/manage/opds/${ids.dinkes}`,
    ]) {
      expect((await request(path, { db: t.db, headers: sulsel })).status, path).toBe(404)
    }
    const posts: [string, Record<string, string>][] = [
      [`/p/kalbar/manage/issues/${issue.id}`, { intent: 'unpublish' }],
      [`/p/sulsel/manage/issues/${issue.id}`, { intent: 'unpublish' }],
      [`/p/sulsel/manage/issues/${issue.id}`, { intent: 'delete' }],
      [
        `/p/sulsel/manage/issues/${issue.id}`,
        { intent: 'save', title_id: 'x', title_en: 'x', lead_opd: ids.sulselOpd, priority: '1' },
      ],
      [`/p/sulsel/manage/opds/${ids.dinkes}`, { name: 'Diretas', short_name: 'Hack' }],
      ['/p/sulsel/manage/opds', { intent: 'deactivate', opd: ids.dinkes }],
      ['/p/sulsel/manage/opds', { intent: 'delete', opd: ids.dinkes }],
      ['/p/kalbar/manage/opds', { intent: 'create', name: 'Dinas X', short_name: 'DX' }],
    ]
    for (const [path, body] of posts) {
      expect((await postForm(path, body, { db: t.db, headers: sulsel })).status, `${path} ${body.intent}`).toBe(404)
    }
    const after = await t.asOwner(async (db) => ({
      issue: await db
        .selectFrom('province_issues')
        .select(['status', 'title_id'])
        .where('id', '=', issue.id)
        .executeTakeFirstOrThrow(),
      dinkes: await db
        .selectFrom('opds')
        .select(['name', 'active'])
        .where('id', '=', ids.dinkes)
        .executeTakeFirstOrThrow(),
      dx: await db.selectFrom('opds').select('id').where('short_name', '=', 'DX').executeTakeFirst(),
    }))
    expect(after.issue).toEqual({ status: 'published', title_id: issue.title_id })
    expect(after.dinkes).toEqual({ name: 'Dinas Kesehatan Provinsi Kalimantan Barat', active: true })
    expect(after.dx).toBeUndefined()
  })

  it("Kalbar's OPD, FGD and indicator ids in Sulsel's own forms answer 404 and change nothing", async () => {
    const before = await t.asOwner((db) =>
      db.selectFrom('province_issues').select('id').where('province_id', '=', ids.sulsel).execute(),
    )
    const withKalbarLead = await createIssue(ids.health, 'Isu curang', sulsel, 'sulsel', ids.dinkes)
    expect(withKalbarLead.status).toBe(404)
    const own = await createIssue(ids.health, 'Kesehatan Sulsel', sulsel, 'sulsel', ids.sulselOpd)
    expect(own.status).toBe(302)
    const sulselIssue = (own.headers.get('location') ?? '').split('/').pop() as string
    const path = `/p/sulsel/manage/issues/${sulselIssue}`

    const kalbarFgd = await createFgd()
    const { id: kalbarIssueId } = await t.asOwner((db) =>
      db.selectFrom('province_issues').select('id').where('province_id', '=', ids.kalbar).executeTakeFirstOrThrow(),
    )
    await postForm(
      `/p/kalbar/manage/issues/${kalbarIssueId}`,
      {
        intent: 'addIndicator',
        name_id: 'Timbulan',
        name_en: 'Generation',
        value: '1.2',
        unit: 'kg',
        year: '2022',
        source: 'demo',
      },
      { db: t.db, headers: kalbar },
    )
    const kalbarIndicator = await t.asOwner((db) =>
      db.selectFrom('issue_indicators').select('id').where('issue_id', '=', kalbarIssueId).executeTakeFirstOrThrow(),
    )

    const attempts: Record<string, string>[] = [
      { intent: 'save', title_id: 'a', title_en: 'a', lead_opd: ids.dinkes, priority: '1' },
      { intent: 'save', title_id: 'a', title_en: 'a', lead_opd: ids.sulselOpd, supporting: ids.pupr, priority: '1' },
      { intent: 'validate', fgd: kalbarFgd },
      { intent: 'removeIndicator', indicator: kalbarIndicator.id },
    ]
    for (const body of attempts) {
      expect((await postForm(path, body, { db: t.db, headers: sulsel })).status, JSON.stringify(body)).toBe(404)
    }
    const fgd = await upload('/p/sulsel/manage/fgd', sulsel, fgdFields([ids.dinkes]), {
      bytes: PDF,
      name: 'm.pdf',
      type: 'application/pdf',
    })
    expect(fgd.status).toBe(404)

    const after = await t.asOwner(async (db) => ({
      issues: await db.selectFrom('province_issues').select('id').where('province_id', '=', ids.sulsel).execute(),
      issue: await db
        .selectFrom('province_issues')
        .select(['title_id', 'lead_opd_id', 'status'])
        .where('id', '=', sulselIssue)
        .executeTakeFirstOrThrow(),
      supporting: await db
        .selectFrom('issue_supporting_opds')
        .select('opd_id')
        .where('issue_id', '=', sulselIssue)
        .execute(),
      indicator: await db
        .selectFrom('issue_indicators')
        .select('id')
        .where('id', '=', kalbarIndicator.id)
        .executeTakeFirst(),
      sulselFgd: await db.selectFrom('fgd_sessions').select('id').where('province_id', '=', ids.sulsel).execute(),
    }))
    expect(after.issues.length).toBe(before.length + 1)
    expect(after.issue).toEqual({ title_id: 'Kesehatan Sulsel', lead_opd_id: ids.sulselOpd, status: 'draft' })
    expect(after.supporting).toEqual([])
    expect(after.indicator).toBeDefined()
    expect(after.sulselFgd).toEqual([])
  })
})

describe('catalogue pages in both languages', () => {
  it('render for the admin and the ministry without raw translation keys', async () => {
    const dir = path.join(projectRoot, 'locales/id')
    const keys = readdirSync(dir).flatMap((file) =>
      flattenKeys(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))).map(
        ([k]) => `${file.replace(/\.json$/, '')}:${k}`,
      ),
    )
    const issue = await t.asOwner((db) =>
      db.selectFrom('province_issues').select('id').where('province_id', '=', ids.kalbar).executeTakeFirstOrThrow(),
    )
    const pages = [
      '/p/kalbar/manage/opds',
      `/p/kalbar/manage/opds/${ids.dinkes}`,
      '/p/kalbar/manage/fgd',
      '/p/kalbar/manage/issues',
      `/p/kalbar/manage/issues/${issue.id}`,
    ]
    for (const headers of [kalbar, ministry]) {
      for (const lng of ['id', 'en']) {
        for (const page of pages) {
          const res = await request(`${page}?lng=${lng}`, { db: t.db, headers })
          expect(res.status, page).toBe(200)
          expect(rawKeysIn(await res.text(), keys), `${page} ${lng}`).toEqual([])
        }
      }
    }
  })
})
