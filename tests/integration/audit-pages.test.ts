import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '#db/seed/run.ts'
import { signedIn } from '#tests/factories/session.ts'
import { request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The audit pages read like a log for people (issue 13): what happened in words, and
// the object by its name, not codes and UUIDs. The demo seed makes its applications
// through the applicant workflow, so its entries are real ones.

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seed(db, { demo: true, origin: 'http://localhost:3000' }))
})
afterAll(() => t.close())

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/

async function auditTable(path: string, email: string, lng: 'id' | 'en', pages = 1) {
  const headers = await signedIn(t.db, email)
  const tables: string[] = []
  let url: string | null = path
  // Follows the "older" link for `pages` pages: the newest entries may all be one kind (the demo's last steps).
  for (let page = 0; page < pages && url; page++) {
    const res = await request(url, { db: t.db, headers: { Cookie: `${headers.Cookie}; lng=${lng}` } })
    expect(res.status).toBe(200)
    const body = await res.text()
    // What people read: entries link to their objects by id, the texts never show one.
    tables.push((/<table>[\s\S]*<\/table>/.exec(body)?.[0] ?? '').replace(/ href="[^"]*"/g, ''))
    const older = /href="[^"?]*(\?[^"]*before=[^"]+)"/.exec(body)?.[1]
    url = older ? `${path}${older.replaceAll('&amp;', '&')}` : null
  }
  return tables.join('')
}

describe('audit pages', () => {
  it('the province page names actions and objects in the reader’s language', async () => {
    const ventures = await t.asOwner((db) =>
      db
        .selectFrom('ventures')
        .innerJoin('provinces', 'provinces.id', 'ventures.province_id')
        .innerJoin('applications', 'applications.venture_id', 'ventures.id')
        .select('ventures.name')
        .where('provinces.slug', '=', 'kalbar')
        .execute(),
    )
    expect(ventures.length).toBeGreaterThan(0)
    const id = await auditTable('/p/kalbar/manage/audit', 'bappeda.kalbar@demo.winner.id', 'id')
    expect(id).toContain('Proposal dimulai')
    expect(id).toContain('Proposal: ')
    expect(ventures.some((v) => id.includes(v.name))).toBe(true)
    expect(id).not.toMatch(UUID)
    expect(id).not.toContain('application.created')
    const en = await auditTable('/p/kalbar/manage/audit', 'bappeda.kalbar@demo.winner.id', 'en')
    expect(en).toContain('Application started')
    expect(en).not.toMatch(UUID)
  })

  it('the national page too, with the province by name', async () => {
    const id = await auditTable('/national/audit', 'ministry@demo.winner.id', 'id', 10)
    expect(id).toMatch(/<span class="muted"> · [A-Z][a-z]+/)
    expect(id).toContain('Proposal: ')
    expect(id).not.toMatch(UUID)
    expect(id).not.toMatch(/>(application|auth|review|venture|call|issue|selection)\.[a-z_]+/)
  })
})

describe('numbers in the reader’s locale', () => {
  it('limits on the section form read "3.000" in Indonesian and "3,000" in English', async () => {
    const headers = await signedIn(t.db, 'applicant.kalbar@demo.winner.id')
    const draft = await t.asOwner((db) =>
      db
        .selectFrom('applications')
        .innerJoin('users', 'users.id', 'applications.applicant_id')
        .select('applications.id')
        .where('users.email', '=', 'applicant.kalbar@demo.winner.id')
        .where('applications.status', '=', 'draft')
        .executeTakeFirstOrThrow(),
    )
    const page = async (lng: string) =>
      (
        await request(`/p/kalbar/apply/${draft.id}/problem`, {
          db: t.db,
          headers: { Cookie: `${headers.Cookie}; lng=${lng}` },
        })
      ).text()
    expect(await page('id')).toContain('maks. 3.000 karakter')
    expect(await page('en')).toContain('max. 3,000 characters')
  })
})
