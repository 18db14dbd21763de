import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { userIdOf } from '#tests/factories/accounts.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { addApplication, addReviewer, assign, seedRubric } from '#tests/factories/desk.ts'
import { signedIn } from '#tests/factories/session.ts'
import { projectRoot } from '#tests/support/app-process.ts'
import { identifyingPdf, occurrences } from '#tests/support/identifying-pdf.ts'
import { postForm, request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'
import { flattenKeys, rawKeysIn } from '../i18n/keys.ts'

// The reviewer's side of issue 7 through the built app: the queue, the conflict-of-
// interest gate, scoring with "save and next", the deadline and status rules,
// isolation, and blind review — no identifying string of a seeded application in any
// page, header or downloaded byte a reviewer can reach.

let t: TestDatabase
const seededAt = new Date()
const DAY = 24 * 60 * 60 * 1000
const reviewClosesAt = new Date(seededAt.getTime() + 30 * DAY)
const afterDeadline = new Date(reviewClosesAt.getTime() + 60_000)
type Headers = { Cookie: string }
let reviewer: Headers
let otherReviewer: Headers
let sulselReviewer: Headers
let erat: Headers
let bappeda: Headers
const ids = {
  kalbar: '',
  call: '',
  reviewer: '',
  other: '',
  secret: '',
  p1: '',
  p2: '',
  p3: '',
  withdrawn: '',
  ineligible: '',
  othersOnly: '',
}
let criteria: Record<string, string> = {}

// Distinctive strings of the blind application: none may reach the reviewer.
const SECRET = {
  applicant: 'Zulkarnaen Wiraputra',
  email: 'zulkarnaen.rahasia@contoh.id',
  phone: '081299887766',
  venture: 'Koperasi Rahasia Kapuas',
  member1: 'Sekar Ayuningtyas',
  member2: 'Bambang Wirokusumo',
  file1: 'Proposal-Koperasi-Kapuas-Final.pdf',
  file2: 'foto-sekar-ayuningtyas.png',
  file3: 'kegiatan-bambang.jpg',
  address: 'Jalan Tanjungpura Gang Rahasia 7',
  website: 'koperasi-kapuas-rahasia.id',
}
const secrets = Object.values(SECRET)
// What the declaration must hide until the reviewer declared no conflict.
const PROBLEM = 'Limbah sawit mencemari anak sungai Landak setiap musim hujan.'

/** The proposal names the applicant in every place a PDF can hide a name (identifying-pdf.ts), the venture and a member in its Info. */
async function pdfBytes(author: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.load((await identifyingPdf(author)).bytes, { updateMetadata: false })
  pdf.setTitle(`Proposal ${SECRET.venture}`)
  pdf.setCreator(SECRET.member1)
  return pdf.save({ useObjectStreams: false })
}
function pngBytes(text: string): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'latin1')
    data.copy(out, 8)
    // The CRC is not checked by the stripper; zero keeps the fixture short.
    return out
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])),
    chunk('tEXt', Buffer.from(`Author\0${text}`, 'latin1')),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 2, 0, 1])),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
function jpegBytes(text: string): Uint8Array {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff])
    return Buffer.concat([head, data])
  }
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x02\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.from(`Exif\0\0MM\0*Artist=${text}`, 'latin1')),
    segment(0xfe, Buffer.from(`Foto ${text}`, 'latin1')),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ])
}

const page = async (path: string, headers: Headers, now = seededAt) => {
  const res = await request(path, { db: t.db, headers, now })
  return { status: res.status, body: await res.text(), location: res.headers.get('location'), headers: res.headers }
}
const post = async (path: string, fields: Record<string, string>, headers: Headers, now = seededAt) => {
  const res = await postForm(path, fields, { db: t.db, headers, now })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}
const appPath = (id: string) => `/p/kalbar/review/${id}`
const declareNone = (id: string, headers = reviewer) =>
  post(appPath(id), { application: id, intent: 'declare', conflict: 'none' }, headers)
const scoreFields = (
  id: string,
  scores: Partial<Record<'fit' | 'innovation' | 'impact', number>>,
  intent = 'save',
) => ({
  application: id,
  intent,
  ...Object.fromEntries(Object.entries(scores).map(([k, v]) => [`score.${criteria[k]}`, String(v)])),
})
const assignmentOf = (id: string, reviewerId = ids.reviewer) =>
  t.asOwner((db) =>
    db
      .selectFrom('review_assignments')
      .selectAll()
      .where('application_id', '=', id)
      .where('reviewer_id', '=', reviewerId)
      .executeTakeFirst(),
  )
const scoresOf = (id: string) =>
  t.asOwner((db) =>
    db
      .selectFrom('review_scores')
      .select(['criterion_id', 'score', 'comment'])
      .where('application_id', '=', id)
      .execute(),
  )
const auditsOf = (id: string) =>
  t.asOwner((db) =>
    db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', id).orderBy('id').execute(),
  )
const callRow = () =>
  t.asOwner((db) =>
    db
      .selectFrom('calls')
      .select(['rubric_locked_at', 'blind_review'])
      .where('id', '=', ids.call)
      .executeTakeFirstOrThrow(),
  )
const utf16Hex = (text: string) =>
  [...text]
    .map((c) => c.charCodeAt(0).toString(16).padStart(4, '0'))
    .join('')
    .toUpperCase()
const expectNoSecret = (where: string, text: string) => {
  for (const s of secrets) expect(text.toLowerCase(), `${where} leaks "${s}"`).not.toContain(s.toLowerCase())
}

beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  await t.asOwner(async (db) => {
    const kalbar = await provinceFixture(db, 'kalbar')
    ids.kalbar = kalbar.province.id
    ids.call = kalbar.callId
    await withTenant(db, { provinceId: ids.kalbar }, (trx) =>
      trx
        .updateTable('calls')
        .set({ review_closes_at: reviewClosesAt, blind_review: true, review_started_at: seededAt })
        .where('province_id', '=', ids.kalbar)
        .where('id', '=', ids.call)
        .execute(),
    )
    criteria = await seedRubric(db, ids.kalbar, ids.call)
    ids.reviewer = await userIdOf(db, 'reviewer.kalbar@demo.winner.id')
    ids.other = await addReviewer(db, ids.kalbar, 'penilai.kedua@example.id', 'Penilai Kedua')
    const base = {
      provinceId: ids.kalbar,
      editionId: kalbar.editionId,
      callId: ids.call,
      issueId: kalbar.issues[0]?.id ?? '',
      submittedAt: new Date(seededAt.getTime() - DAY),
    }
    ids.secret = await addApplication(db, {
      ...base,
      receipt: 'WNR-T-0001',
      status: 'in_review',
      applicant: { name: SECRET.applicant, email: SECRET.email, phone: SECRET.phone },
      venture: { name: SECRET.venture, address: SECRET.address, website: SECRET.website },
      members: [SECRET.member1, SECRET.member2],
      problem: PROBLEM,
      files: [
        { name: SECRET.file1, bytes: await pdfBytes(SECRET.applicant), kind: 'proposal' },
        { name: SECRET.file2, bytes: pngBytes(SECRET.member1), kind: 'photo' },
        { name: SECRET.file3, bytes: jpegBytes(SECRET.venture), kind: 'photo' },
      ],
    })
    const plain = (n: number, status: 'in_review' | 'withdrawn' | 'ineligible' = 'in_review') =>
      addApplication(db, {
        ...base,
        receipt: `WNR-T-000${n}`,
        status,
        applicant: { name: `Pendaftar ${n}`, email: `pendaftar${n}@contoh.id`, phone: null },
        venture: { name: `Usaha Biasa ${n}` },
        members: [`Anggota ${n}`],
      })
    ids.p1 = await plain(2)
    ids.p2 = await plain(3)
    ids.p3 = await plain(4)
    ids.withdrawn = await plain(5, 'withdrawn')
    ids.ineligible = await plain(6, 'ineligible')
    ids.othersOnly = await plain(7)
    for (const id of [ids.secret, ids.p1, ids.p2, ids.p3, ids.withdrawn, ids.ineligible]) {
      await assign(db, ids.kalbar, id, ids.reviewer)
    }
    await assign(db, ids.kalbar, ids.othersOnly, ids.other)
  })
  reviewer = await signedIn(t.db, 'reviewer.kalbar@demo.winner.id')
  otherReviewer = await signedIn(t.db, 'penilai.kedua@example.id')
  sulselReviewer = await signedIn(t.db, 'reviewer.sulsel@demo.winner.id')
  erat = await signedIn(t.db, 'erat@demo.winner.id')
  bappeda = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
})
afterAll(() => t?.close())

describe('the queue', () => {
  it('shows only the reviewer’s own assignments with progress and the deadline in the province’s zone', async () => {
    const res = await page('/p/kalbar/review', reviewer)
    expect(res.status).toBe(200)
    expect(res.body).toContain('Ruang penilai — Provinsi Kalimantan Barat')
    expect(res.body).toContain('0 dari 6 dinilai')
    // First under the heading: assigned/scored, what is left, then the deadline (issue 13).
    const main = res.body.slice(res.body.indexOf('<h1>')).replaceAll('<!-- -->', '')
    expect(main).toMatch(
      /^<h1>[^<]*<\/h1><p class="lead"><strong>0 dari 6 dinilai<\/strong> · 6 tersisa<\/p><ul class="plain"><li>Batas penilaian: [^<]*WIB/,
    )
    for (const n of [1, 2, 3, 4, 5, 6]) expect(res.body).toContain(`WNR-T-000${n}`)
    expect(res.body).not.toContain('WNR-T-0007')
    expect(res.body).toMatch(/Batas penilaian: [^<]*WIB/)
    expect(res.body).toContain('Perlu deklarasi konflik')
    const other = await page('/p/kalbar/review', otherReviewer)
    expect(other.body).toContain('0 dari 1 dinilai')
    expect(other.body).toContain('WNR-T-0007')
    expect(other.body).not.toContain('WNR-T-0001')
  })

  it('speaks English too', async () => {
    const res = await page('/p/kalbar/review?lng=en', reviewer)
    expect(res.body).toContain('0 of 6 scored')
    expect(res.body).toContain('Not yet scored (6)')
  })

  it('is read-only after the deadline', async () => {
    const res = await page('/p/kalbar/review', reviewer, afterDeadline)
    expect(res.body).toContain('Batas penilaian sudah lewat: nilai terkunci')
    expect(res.body).toContain('terkunci')
  })

  it('lets Bappeda, the ministry and ERAT in nowhere here', async () => {
    expect((await page('/p/kalbar/review', bappeda)).status).toBe(403)
    expect((await page('/p/kalbar/review', erat)).status).toBe(403)
  })
})

describe('the conflict-of-interest gate', () => {
  it('shows only the declaration before the reviewer declared: no details, no files, no scoring', async () => {
    const res = await page(appPath(ids.p1), reviewer)
    expect(res.status).toBe(200)
    expect(res.body).toContain('Deklarasi konflik kepentingan')
    expect(res.body).toContain('WNR-T-0002')
    expect(res.body).not.toContain('Sampah plastik menumpuk')
    expect(res.body).not.toContain('Formulir penilaian')
    const secret = await page(appPath(ids.secret), reviewer)
    expect(secret.body).not.toContain(PROBLEM)
    expectNoSecret('the declaration page', secret.body)
    const files = await t.asOwner((db) =>
      db.selectFrom('application_files').select('file_id').where('application_id', '=', ids.secret).execute(),
    )
    expect((await page(`${appPath(ids.secret)}/files/${files[0]?.file_id}`, reviewer)).status).toBe(404)
    const early = await post(appPath(ids.p1), scoreFields(ids.p1, { fit: 3 }), reviewer)
    expect(early.status).toBe(409)
    expect(early.body).toContain('Nyatakan dulu ada atau tidaknya konflik kepentingan.')
    expect(await scoresOf(ids.p1)).toEqual([])
  })

  it('asks for the kind of a declared conflict', async () => {
    const res = await post(appPath(ids.p3), { application: ids.p3, intent: 'declare', conflict: 'yes' }, reviewer)
    expect(res.status).toBe(400)
    expect(res.body).toContain('Pilih jenis konflik kepentingan.')
    expect(await assignmentOf(ids.p3)).toBeDefined()
  })

  it('records a declared conflict, removes the assignment, audits, and is safe to repeat', async () => {
    const fields = { application: ids.p3, intent: 'declare', conflict: 'yes', kind: 'family', note: 'Sepupu saya.' }
    const res = await post(appPath(ids.p3), fields, reviewer)
    expect(res.status).toBe(302)
    expect(res.location).toBe('/p/kalbar/review?done=conflict')
    expect(await assignmentOf(ids.p3)).toBeUndefined()
    const conflicts = await t.asOwner((db) =>
      db.selectFrom('review_conflicts').selectAll().where('application_id', '=', ids.p3).execute(),
    )
    expect(conflicts).toMatchObject([
      { reviewer_id: ids.reviewer, source: 'declared', kind: 'family', note: 'Sepupu saya.' },
    ])
    expect((await auditsOf(ids.p3)).map((a) => a.action)).toEqual(['review.declared_conflict'])
    // Bappeda is told, in each admin's language, where to assign a replacement.
    const notices = () =>
      t.asOwner((db) =>
        db
          .selectFrom('mail_outbox')
          .select(['to_email', 'subject', 'body_text'])
          .where('template', '=', 'screening.conflictDeclared')
          .execute(),
      )
    const admins = await t.asOwner((db) =>
      db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .innerJoin('provinces as p', 'p.id', 'm.province_id')
        .select('u.email')
        .where('p.slug', '=', 'kalbar')
        .where('m.role', '=', 'province_admin')
        .where('u.active', '=', true)
        .execute(),
    )
    const sent = await notices()
    expect(sent.map((m) => m.to_email).sort()).toEqual(admins.map((a) => a.email).sort())
    expect(sent.map((m) => m.to_email)).toContain('bappeda.kalbar@demo.winner.id')
    expect(sent[0]?.subject).toContain('WNR-T-0004')
    expect(sent[0]?.body_text).toContain('http://localhost/p/kalbar/manage/review/assignments')
    const again = await post(appPath(ids.p3), fields, reviewer)
    expect(again.status).toBe(302)
    expect((await auditsOf(ids.p3)).length).toBe(1)
    expect(await notices()).toHaveLength(sent.length)

    const queue = await page('/p/kalbar/review?done=conflict', reviewer)
    expect(queue.body).toContain('Konflik kepentingan Anda dicatat')
    expect(queue.body).toContain('0 dari 5 dinilai')
    const list = await page('/p/kalbar/review?view=conflicts', reviewer)
    expect(list.body).toContain('WNR-T-0004')
    expect(list.body).toContain('Hubungan keluarga')
    // The application is no longer theirs to open.
    expect((await page(appPath(ids.p3), reviewer)).status).toBe(404)
  })

  it('opens the details after "no conflict", once', async () => {
    const res = await declareNone(ids.p1)
    expect(res.status).toBe(302)
    expect(res.location).toBe(appPath(ids.p1))
    const declaredAt = (await assignmentOf(ids.p1))?.declared_at
    expect(declaredAt).toBeInstanceOf(Date)
    expect((await declareNone(ids.p1)).status).toBe(302)
    expect((await assignmentOf(ids.p1))?.declared_at).toEqual(declaredAt)
    expect((await auditsOf(ids.p1)).map((a) => a.action)).toEqual(['review.declared_no_conflict'])
    const details = await page(appPath(ids.p1), reviewer)
    expect(details.body).toContain('Sampah plastik menumpuk')
    expect(details.body).toContain('Formulir penilaian')
    expect(details.body).toContain('Kesesuaian dengan isu: tingkat 5')
    expect(details.body).toContain('Simpan dan berikutnya')
  })
})

describe('scoring', () => {
  it('saves a partial review as a draft and locks the rubric at the first score', async () => {
    expect((await callRow()).rubric_locked_at).toBeNull()
    const res = await post(
      appPath(ids.p1),
      { ...scoreFields(ids.p1, { fit: 4 }), [`comment.${criteria.fit}`]: 'Sangat sesuai.' },
      reviewer,
    )
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${appPath(ids.p1)}?saved=1`)
    expect(await scoresOf(ids.p1)).toEqual([{ criterion_id: criteria.fit, score: 4, comment: 'Sangat sesuai.' }])
    expect((await assignmentOf(ids.p1))?.total).toBeNull()
    expect((await callRow()).rubric_locked_at).toBeInstanceOf(Date)
    const shown = await page(`${appPath(ids.p1)}?saved=1`, reviewer)
    expect(shown.body).toContain('Nilai disimpan.')
    expect(shown.body).toMatch(new RegExp(`name="score\\.${criteria.fit}" checked="" value="4"`))
    expect((await page('/p/kalbar/review', reviewer)).body).toContain('Draf (sebagian dinilai)')
  })

  it('an empty score sheet saves nothing and says so, without claiming "saved"', async () => {
    const before = await scoresOf(ids.p1)
    const res = await post(appPath(ids.p1), { application: ids.p1, intent: 'save' }, reviewer)
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${appPath(ids.p1)}?saved=0`)
    expect(await scoresOf(ids.p1)).toEqual(before)
    const shown = await page(`${appPath(ids.p1)}?saved=0`, reviewer)
    expect(shown.body).toContain('Tidak ada nilai yang berubah, jadi tidak ada yang disimpan.')
    expect(shown.body).not.toContain('Nilai disimpan.')
  })

  it('answers bad input with a localised 400 and saves nothing', async () => {
    const bad = await post(appPath(ids.p1), scoreFields(ids.p1, { innovation: 7 }), reviewer)
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Pilih nilai 1 sampai 5.')
    const lonely = await post(
      appPath(ids.p1),
      { application: ids.p1, intent: 'save', [`comment.${criteria.impact}`]: 'Tanpa nilai' },
      reviewer,
    )
    expect(lonely.status).toBe(400)
    expect(lonely.body).toContain('Beri nilai untuk kriteria ini sebelum menulis komentar.')
    expect((await scoresOf(ids.p1)).length).toBe(1)
  })

  it('computes the weighted total when complete and goes to the next unscored application', async () => {
    const res = await post(
      appPath(ids.p1),
      scoreFields(ids.p1, { fit: 4, innovation: 5, impact: 3 }, 'save_next'),
      reviewer,
    )
    expect(res.status).toBe(302)
    // Next in queue order after WNR-T-0002 that is still unscored and in review: WNR-T-0003.
    expect(res.location).toBe(`${appPath(ids.p2)}?saved=1`)
    const done = await assignmentOf(ids.p1)
    // (50·4 + 30·5 + 20·3) / 5 = 82
    expect(Number(done?.total)).toBe(82)
    expect(done?.scored_at).toBeInstanceOf(Date)
    // The comment saved earlier stays.
    expect((await scoresOf(ids.p1)).find((s) => s.criterion_id === criteria.fit)?.comment).toBe('Sangat sesuai.')
    const queue = await page('/p/kalbar/review', reviewer)
    expect(queue.body).toContain('1 dari 5 dinilai')
    const scored = await page('/p/kalbar/review?view=scored', reviewer)
    expect(scored.body).toContain('WNR-T-0002')
    expect(scored.body).toContain('82,00')
    expect(scored.body).not.toContain('WNR-T-0003')
    const todo = await page('/p/kalbar/review?view=todo', reviewer)
    expect(todo.body).not.toContain('WNR-T-0002')
    expect(todo.body).toContain('WNR-T-0003')
  })

  it('keeps scores editable until the deadline; a repeat changes and audits nothing', async () => {
    const before = (await auditsOf(ids.p1)).length
    const same = await post(appPath(ids.p1), scoreFields(ids.p1, { fit: 4, innovation: 5, impact: 3 }), reviewer)
    expect(same.status).toBe(302)
    expect((await auditsOf(ids.p1)).length).toBe(before)
    const changed = await post(appPath(ids.p1), scoreFields(ids.p1, { impact: 5 }), reviewer)
    expect(changed.status).toBe(302)
    expect(Number((await assignmentOf(ids.p1))?.total)).toBe(90)
    expect((await auditsOf(ids.p1)).at(-1)?.action).toBe('review.scored')
  })

  it('refuses scores after the review deadline with a localised 409 and shows the form locked', async () => {
    const late = await post(appPath(ids.p1), scoreFields(ids.p1, { impact: 1 }), reviewer, afterDeadline)
    expect(late.status).toBe(409)
    expect(late.body).toContain('Batas penilaian sudah lewat; nilai tidak dapat diubah lagi.')
    expect(Number((await assignmentOf(ids.p1))?.total)).toBe(90)
    const shown = await page(appPath(ids.p1), reviewer, afterDeadline)
    expect(shown.body).toMatch(/<fieldset disabled=""/)
  })

  it('refuses to score withdrawn and ineligible applications (409)', async () => {
    for (const id of [ids.withdrawn, ids.ineligible]) {
      expect((await declareNone(id)).status).toBe(302)
      const res = await post(appPath(id), scoreFields(id, { fit: 3 }), reviewer)
      expect(res.status).toBe(409)
      expect(res.body).toContain('tidak sedang dalam tahap penilaian')
      expect(await scoresOf(id)).toEqual([])
    }
  })

  it('ends "save and next" on the queue when nothing is left', async () => {
    await declareNone(ids.p2)
    await declareNone(ids.secret)
    await post(appPath(ids.secret), scoreFields(ids.secret, { fit: 2, innovation: 2, impact: 2 }), reviewer)
    const last = await post(
      appPath(ids.p2),
      scoreFields(ids.p2, { fit: 1, innovation: 1, impact: 1 }, 'save_next'),
      reviewer,
    )
    expect(last.status).toBe(302)
    expect(last.location).toBe('/p/kalbar/review?done=finished')
    expect(Number((await assignmentOf(ids.p2))?.total)).toBe(20)
    expect((await page('/p/kalbar/review?done=finished', reviewer)).body).toContain('Tidak ada lagi proposal')
  })
})

describe('isolation', () => {
  it('answers 404 for another reviewer’s application, also to posts and edited forms', async () => {
    expect((await page(appPath(ids.othersOnly), reviewer)).status).toBe(404)
    expect((await declareNone(ids.othersOnly)).status).toBe(404)
    expect((await post(appPath(ids.othersOnly), scoreFields(ids.othersOnly, { fit: 5 }), reviewer)).status).toBe(404)
    // The page's hidden id edited to another application.
    expect((await post(appPath(ids.p1), scoreFields(ids.othersOnly, { fit: 5 }), reviewer)).status).toBe(404)
    // A criterion id that is not on this rubric.
    const foreign = { application: ids.p1, intent: 'save', 'score.00000000-0000-4000-8000-000000000000': '5' }
    expect((await post(appPath(ids.p1), foreign, reviewer)).status).toBe(404)
    expect(await assignmentOf(ids.othersOnly, ids.other)).toMatchObject({ declared_at: null, total: null })
  })

  it('answers 404 across provinces', async () => {
    expect((await page(`/p/sulsel/review/${ids.p1}`, reviewer)).status).toBe(404)
    expect((await page(appPath(ids.p1), sulselReviewer)).status).toBe(404)
    expect((await post(appPath(ids.p1), scoreFields(ids.p1, { fit: 1 }), sulselReviewer)).status).toBe(404)
  })

  it('keeps Bappeda’s lists working for an admin who is also a reviewer', async () => {
    await t.asOwner(async (db) => {
      const id = await addReviewer(db, ids.kalbar, 'admin.penilai@example.id', 'Admin dan Penilai')
      await withTenant(db, { provinceId: ids.kalbar }, (trx) =>
        trx
          .insertInto('memberships')
          .values({ user_id: id, role: 'province_admin', province_id: ids.kalbar, opd_id: null })
          .execute(),
      )
    })
    const both = await signedIn(t.db, 'admin.penilai@example.id')
    const list = await page('/p/kalbar/manage/applications', both)
    expect(list.status).toBe(200)
    expect(list.body).toContain('WNR-T-0007')
    expect((await page(`/p/kalbar/manage/applications/${ids.p1}`, both)).status).toBe(200)
    const queue = await page('/p/kalbar/review', both)
    expect(queue.status).toBe(200)
    expect(queue.body).toContain('0 dari 0 dinilai')
    // Admin rights do not open the reviewer's pages of applications not assigned to them.
    expect((await page(appPath(ids.p1), both)).status).toBe(404)
  })

  it('never lets ERAT (or Bappeda) score', async () => {
    expect((await page(appPath(ids.p1), erat)).status).toBe(403)
    expect((await post(appPath(ids.p1), scoreFields(ids.p1, { fit: 1 }), erat)).status).toBe(403)
    expect((await post(appPath(ids.p1), scoreFields(ids.p1, { fit: 1 }), bappeda)).status).toBe(403)
    expect(Number((await assignmentOf(ids.p1))?.total)).toBe(90)
  })
})

describe('blind review', () => {
  const fileIds = () =>
    t.asOwner((db) =>
      db
        .selectFrom('application_files')
        .select(['file_id', 'kind', 'position'])
        .where('application_id', '=', ids.secret)
        .orderBy('kind')
        .orderBy('position')
        .execute(),
    )

  it('shows no identifying string on any page the reviewer can reach', async () => {
    const paths = [
      '/p/kalbar/review',
      '/p/kalbar/review?view=todo',
      '/p/kalbar/review?view=scored',
      '/p/kalbar/review?view=conflicts',
      '/p/kalbar/review?lng=en',
      appPath(ids.secret),
      `${appPath(ids.secret)}?saved=1`,
      `${appPath(ids.secret)}?lng=en`,
      // Remix's single-fetch loader data, which client-side navigation would fetch.
      '/p/kalbar/review.data',
      `${appPath(ids.secret)}.data`,
    ]
    for (const path of paths) {
      const res = await page(path, reviewer)
      expect(res.status, path).toBe(200)
      expectNoSecret(path, res.body)
      expectNoSecret(`${path} headers`, JSON.stringify([...res.headers]))
    }
    // The loader data really is there (so the check above means something).
    expect((await page(`${appPath(ids.secret)}.data`, reviewer)).body).toContain(PROBLEM)
    const details = await page(appPath(ids.secret), reviewer)
    expect(details.body).toContain(PROBLEM)
    expect(details.body).toContain('Penilaian tertutup')
    expect(details.body).toContain('Anggota 1')
    expect(details.body).toContain('Lampiran 3')
    // Also the page answering a bad post and a refused one.
    const bad = await post(appPath(ids.secret), scoreFields(ids.secret, { fit: 9 }), reviewer)
    expect(bad.status).toBe(400)
    expectNoSecret('a 400 answer', bad.body)
    const late = await post(appPath(ids.secret), scoreFields(ids.secret, { fit: 3 }), reviewer, afterDeadline)
    expect(late.status).toBe(409)
    expectNoSecret('a 409 answer', late.body)
  })

  it('downloads every attachment under a generic name with its metadata removed', async () => {
    const files = await fileIds()
    expect(files.length).toBe(3)
    const names: string[] = []
    for (const f of files) {
      const res = await request(`${appPath(ids.secret)}/files/${f.file_id}`, {
        db: t.db,
        headers: reviewer,
        now: seededAt,
      })
      expect(res.status).toBe(200)
      const disposition = res.headers.get('content-disposition') ?? ''
      names.push(/filename="([^"]+)"/.exec(disposition)?.[1] ?? '')
      expectNoSecret('download headers', JSON.stringify([...res.headers]))
      const bytes = Buffer.from(await res.arrayBuffer())
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length)
      expectNoSecret(`the bytes of ${disposition}`, bytes.toString('latin1'))
      // PDF text strings may be UTF-16 in hex (pdf-lib writes Info that way).
      const hex = bytes.toString('latin1').toUpperCase()
      for (const s of secrets) expect(hex, `${disposition} leaks "${s}" as hex`).not.toContain(utf16Hex(s))
      // Nor inside a compressed stream (XMP, an attachment, a page's private data …).
      for (const s of secrets) expect(occurrences(bytes, s), `${disposition} leaks "${s}"`).toEqual([])
    }
    // In the page's order (photos, then the proposal, as Bappeda's list shows them).
    expect(names).toEqual(['lampiran-1.png', 'lampiran-2.jpg', 'lampiran-3.pdf'])
    const pdf = await request(`${appPath(ids.secret)}/files/${files[2]?.file_id}`, { db: t.db, headers: reviewer })
    const reread = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()), { updateMetadata: false })
    expect(reread.getAuthor()).toBeUndefined()
    expect(reread.getPageCount()).toBe(1)
  })

  it('keeps files of applications not assigned to the reviewer out of reach', async () => {
    const [first] = await fileIds()
    expect((await page(`${appPath(ids.p1)}/files/${first?.file_id}`, reviewer)).status).toBe(404)
    expect((await page(`${appPath(ids.secret)}/files/${first?.file_id}`, otherReviewer)).status).toBe(404)
    expect((await page(`${appPath(ids.secret)}/files/${first?.file_id}`, erat)).status).toBe(403)
  })

  it('names the organisation normally in a call without blind review', async () => {
    await t.asOwner((db) =>
      withTenant(db, { provinceId: ids.kalbar }, (trx) =>
        trx.updateTable('calls').set({ blind_review: false }).where('id', '=', ids.call).execute(),
      ),
    )
    const queue = await page('/p/kalbar/review', reviewer)
    expect(queue.body).toContain(SECRET.venture)
    const details = await page(appPath(ids.secret), reviewer)
    expect(details.body).toContain(SECRET.venture)
    expect(details.body).toContain(SECRET.member1)
    expect(details.body).toContain(SECRET.file1)
    expect(details.body).not.toContain('Penilaian tertutup')
    // Reviewers never get the applicant's contact details, blind or not.
    expect(details.body).not.toContain(SECRET.email)
    expect(details.body).not.toContain(SECRET.phone)
    const proposal = (await fileIds())[2]
    const res = await request(`${appPath(ids.secret)}/files/${proposal?.file_id}`, { db: t.db, headers: reviewer })
    expect(res.headers.get('content-disposition')).toContain('lampiran-3.pdf')
    // Outside blind review the bytes are the applicant's file as uploaded.
    const kept = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()), { updateMetadata: false })
    expect(kept.getAuthor()).toBe(`${SECRET.applicant} info-author`)
  })
})

describe('a long queue', () => {
  it('comes in pages of 25 with links that work without script', async () => {
    await t.asOwner(async (db) => {
      const call = await db
        .selectFrom('applications')
        .select(['edition_id', 'call_id', 'issue_id'])
        .where('id', '=', ids.othersOnly)
        .executeTakeFirstOrThrow()
      for (let n = 1; n <= 26; n++) {
        const id = await addApplication(db, {
          provinceId: ids.kalbar,
          editionId: call.edition_id,
          callId: call.call_id,
          issueId: call.issue_id,
          receipt: `WNR-P-${String(n).padStart(3, '0')}`,
          status: 'in_review',
          applicant: { name: `Pendaftar Halaman ${n}`, email: `halaman${n}@contoh.id`, phone: null },
          venture: { name: `Usaha Halaman ${n}` },
          submittedAt: seededAt,
        })
        await assign(db, ids.kalbar, id, ids.other)
      }
    })
    const first = await page('/p/kalbar/review', otherReviewer)
    expect(first.body).toContain('0 dari 27 dinilai')
    expect(first.body).toContain('Halaman 1 dari 2')
    expect(first.body).toContain('WNR-P-025')
    expect(first.body).not.toContain('WNR-P-026')
    expect(first.body).toContain('href="/p/kalbar/review?page=2"')
    const second = await page('/p/kalbar/review?page=2', otherReviewer)
    expect(second.body).toContain('Halaman 2 dari 2')
    expect(second.body).toContain('WNR-P-026')
    expect(second.body).toContain('WNR-T-0007')
    expect(second.body).not.toContain('WNR-P-025')
    const todo = await page('/p/kalbar/review?view=todo&page=2', otherReviewer)
    expect(todo.body).toContain('WNR-T-0007')
  })
})

describe('translations', () => {
  it('renders every reviewer page in both languages without a raw key', async () => {
    const keys: string[] = []
    const dir = path.join(projectRoot, 'locales/id')
    for (const file of readdirSync(dir)) {
      const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>
      keys.push(...flattenKeys(json).map(([k]) => `${file.replace(/\.json$/, '')}:${k}`))
    }
    const paths = [
      '/p/kalbar/review',
      '/p/kalbar/review?view=conflicts',
      '/p/kalbar/review?done=finished',
      appPath(ids.p1),
      appPath(ids.withdrawn),
    ]
    for (const lng of ['id', 'en']) {
      for (const p of paths) {
        const res = await page(`${p}${p.includes('?') ? '&' : '?'}lng=${lng}`, reviewer)
        expect(res.status, p).toBe(200)
        expect(res.body).toContain(`<html lang="${lng}"`)
        expect(rawKeysIn(res.body, keys), `${p} in ${lng}`).toEqual([])
      }
    }
    // The declaration page of an undeclared assignment, in both languages.
    for (const lng of ['id', 'en']) {
      const res = await page(`${appPath(ids.othersOnly)}?lng=${lng}`, otherReviewer)
      expect(rawKeysIn(res.body, keys)).toEqual([])
    }
  })
})
