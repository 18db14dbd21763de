import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '#db/seed/run.ts'
import { signedIn } from '#tests/factories/session.ts'
import { request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// Conform ties every control to its form with `form="<form id>"`. When another element
// (a section heading, say) carries the same id, the browser takes that one as the
// form owner and the control is silently left out of the post: the start form once
// posted no issue at all, and the account forms nothing. Server-side tests post
// fields directly and cannot see it, so the rendered pages are checked here.

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner(async (db) => {
    await seed(db, { demo: true, origin: 'http://localhost:3000' })
    // Room for a second application, so the demo applicant with a draft also gets the start form.
    const kalbar = await db.selectFrom('provinces').select('id').where('slug', '=', 'kalbar').executeTakeFirstOrThrow()
    await db.updateTable('calls').set({ max_applications: 2 }).where('province_id', '=', kalbar.id).execute()
  })
})
afterAll(() => t.close())

/** Duplicate ids, and `form` attributes that do not name a form on the page. */
function idProblems(html: string): string[] {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string)
  const duplicates = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))].map((id) => `duplicate id "${id}"`)
  const forms = new Set([...html.matchAll(/<form\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]))
  const orphans = [...html.matchAll(/<(?:input|select|textarea|button)\b[^>]*\sform="([^"]+)"/g)]
    .map((m) => m[1] as string)
    .filter((id) => !forms.has(id))
    .map((id) => `control owned by "${id}", which is not a form`)
  return [...duplicates, ...new Set(orphans)]
}

describe('forms own their controls on the pages of the applicant journey', () => {
  it('has unique ids and real form owners on the account and apply pages', async () => {
    const headers = await signedIn(t.db, 'applicant.kalbar@demo.winner.id')
    const draft = await t.asOwner((db) =>
      db
        .selectFrom('applications as a')
        .innerJoin('users as u', 'u.id', 'a.applicant_id')
        .select('a.id')
        .where('u.email', '=', 'applicant.kalbar@demo.winner.id')
        .executeTakeFirstOrThrow(),
    )
    const base = `/p/kalbar/apply/${draft.id}`
    const pages = [
      '/account',
      '/p/kalbar/apply',
      '/p/kalbar/apply/profile',
      base,
      `${base}/problem`,
      `${base}/impact`,
      `${base}/attachments`,
      `${base}/submit`,
    ]
    for (const path of pages) {
      const res = await request(path, { db: t.db, headers })
      expect(res.status, path).toBe(200)
      const html = await res.text()
      expect(idProblems(html), path).toEqual([])
      if (path === '/p/kalbar/apply') expect(html).toContain('Mulai proposal')
    }
  })
})
