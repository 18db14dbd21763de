import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFigures } from '#app/modules/inclusion/inclusion.server.ts'
import { setProvinceActive } from '#app/modules/programme/provinces.server.ts'
import { seed } from '#db/seed/run.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// Issue 16 through the built app on the full demo seed: applicants declare under consent
// (and withdraw, which deletes), the figures pages and files never show a count under 5
// exactly, a Bappeda reads only its province's figures and audit log, the audit viewer
// filters and exports formula-safe files, and national actions name their province.

let t: TestDatabase
const EMAIL = {
  applicant: 'applicant.kalbar@demo.winner.id',
  bappeda: 'bappeda.kalbar@demo.winner.id',
  ministry: 'ministry@demo.winner.id',
  erat: 'erat@demo.winner.id',
}
const who: Record<string, { Cookie: string }> = {}

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seed(db, { demo: true, origin: 'http://localhost:3000' }))
  for (const [k, email] of Object.entries(EMAIL)) who[k] = await signedIn(t.db, email)
}, 600_000)
afterAll(() => t.close())

const get = async (path: string, as: string) => {
  const res = await request(path, { db: t.db, headers: who[as] ?? {} })
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') }
}
const post = async (path: string, fields: Record<string, string>, as: string) => {
  const res = await postForm(path, fields, { db: t.db, headers: who[as] ?? {} })
  return { status: res.status, location: res.headers.get('location'), body: await res.text() }
}

/** Every figure cell of the page's tables: a number of 5 or more, "<5" or "–". */
function cellsOf(html: string): string[] {
  const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? []
  return tables.flatMap((tb) => [...tb.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => (m[1] ?? '').replace('&lt;', '<')))
}
function noSmallExact(cells: string[]) {
  for (const c of cells) {
    if (c === '<5' || c === '–' || c === '') continue
    expect(Number(c.replace(/\./g, '').replace(/,/g, ''))).toBeGreaterThanOrEqual(5)
  }
}

const ids = async () =>
  t.asOwner(async (db) => {
    const kalbar = await db.selectFrom('provinces').select('id').where('slug', '=', 'kalbar').executeTakeFirstOrThrow()
    const edition = await db
      .selectFrom('editions')
      .select('id')
      .where('slug', '=', 'demo-current')
      .executeTakeFirstOrThrow()
    return { kalbar: kalbar.id, edition: edition.id }
  })

describe('inclusion figures', () => {
  it('the demo declared through the workflow under consent, and the national page suppresses small counts', async () => {
    const declared = await t.asOwner((db) =>
      db
        .selectFrom('inclusion_declarations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    )
    expect(Number(declared.n)).toBeGreaterThan(0)
    const page = await get('/national/inclusion', 'ministry')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<svg')
    expect(page.body).toMatch(/<title id="[^"]+">/)
    expect(page.body).toContain('<desc')
    const cells = cellsOf(page.body)
    expect(cells.length).toBeGreaterThan(20)
    expect(cells).toContain('<5')
    noSmallExact(cells)
    expect((await get('/national/inclusion?lng=en', 'erat')).body).toContain('Prefer not to say')
  })

  it('the files carry the same suppressed figures, formula-safe', async () => {
    const csv = await get('/national/inclusion.csv', 'ministry')
    expect(csv.status).toBe(200)
    expect(csv.type).toContain('text/csv')
    const values = csv.body
      .split('\r\n')
      .slice(1)
      .flatMap((line) => line.split(',').slice(2))
    expect(values).toContain('<5')
    for (const v of values) if (v && v !== '<5' && v !== '–') expect(Number(v)).toBeGreaterThanOrEqual(5)
    const xlsx = await request('/national/inclusion.xlsx', { db: t.db, headers: who.ministry })
    expect(xlsx.status).toBe(200)
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]))
  })

  it('a Bappeda reads its own province’s figures only; the figures add up to its applications', async () => {
    const { kalbar, edition } = await ids()
    expect((await get('/p/kalbar/manage/inclusion', 'bappeda')).status).toBe(200)
    expect((await get('/p/sulsel/manage/inclusion', 'bappeda')).status).toBe(404)
    expect((await get('/p/sulsel/manage/inclusion.csv', 'bappeda')).status).toBe(404)
    expect((await get('/national/inclusion', 'bappeda')).status).toBe(403)
    const figures = await loadFigures(t.db, { editionId: edition, provinceId: kalbar })
    const submitted = await t.asOwner((db) =>
      db
        .selectFrom('applications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('province_id', '=', kalbar)
        .where('edition_id', '=', edition)
        .where('submitted_at', 'is not', null)
        .where('status', '<>', 'withdrawn')
        .executeTakeFirstOrThrow(),
    )
    expect(figures.applications.value).toBe(Number(submitted.n))
    noSmallExact(cellsOf((await get('/p/kalbar/manage/inclusion', 'bappeda')).body))
  })

  it('an applicant declares only with consent, downloads it, and withdrawing deletes it', async () => {
    const user = await t.asOwner((db) =>
      db.selectFrom('users').select('id').where('email', '=', EMAIL.applicant).executeTakeFirstOrThrow(),
    )
    const form = await get('/p/kalbar/apply/inclusion', 'applicant')
    expect(form.status).toBe(200)
    const memberIds = [...form.body.matchAll(/name="members\[(\d+)\]\.id" value="([^"]+)"/g)].map((m) => m[2] ?? '')
    const fields: Record<string, string> = {
      intent: 'declare',
      'self.gender': 'female',
      'self.age_band': '25_34',
      'self.disability': 'prefer_not',
    }
    memberIds.forEach((id, i) => {
      fields[`members[${i}].id`] = id
      fields[`members[${i}].gender`] = 'male'
      fields[`members[${i}].age_band`] = 'under_25'
      fields[`members[${i}].disability`] = 'no'
    })
    const count = () =>
      t.asOwner(async (db) =>
        Number(
          (
            await db
              .selectFrom('inclusion_declarations as d')
              .innerJoin('ventures as v', (j) =>
                j.onRef('v.province_id', '=', 'd.province_id').onRef('v.id', '=', 'd.venture_id'),
              )
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where('v.owner_id', '=', user.id)
              .executeTakeFirstOrThrow()
          ).n,
        ),
      )
    const refused = await post('/p/kalbar/apply/inclusion', fields, 'applicant')
    expect(refused.status).toBe(400)
    expect(await count()).toBe(0)
    const saved = await post('/p/kalbar/apply/inclusion', { ...fields, consent: 'on' }, 'applicant')
    expect(saved.status).toBe(302)
    expect(await count()).toBe(1 + memberIds.length)
    const data = await get('/account/data.json', 'applicant')
    expect(data.body).toContain('"inclusion"')
    expect(data.body).toMatch(/"ageBand": ?"25_34"/)
    // Another venture's member id is not found and writes nothing.
    const foreign = await post(
      '/p/kalbar/apply/inclusion',
      {
        ...fields,
        consent: 'on',
        'members[0].id': '6d1f0c2b-3a4e-4b5c-8d7e-9f0a1b2c3d4e',
        'members[0].gender': 'male',
        'members[0].age_band': 'under_25',
        'members[0].disability': 'no',
      },
      'applicant',
    )
    expect(foreign.status).toBe(404)
    expect(await count()).toBe(1 + memberIds.length)
    expect((await post('/p/kalbar/apply/inclusion', { intent: 'withdraw' }, 'applicant')).status).toBe(302)
    expect(await count()).toBe(0)
    const consent = await t.asOwner((db) =>
      db
        .selectFrom('user_consents')
        .select('withdrawn_at')
        .where('user_id', '=', user.id)
        .where('purpose', '=', 'inclusion_statistics')
        .executeTakeFirstOrThrow(),
    )
    expect(consent.withdrawn_at).not.toBeNull()
  })
})

describe('audit viewer', () => {
  it('filters by action and province, keeps the filters when paging, and links objects', async () => {
    const page = await get('/national/audit?action=application.submitted&province=kalbar', 'ministry')
    expect(page.status).toBe(200)
    const table = /<table>[\s\S]*<\/table>/.exec(page.body)?.[0] ?? ''
    const rows = table.match(/<tr>/g) ?? []
    expect(rows.length).toBeGreaterThan(1)
    expect(table).not.toContain('Sulawesi')
    expect(table).toContain('/p/kalbar/manage/applications/')
    // Paging keeps the filters (when there is an older page).
    const older = /href="\/national\/audit\?([^"]*before=[^"]*)"/.exec(page.body)?.[1]
    if (rows.length > 50) expect(older?.replaceAll('&amp;', '&')).toContain('action=application.submitted')
    const empty = await get('/national/audit?from=2001-01-01&to=2001-01-02', 'ministry')
    expect(empty.body).not.toContain('<table>')
  })

  it('a Bappeda sees and exports only its province’s entries; files are formula-safe', async () => {
    await t.asOwner((db) =>
      db
        .updateTable('users')
        .set({ name: '=HYPERLINK("http://x.example")' })
        .where('email', '=', EMAIL.bappeda)
        .execute(),
    )
    await get('/p/kalbar/manage/inclusion.csv', 'bappeda')
    const csv = await get('/p/kalbar/manage/audit.csv?action=audit.exported', 'bappeda')
    expect((await get('/p/kalbar/manage/audit.csv?object=province', 'bappeda')).status).toBe(200)
    expect(csv.status).toBe(200)
    expect(csv.body).not.toMatch(/,=HYPERLINK/)
    expect((await get('/p/sulsel/manage/audit.csv', 'bappeda')).status).toBe(404)
    const all = await get('/p/kalbar/manage/audit.csv', 'bappeda')
    const provinces = new Set(
      all.body
        .split('\r\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => (l.match(/,(Kalimantan Barat|Sulawesi Selatan|Banten|[A-Z][a-z]+ [A-Z][a-z]+),/) ?? [])[1])
        .filter(Boolean),
    )
    expect([...provinces].every((p) => p === 'Kalimantan Barat')).toBe(true)
    const xlsx = await request('/national/audit.xlsx?action=application.submitted', { db: t.db, headers: who.ministry })
    expect(xlsx.status).toBe(200)
  })

  it('national actions name the province they concern (the class, over every entry)', async () => {
    const ministry = await t.asOwner((db) =>
      db.selectFrom('users').select('id').where('email', '=', EMAIL.ministry).executeTakeFirstOrThrow(),
    )
    await setProvinceActive(t.db, { userId: ministry.id, ip: null }, 'banten', false)
    await setProvinceActive(t.db, { userId: ministry.id, ip: null }, 'banten', true)
    // Every entry about a province-bound object names that object's province.
    const tables: Record<string, string> = {
      province: 'provinces',
      application: 'applications',
      province_issue: 'province_issues',
      opd: 'opds',
      call: 'calls',
      venture: 'ventures',
    }
    for (const [type, table] of Object.entries(tables)) {
      const column = type === 'province' ? 'o.id' : 'o.province_id'
      const wrong = await t.asOwner((db) =>
        db
          .selectFrom('audit_log as l')
          .innerJoin(`${table} as o` as 'provinces as o', (j) =>
            j.on((eb) => eb(eb.cast('l.object_id', 'uuid'), '=', eb.ref('o.id'))),
          )
          .select(['l.action', 'l.province_id', `${column} as expected` as 'o.id as expected'])
          .where('l.object_type', '=', type)
          .where((eb) => eb.or([eb('l.province_id', 'is', null), eb('l.province_id', '!=', eb.ref(column as 'o.id'))]))
          .execute(),
      )
      expect(wrong, type).toEqual([])
    }
  })
})
