import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshotVenture } from '#app/modules/applications/application.queries.server.ts'
import { addAttachment } from '#app/modules/applications/attachments.server.ts'
import { FileRejected, MAX_FILE_BYTES } from '#app/modules/storage/storage.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createApplicant, userIdOf } from '#tests/factories/accounts.ts'
import { startDraft } from '#tests/factories/applications.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { signedIn } from '#tests/factories/session.ts'
import { createVenture } from '#tests/factories/ventures.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Attachments on an application (issue 6) through the built app: multipart uploads
// checked by content, the five-file limit, removal, downloads as attachments, and
// isolation between applicants and provinces. The demo Kalbar call is open from
// seededAt − 5 days to seededAt + 9 days.

let t: TestDatabase
const seededAt = new Date()
const afterClose = new Date(seededAt.getTime() + 12 * 24 * 60 * 60 * 1000)
const ids = { kalbar: '', applicant: '', second: '', issue: '', app: '', secondApp: '', pdf: '', png: '' }
type Headers = { Cookie: string }
let applicant: Headers
let second: Headers
let sulsel: Headers
let bappeda: Headers
let bappedaSulsel: Headers

const bytes = (head: number[] | string, size = 64) => {
  const start = typeof head === 'string' ? [...Buffer.from(head)] : head
  const out = new Uint8Array(size)
  out.set(start)
  for (let i = start.length; i < size; i++) out[i] = (i * 7) % 251
  return out
}
const PDF = bytes('%PDF-1.4\n', 300)
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 200)
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 150)
const EXE = bytes('MZ\x90\x00', 400)

const page = async (path: string, headers: Headers, now = seededAt) => {
  const res = await request(path, { db: t.db, headers, now })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}
const upload = async (
  path: string,
  fields: Record<string, string>,
  file: { data: Uint8Array; name: string; type?: string } | null,
  headers: Headers,
  now = seededAt,
) => {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  if (file)
    body.append(
      'file',
      new File([new Uint8Array(file.data)], file.name, { type: file.type ?? 'application/octet-stream' }),
    )
  const res = await request(path, {
    db: t.db,
    now,
    headers: { ...headers, Origin: 'http://localhost', Host: 'localhost' },
    init: { method: 'POST', body },
  })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}
const listed = () =>
  t.asOwner((db) =>
    db
      .selectFrom('application_files as af')
      .innerJoin('files as f', 'f.id', 'af.file_id')
      .select(['f.id', 'f.original_name', 'f.content_type', 'af.kind'])
      .where('af.application_id', '=', ids.app)
      .orderBy('af.position')
      .execute(),
  )
const audits = () =>
  t.asOwner((db) =>
    db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', ids.app).orderBy('id').execute(),
  )
const addApplicant = async (email: string, venture: string) =>
  t.asOwner(async (db) => {
    const id = await createApplicant(db, ids.kalbar, { email, name: 'Pendaftar Lain' })
    await createVenture(db, ids.kalbar, id, { name: venture })
    return id
  })
beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  await t.asOwner(async (db) => {
    const kalbar = await provinceFixture(db, 'kalbar')
    ids.kalbar = kalbar.province.id
    ids.issue = kalbar.issues[0]?.id ?? ''
    ids.applicant = await userIdOf(db, 'applicant.kalbar@demo.winner.id')
    await createVenture(db, ids.kalbar, ids.applicant, { name: 'Koperasi Lampiran' })
  })
  ids.second = await addApplicant('lampiran.kedua@example.id', 'Usaha Kedua')
  applicant = await signedIn(t.db, 'applicant.kalbar@demo.winner.id')
  second = await signedIn(t.db, 'lampiran.kedua@example.id')
  sulsel = await signedIn(t.db, 'applicant.sulsel@demo.winner.id')
  bappeda = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  bappedaSulsel = await signedIn(t.db, 'bappeda.sulsel@demo.winner.id')
  ids.app = await startDraft(t.db, applicant, ids.issue, { now: seededAt })
  ids.secondApp = await startDraft(t.db, second, ids.issue, { now: seededAt })
})
afterAll(() => t.close())

const base = () => `/p/kalbar/apply/${ids.app}/attachments`

describe('uploading attachments', () => {
  it('shows the limits and a multipart form that needs no script', async () => {
    const res = await page(base(), applicant)
    expect(res.status).toBe(200)
    expect(res.body).toContain('paling banyak 5 berkas, masing-masing paling besar 10 MB')
    expect(res.body).toMatch(/enctype="multipart\/form-data"/i)
    expect(res.body).toContain('Belum ada berkas yang dilampirkan.')
  })

  it('accepts a PDF proposal and a PNG photo, lists them and audits each', async () => {
    const pdf = await upload(
      base(),
      { intent: 'upload', kind: 'proposal' },
      { data: PDF, name: '../../Proposal<Final>.pdf', type: 'application/pdf' },
      applicant,
    )
    expect(pdf.status).toBe(302)
    expect(pdf.location).toBe(`${base()}?done=added`)
    // The browser's claim plays no part: a real PNG sent as text/plain is a photo.
    const png = await upload(
      base(),
      { intent: 'upload', kind: 'photo' },
      { data: PNG, name: 'lapangan.png', type: 'text/plain' },
      applicant,
    )
    expect(png.status).toBe(302)
    const files = await listed()
    expect(files).toMatchObject([
      { original_name: 'Proposal_Final_.pdf', content_type: 'application/pdf', kind: 'proposal' },
      { original_name: 'lapangan.png', content_type: 'image/png', kind: 'photo' },
    ])
    ids.pdf = files[0]?.id ?? ''
    ids.png = files[1]?.id ?? ''
    const list = await page(`${base()}?done=added`, applicant)
    expect(list.body).toContain('Berkas dilampirkan.')
    expect(list.body).toContain('Proposal_Final_.pdf')
    expect(list.body).toContain(`href="/p/kalbar/apply/${ids.app}/files/${ids.pdf}"`)
    expect(list.body).toContain('Berkas terlampir (2 dari 5)')
    expect(list.body).toContain('PNG')
    const actions = (await audits()).filter((a) => a.action.startsWith('application.file_'))
    expect(actions).toMatchObject([
      { action: 'application.file_added', details: { file_id: ids.pdf, kind: 'proposal' } },
      { action: 'application.file_added', details: { file_id: ids.png, kind: 'photo' } },
    ])
  })

  it('attaches the same content once when the form is sent twice', async () => {
    const again = await upload(base(), { intent: 'upload', kind: 'proposal' }, { data: PDF, name: 'x.pdf' }, applicant)
    expect(again.status).toBe(302)
    expect(await listed()).toHaveLength(2)
  })

  it('refuses an executable renamed .pdf, by its content', async () => {
    const res = await upload(
      base(),
      { intent: 'upload', kind: 'proposal' },
      { data: EXE, name: 'proposal.pdf', type: 'application/pdf' },
      applicant,
    )
    expect(res.status).toBe(400)
    expect(res.body).toContain('Proposal harus berupa berkas PDF')
    const asPhoto = await upload(
      base(),
      { intent: 'upload', kind: 'photo' },
      { data: EXE, name: 'foto.png' },
      applicant,
    )
    expect(asPhoto.status).toBe(400)
    expect(asPhoto.body).toContain('Foto harus berupa berkas JPEG atau PNG')
    expect(await listed()).toHaveLength(2)
  })

  it('refuses a JPEG uploaded as the proposal', async () => {
    const res = await upload(
      base(),
      { intent: 'upload', kind: 'proposal' },
      { data: JPEG, name: 'scan.pdf', type: 'application/pdf' },
      applicant,
    )
    expect(res.status).toBe(400)
    expect(res.body).toContain('Proposal harus berupa berkas PDF')
  })

  it('refuses a file of 10 MB + 1 byte and keeps the form as chosen', async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1)
    big.set(PNG.subarray(0, 8))
    const res = await upload(base(), { intent: 'upload', kind: 'photo' }, { data: big, name: 'besar.png' }, applicant)
    expect(res.status).toBe(400)
    expect(res.body).toContain('Berkas terlalu besar: paling besar 10 MB.')
    expect(res.body).toMatch(/<option value="photo" selected="">/)
    expect(await listed()).toHaveLength(2)
  })

  it('refuses an empty file, over HTTP and in the module', async () => {
    const res = await upload(
      base(),
      { intent: 'upload', kind: 'proposal' },
      { data: new Uint8Array(0), name: 'kosong.pdf' },
      applicant,
    )
    expect(res.status).toBe(400)
    expect(res.body).toContain('berkas kosong tidak diterima')
    const actor = { provinceId: ids.kalbar, userId: ids.applicant, ip: null }
    const direct = addAttachment(
      t.db,
      actor,
      ids.app,
      'proposal',
      { name: 'kosong.pdf', bytes: new Uint8Array(0) },
      seededAt,
    )
    await expect(direct).rejects.toBeInstanceOf(FileRejected)
    await expect(direct).rejects.toMatchObject({ reason: 'empty' })
    expect(await listed()).toHaveLength(2)
  })

  it('refuses an unknown kind', async () => {
    const res = await upload(base(), { intent: 'upload', kind: 'video' }, { data: PDF, name: 'a.pdf' }, applicant)
    expect(res.status).toBe(400)
    expect(res.body).toContain('Pilih jenis lampiran.')
  })

  it('refuses a sixth file', async () => {
    for (const n of [1, 2, 3]) {
      const photo = bytes([0xff, 0xd8, 0xff, 0xe0, n], 100 + n)
      const res = await upload(
        base(),
        { intent: 'upload', kind: 'photo' },
        { data: photo, name: `foto-${n}.jpg` },
        applicant,
      )
      expect(res.status).toBe(302)
    }
    expect(await listed()).toHaveLength(5)
    const full = await page(base(), applicant)
    expect(full.body).toContain('Sudah 5 berkas terlampir.')
    expect(full.body).not.toMatch(/enctype="multipart\/form-data"/i)
    const sixth = await upload(
      base(),
      { intent: 'upload', kind: 'photo' },
      { data: bytes([0xff, 0xd8, 0xff, 0xe0, 9], 99), name: 'keenam.jpg' },
      applicant,
    )
    expect(sixth.status).toBe(400)
    expect(sixth.body).toContain('Paling banyak 5 berkas per proposal.')
    expect(await listed()).toHaveLength(5)
  })
})

describe('removing attachments', () => {
  it('removes a file of the own draft and audits it', async () => {
    const last = (await listed()).at(-1)?.id ?? ''
    const res = await upload(base(), { intent: 'remove', file: last }, null, applicant)
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${base()}?done=removed`)
    expect((await listed()).map((f) => f.id)).not.toContain(last)
    expect(await t.asOwner((db) => db.selectFrom('files').select('id').where('id', '=', last).execute())).toEqual([])
    const removed = (await audits()).filter((a) => a.action === 'application.file_removed')
    expect(removed).toMatchObject([{ details: { file_id: last, kind: 'photo' } }])
    // Sent again, the file is gone: nothing more happens.
    expect((await upload(base(), { intent: 'remove', file: last }, null, applicant)).status).toBe(404)
  })
})

describe('downloading attachments', () => {
  const ownFile = () => `/p/kalbar/apply/${ids.app}/files/${ids.pdf}`
  const manageFile = (slug = 'kalbar') => `/p/${slug}/manage/applications/${ids.app}/files/${ids.pdf}`

  it('gives the owner the exact bytes as an attachment', async () => {
    const res = await request(ownFile(), { db: t.db, headers: applicant, now: seededAt })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Proposal_Final_.pdf"/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF)
  })

  it('answers 404 to another Kalbar applicant, for download and removal', async () => {
    expect((await page(ownFile(), second)).status).toBe(404)
    expect((await page(base(), second)).status).toBe(404)
    expect((await upload(base(), { intent: 'remove', file: ids.pdf }, null, second)).status).toBe(404)
    // Through their own application, posting the other's file id.
    const own = `/p/kalbar/apply/${ids.secondApp}`
    expect((await page(`${own}/files/${ids.pdf}`, second)).status).toBe(404)
    expect((await upload(`${own}/attachments`, { intent: 'remove', file: ids.pdf }, null, second)).status).toBe(404)
    expect((await listed()).map((f) => f.id)).toContain(ids.pdf)
  })

  it('answers 404 to a Sulsel applicant, in either province', async () => {
    expect((await page(ownFile(), sulsel)).status).toBe(404)
    expect((await page(`/p/sulsel/apply/${ids.app}/files/${ids.pdf}`, sulsel)).status).toBe(404)
    expect((await upload(base(), { intent: 'remove', file: ids.pdf }, null, sulsel)).status).toBe(404)
  })

  it('keeps drafts from Bappeda, then lets Kalbar Bappeda download once submitted; Sulsel Bappeda gets 404', async () => {
    expect((await page(manageFile(), bappeda)).status).toBe(404)
    expect((await page(ownFile(), bappeda)).status).toBe(403)
    // Submitted as submit would leave it: with the snapshot of the venture at that moment.
    await t.asOwner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, async (trx) => {
        const row = await trx
          .selectFrom('applications')
          .select('venture_id')
          .where('id', '=', ids.app)
          .executeTakeFirstOrThrow()
        const snapshot = await snapshotVenture(trx, ids.kalbar, row.venture_id, seededAt)
        await trx
          .updateTable('applications')
          .set({
            status: 'submitted',
            submitted_at: seededAt,
            consent_at: seededAt,
            receipt_number: 'WNR-TEST-0001',
            venture_snapshot_id: snapshot,
          })
          .where('id', '=', ids.app)
          .execute()
      }),
    )
    const res = await request(manageFile(), { db: t.db, headers: bappeda, now: seededAt })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF)
    expect((await page(manageFile(), bappedaSulsel)).status).toBe(404)
    expect((await page(manageFile('sulsel'), bappedaSulsel)).status).toBe(404)
    expect((await page(manageFile(), applicant)).status).toBe(403)
    // The owner still downloads; changes are over (409).
    expect((await page(ownFile(), applicant)).status).toBe(200)
    const late = await upload(base(), { intent: 'upload', kind: 'photo' }, { data: PNG, name: 'x.png' }, applicant)
    expect(late.status).toBe(409)
    expect(late.body).toContain('bukan draf lagi')
  })
})

describe('after the call closes', () => {
  it('refuses uploads and removals with 409 but still lists and downloads', async () => {
    const path = `/p/kalbar/apply/${ids.secondApp}/attachments`
    const ok = await upload(path, { intent: 'upload', kind: 'proposal' }, { data: PDF, name: 'p.pdf' }, second)
    expect(ok.status).toBe(302)
    const fileId =
      (
        await t.asOwner((db) =>
          db.selectFrom('application_files').select('file_id').where('application_id', '=', ids.secondApp).execute(),
        )
      )[0]?.file_id ?? ''
    const late = await upload(
      path,
      { intent: 'upload', kind: 'photo' },
      { data: PNG, name: 'x.png' },
      second,
      afterClose,
    )
    expect(late.status).toBe(409)
    expect(late.body).toContain('Periode pendaftaran sudah ditutup')
    const remove = await upload(path, { intent: 'remove', file: fileId }, null, second, afterClose)
    expect(remove.status).toBe(409)
    const list = await page(path, second, afterClose)
    expect(list.status).toBe(200)
    expect(list.body).not.toMatch(/enctype="multipart\/form-data"/i)
    expect(list.body).not.toContain('>Hapus<')
    expect((await page(`/p/kalbar/apply/${ids.secondApp}/files/${fileId}`, second, afterClose)).status).toBe(200)
  })
})
