import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '#db/client.ts'
import { seedDemo } from '#db/seed/demo.ts'
import { request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The public pages rendered by the real build against a real database.
let t: TestDatabase
// A fixed "now" for the demo edition: 2026-03-10 12:00 UTC.
const seededAt = new Date('2026-03-10T12:00:00Z')

beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t.close())

async function html(path: string, init: { now?: Date; headers?: Record<string, string> } = {}) {
  const res = await request(path, { db: t.db, ...init })
  return { status: res.status, headers: res.headers, body: await res.text() }
}

describe('with the 2023 reference data only', () => {
  it('the home page lists all six provinces by phase with the 2023 edition', async () => {
    const page = await html('/', { now: new Date('2023-03-01T00:00:00Z') })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<html lang="id"')
    expect(page.body).toContain('WiNNER 2023')
    expect(page.body).toContain('KepmenPANRB No. 139/2023')
    expect(page.body).toContain('Periode 1 Oktober 2022 – 30 September 2023')
    for (const name of [
      'Banten',
      'Nusa Tenggara Timur',
      'Sumatera Utara',
      'Kalimantan Barat',
      'Jawa Timur',
      'Sulawesi Selatan',
    ]) {
      expect(page.body).toContain(`>${name}</a>`)
    }
    const phase1 = page.body.indexOf('Tahap 1')
    const phase2 = page.body.indexOf('Tahap 2')
    expect(phase1).toBeGreaterThan(0)
    expect(page.body.indexOf('>Banten<')).toBeGreaterThan(phase1)
    expect(page.body.indexOf('>Banten<')).toBeLessThan(phase2)
    expect(page.body.indexOf('>Kalimantan Barat<')).toBeGreaterThan(phase2)
    expect(page.body).toContain('5 isu terbit')
    expect(page.body).not.toContain('<script')
  })

  it("NTT's 2023 call closes 20 Feb 2023 23:59 WITA (15:59 UTC), open until that minute", async () => {
    const during = await html('/p/ntt', { now: new Date('2023-02-20T15:59:00Z') })
    expect(during.body).toContain('Pendaftaran dibuka — ditutup 20 Feb 2023, 23.59 WITA')
    expect(during.body).toContain('Pendaftaran: 6 Feb 2023, 00.00 WITA – 20 Feb 2023, 23.59 WITA')
    const after = await html('/p/ntt', { now: new Date('2023-02-20T15:59:01Z') })
    expect(after.body).toContain('Pendaftaran ditutup 20 Feb 2023, 23.59 WITA')
    const banten = await html('/p/banten?lng=en', { now: new Date('2023-02-01T00:00:00Z') })
    expect(banten.body).toContain('Opens in 5 days (6 Feb 2023, 00:00 WIB)')
  })

  it("Kalbar's portal shows its five validated issues with their lead OPDs", async () => {
    const page = await html('/p/kalbar')
    expect(page.status).toBe(200)
    for (const opd of ['(Disdik)', '(DP3A)', '(Dinkes)', '(PUPR)', '(Bappeda)']) expect(page.body).toContain(opd)
    expect(page.body).toContain('Divalidasi 11 April 2023 di Pontianak')
    expect(page.body.match(/class="card"/g)).toHaveLength(5)
    const en = await html('/p/kalbar', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } })
    expect(en.body).toContain('<html lang="en"')
    expect(en.body).toContain('Lead agency: Dinas Kesehatan Provinsi Kalimantan Barat (Dinkes)')
    expect(en.body).toContain('Validated 11 April 2023 in Pontianak')
  })

  it('a province with nothing published shows an empty state, not an error', async () => {
    const page = await html('/p/jatim')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Provinsi ini belum menerbitkan isu strategis.')
    expect(page.body).toContain('Jadwal pendaftaran belum diumumkan')
  })

  it('only published issues appear', async () => {
    const kalbar = await t.db
      .selectFrom('provinces')
      .select('id')
      .where('slug', '=', 'kalbar')
      .executeTakeFirstOrThrow()
    await t.asOwner((db) =>
      sql`update province_issues set status = 'validated' where province_id = ${kalbar.id}
          and national_issue_id = (select id from national_issues where code = 'child-marriage')`.execute(db),
    )
    const page = await html('/p/kalbar')
    expect(page.body).not.toContain('(DP3A)')
    expect(page.body.match(/class="card"/g)).toHaveLength(4)
    await t.asOwner((db) =>
      sql`update province_issues set status = 'published' where province_id = ${kalbar.id}`.execute(db),
    )
  })
})

describe('errors and languages', () => {
  it('an unknown province answers a localised 404 page', async () => {
    const id = await html('/p/atlantis')
    expect(id.status).toBe(404)
    expect(id.body).toContain('Halaman tidak ditemukan')
    expect(id.body).toContain('<title>Halaman tidak ditemukan — WiNNER</title>')
    const en = await html('/p/atlantis?lng=en')
    expect(en.status).toBe(404)
    expect(en.body).toContain('Page not found')
    expect(en.body).toContain('<html lang="en"')
  })

  it('an unknown route answers the localised 404 page', async () => {
    const page = await html('/tidak/ada', { headers: { Cookie: 'lng=en' } })
    expect(page.status).toBe(404)
    expect(page.body).toContain('Page not found')
  })

  it('a deactivated province disappears from the portal but keeps its data', async () => {
    await t.asOwner((db) => db.updateTable('provinces').set({ active: false }).where('slug', '=', 'sumut').execute())
    try {
      expect((await html('/p/sumut')).status).toBe(404)
      expect((await html('/')).body).not.toContain('Sumatera Utara')
    } finally {
      await t.asOwner((db) => db.updateTable('provinces').set({ active: true }).where('slug', '=', 'sumut').execute())
    }
  })

  it('?lng= switches language, remembers it in a cookie, and an invalid value falls back to Indonesian', async () => {
    const en = await html('/?lng=en')
    expect(en.body).toContain('<html lang="en"')
    expect(en.body).toContain('Participating provinces')
    expect(en.headers.get('set-cookie')).toMatch(/^lng=en; Path=\/; Max-Age=31536000; SameSite=Lax; Secure/)
    expect((await html('/', { headers: { Cookie: 'lng=en' } })).body).toContain('<html lang="en"')
    const invalid = await html('/?lng=xx', { headers: { 'Accept-Language': 'fr' } })
    expect(invalid.body).toContain('<html lang="id"')
    expect(invalid.headers.get('set-cookie')).toBeNull()
    expect((await html('/', { headers: { Cookie: 'lng=fr' } })).body).toContain('<html lang="id"')
  })

  it('/healthz answers 200 {"status":"ok"} while the database answers', async () => {
    const res = await request('/healthz', { db: t.db })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('with the database down: /healthz answers 503 and pages a friendly 503, never a stack trace', async () => {
    const dead = connect('postgres://postgres@127.0.0.1:1/none', { max: 1 })
    try {
      const health = await request('/healthz', { db: dead.db })
      expect(health.status).toBe(503)
      expect(await health.json()).toEqual({ status: 'unavailable' })
      const page = await request('/p/kalbar', { db: dead.db })
      expect(page.status).toBe(503)
      const body = await page.text()
      expect(body).toContain('Layanan sedang tidak tersedia')
      expect(body).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/)
    } finally {
      await dead.close()
    }
  })
})

describe('with the demo edition seeded', () => {
  beforeAll(async () => {
    await t.asOwner((db) => seedDemo(db, seededAt))
  })

  it('shows the open call and the closed ones, each in its province’s time, on the home page', async () => {
    const now = new Date(seededAt.getTime() + 60_000)
    const page = await html('/', { now })
    expect(page.body).toContain('WiNNER Demo')
    expect(page.body).toMatch(
      /Kalimantan Barat<\/a><span class="call call-open">Pendaftaran dibuka — ditutup 19 Mar 2026, 23\.59 WIB/,
    )
    // Sulsel's call closed three days before the seed (the province in screening).
    expect(page.body).toMatch(
      /Sulawesi Selatan<\/a><span class="call call-closed">Pendaftaran ditutup 7 Mar 2026, 23\.59 WITA/,
    )
    expect(page.body).toMatch(/Banten<\/a><span class="call call-closed">Pendaftaran ditutup 28 Feb 2026, 23\.59 WIB/)
  })

  it('seeding the demo twice changes nothing', async () => {
    const count = () =>
      t.asOwner(async (db) => {
        const r = await sql<{
          n: string
        }>`select (select count(*) from calls) + (select count(*) from province_issues) + (select count(*) from editions) as n`.execute(
          db,
        )
        return Number(r.rows[0]?.n)
      })
    const before = await count()
    await t.asOwner((db) => seedDemo(db, new Date('2030-01-01T00:00:00Z')))
    expect(await count()).toBe(before)
  })
})
