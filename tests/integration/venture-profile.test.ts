import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findVenture } from '#app/modules/applications/ventures.server.ts'
import { seedDemoAccounts } from '#db/seed/demo-accounts.ts'
import { seedRegencies } from '#db/seed/regencies.ts'
import { createApplicant, userIdOf } from '#tests/factories/accounts.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The venture profile page (issue 6) through the built app: create and edit, errors
// that keep what was typed, kabupaten/kota limited to the province, the team, and
// isolation (another province 404, another applicant's member 404, Bappeda 403).

const PATH = '/p/kalbar/apply/profile'
let t: TestDatabase
const ids = { kalbar: '', sulsel: '', applicant: '', second: '' }
let applicant: { Cookie: string }
let second: { Cookie: string }
let sulsel: { Cookie: string }
let bappeda: { Cookie: string }

const page = async (path: string, headers: Record<string, string>) => {
  const res = await request(path, { db: t.db, headers })
  return { status: res.status, body: await res.text() }
}
const post = async (fields: Record<string, string>, headers: Record<string, string>, path = PATH) => {
  const res = await postForm(path, fields, { db: t.db, headers })
  return { status: res.status, body: await res.text(), location: res.headers.get('location') }
}
const ventureOf = (ownerId: string) =>
  t.asOwner((db) => db.selectFrom('ventures').selectAll().where('owner_id', '=', ownerId).executeTakeFirst())
const membersOf = (ventureId: string) =>
  t.asOwner((db) =>
    db.selectFrom('venture_members').selectAll().where('venture_id', '=', ventureId).orderBy('position').execute(),
  )
const auditsOf = (ventureId: string) =>
  t.asOwner(async (db) =>
    db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'province_id', 'details'])
      .where('object_id', '=', ventureId)
      .orderBy('id')
      .execute(),
  )

const profile = {
  intent: 'save',
  name: 'Rumah Belajar Kapuas',
  legal_form: 'community',
  year_founded: '2019',
  regency_code: '6171',
  address: 'Jl. Ahmad Yani No. 1, Pontianak',
  stage: 'prototype',
  website: 'rumahbelajar.id',
  social_links: 'instagram.com/rumahbelajar',
}

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seedDemoAccounts(db))
  await t.asOwner(async (db) => {
    const province = async (slug: string) =>
      (await db.selectFrom('provinces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
    ids.kalbar = await province('kalbar')
    ids.sulsel = await province('sulsel')
    ids.applicant = await userIdOf(db, 'applicant.kalbar@demo.winner.id')
    // A second Kalbar applicant, to try reaching the first one's team.
    ids.second = await createApplicant(db, ids.kalbar, { email: 'kedua.profil@example.id', name: 'Pendaftar Kedua' })
  })
  const signIn = (email: string) => signedIn(t.db, email)
  applicant = await signIn('applicant.kalbar@demo.winner.id')
  second = await signIn('kedua.profil@example.id')
  sulsel = await signIn('applicant.sulsel@demo.winner.id')
  bappeda = await signIn('bappeda.kalbar@demo.winner.id')
})
afterAll(() => t.close())

describe('reference list', () => {
  it('seeds every kabupaten/kota of the six provinces, once', async () => {
    const counts = await t.asOwner(async (db) => {
      await seedRegencies(db) // a second run changes nothing
      return db
        .selectFrom('regencies')
        .innerJoin('provinces', 'provinces.id', 'regencies.province_id')
        .select(['provinces.slug', 'regencies.kind'])
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .groupBy(['provinces.slug', 'regencies.kind'])
        .execute()
    })
    const got = Object.fromEntries(counts.map((c) => [`${c.slug}.${c.kind}`, Number(c.n)]))
    expect(got).toEqual({
      'banten.kabupaten': 4,
      'banten.kota': 4,
      'ntt.kabupaten': 21,
      'ntt.kota': 1,
      'sumut.kabupaten': 25,
      'sumut.kota': 8,
      'kalbar.kabupaten': 12,
      'kalbar.kota': 2,
      'jatim.kabupaten': 29,
      'jatim.kota': 9,
      'sulsel.kabupaten': 21,
      'sulsel.kota': 3,
    })
  })
})

describe('venture profile', () => {
  it('starts empty, with the province’s kabupaten/kota only', async () => {
    const { status, body } = await page(PATH, applicant)
    expect(status).toBe(200)
    expect(body).toContain('Anda belum punya profil usaha')
    expect(body).toContain('Simpan profil usaha terlebih dahulu')
    expect(body).toContain('Kota Pontianak')
    expect(body).toContain('Kab. Kubu Raya')
    expect(body.match(/<option value="61\d\d"/g)?.length).toBe(14)
    expect(body).not.toContain('Makassar')
    expect(await findVenture(t.db, ids.kalbar, ids.applicant)).toBeNull()
  })

  it('keeps everything typed and answers localised messages at each field', async () => {
    const bad = { ...profile, name: '', stage: '', year_founded: '3000', website: 'bukan situs' }
    const id = await post(bad, applicant)
    expect(id.status).toBe(400)
    expect(id.body).toContain('Wajib diisi.')
    expect(id.body).toContain('Silakan pilih salah satu.')
    expect(id.body).toContain('Isi tahun antara 1900 dan tahun ini.')
    expect(id.body).toContain('Alamat situs web tidak valid.')
    expect(id.body).toContain('value="bukan situs"')
    expect(id.body).toContain('Jl. Ahmad Yani No. 1, Pontianak</textarea>')
    expect(id.body).toContain('value="3000"')
    expect(id.body).toMatch(/<option value="6171" selected/)
    const en = await post(bad, applicant, `${PATH}?lng=en`)
    expect(en.status).toBe(400)
    expect(en.body).toContain('Required.')
    expect(en.body).toContain('This web address is not valid.')
    expect(await ventureOf(ids.applicant)).toBeUndefined()
  })

  it('refuses a kabupaten/kota of another province', async () => {
    const res = await post({ ...profile, regency_code: '7371' }, applicant)
    expect(res.status).toBe(400)
    expect(res.body).toContain('Pilih kabupaten/kota di provinsi ini.')
    expect(res.body).toContain('value="Rumah Belajar Kapuas"')
    expect(await ventureOf(ids.applicant)).toBeUndefined()
  })

  it('creates the profile, then edits it; a double submit is harmless', async () => {
    const created = await post(profile, applicant)
    expect(created.status).toBe(302)
    expect(created.location).toBe(`${PATH}?done=created`)
    const venture = await ventureOf(ids.applicant)
    expect(venture).toMatchObject({
      province_id: ids.kalbar,
      name: 'Rumah Belajar Kapuas',
      legal_form: 'community',
      year_founded: 2019,
      regency_code: '6171',
      stage: 'prototype',
      website: 'https://rumahbelajar.id',
    })
    const shown = await page(`${PATH}?done=created`, applicant)
    expect(shown.body).toContain('Profil usaha tersimpan.')
    expect(shown.body).toContain('value="Rumah Belajar Kapuas"')
    expect(shown.body).toContain('Belum ada anggota tim.')

    const edited = await post({ ...profile, stage: 'operating', legal_form: 'yayasan', year_founded: '' }, applicant)
    expect(edited.location).toBe(`${PATH}?done=saved`)
    expect(
      await post({ ...profile, stage: 'operating', legal_form: 'yayasan', year_founded: '' }, applicant),
    ).toMatchObject({
      status: 302,
    })
    const after = await ventureOf(ids.applicant)
    expect(after).toMatchObject({ id: venture?.id, stage: 'operating', legal_form: 'yayasan', year_founded: null })
    expect(await findVenture(t.db, ids.kalbar, ids.applicant)).toMatchObject({ id: venture?.id, name: profile.name })

    const entries = await auditsOf(venture?.id ?? '')
    expect(entries.map((e) => e.action)).toEqual(['venture.created', 'venture.updated'])
    expect(entries[1]).toMatchObject({ actor_id: ids.applicant, province_id: ids.kalbar })
    expect((entries[1]?.details as { changed?: string[] } | undefined)?.changed?.sort()).toEqual([
      'legal_form',
      'stage',
      'year_founded',
    ])
  })

  it('adds and removes team members, each audited', async () => {
    const venture = await ventureOf(ids.applicant)
    const member = { intent: 'addMember', name: 'Siti Aminah', role: 'Pendiri', gender: 'female', age_band: '25_34' }
    const added = await post(member, applicant)
    expect(added.status).toBe(302)
    expect(added.location).toBe(`${PATH}?done=memberAdded#team`)
    await post(member, applicant) // double tap: added once
    await post({ ...member, name: 'Budi', role: 'Bendahara', gender: 'male', age_band: '35_44' }, applicant)
    let members = await membersOf(venture?.id ?? '')
    expect(members.map((m) => [m.name, m.gender, m.age_band])).toEqual([
      ['Siti Aminah', 'female', '25_34'],
      ['Budi', 'male', '35_44'],
    ])
    const shown = await page(PATH, applicant)
    expect(shown.body).toContain('Siti Aminah')
    expect(shown.body).toContain('Perempuan · 25–34 tahun')

    const invalid = await post({ ...member, name: 'Andi', role: '', age_band: '' }, applicant)
    expect(invalid.status).toBe(400)
    expect(invalid.body).toContain('value="Andi"')
    expect(invalid.body).toContain('Wajib diisi.')

    const removed = await post({ intent: 'removeMember', member: members[0]?.id ?? '' }, applicant)
    expect(removed.location).toBe(`${PATH}?done=memberRemoved#team`)
    members = await membersOf(venture?.id ?? '')
    expect(members.map((m) => m.name)).toEqual(['Budi'])
    expect((await auditsOf(venture?.id ?? '')).map((e) => e.action)).toEqual([
      'venture.created',
      'venture.updated',
      'venture.member_added',
      'venture.member_added',
      'venture.member_removed',
    ])
  })

  it('will not add team members before the profile exists', async () => {
    const res = await post(
      { intent: 'addMember', name: 'Rina', role: 'Pendiri', gender: 'female', age_band: 'under_25' },
      second,
    )
    expect(res.status).toBe(409)
    expect(res.body).toContain('Simpan profil usaha terlebih dahulu')
    expect(await ventureOf(ids.second)).toBeUndefined()
  })
})

describe('isolation', () => {
  it('another applicant of the province cannot remove the first one’s team member', async () => {
    await post({ ...profile, name: 'Usaha Kedua', regency_code: '6101' }, second)
    const venture = await ventureOf(ids.applicant)
    const before = await membersOf(venture?.id ?? '')
    const target = before[0]?.id ?? ''
    expect((await post({ intent: 'removeMember', member: target }, second)).status).toBe(404)
    expect((await post({ intent: 'removeMember', member: 'not-a-uuid' }, applicant)).status).toBe(404)
    expect(await membersOf(venture?.id ?? '')).toEqual(before)
    // Each sees their own profile only.
    const theirs = await page(PATH, second)
    expect(theirs.body).toContain('value="Usaha Kedua"')
    expect(theirs.body).not.toContain('Budi')
  })

  it('another province answers 404; Bappeda gets 403; visitors sign in', async () => {
    expect((await page(PATH, sulsel)).status).toBe(404)
    expect((await post(profile, sulsel)).status).toBe(404)
    expect((await page(PATH, bappeda)).status).toBe(403)
    expect((await post(profile, bappeda)).status).toBe(403)
    const anonymous = await request(PATH, { db: t.db })
    expect(anonymous.status).toBe(302)
    expect(await ventureOf(ids.applicant)).toMatchObject({ name: 'Rumah Belajar Kapuas' })
  })
})
