import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '#db/seed/run.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The Bappeda home says what needs doing now, from live data (issue 13).

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seed(db, { demo: true, origin: 'http://localhost:3000' }))
})
afterAll(() => t.close())

const admin = 'bappeda.kalbar@demo.winner.id'

async function home() {
  const headers = await signedIn(t.db, admin)
  const res = await request('/p/kalbar/manage', { db: t.db, headers })
  expect(res.status).toBe(200)
  const body = await res.text()
  return /<section aria-labelledby="todo"[\s\S]*?<\/section>/.exec(body)?.[0] ?? ''
}

describe('the Bappeda home', () => {
  it('lists the applications awaiting screening with a link, counted from the database', async () => {
    const submitted = await t.asOwner((db) =>
      db
        .selectFrom('applications')
        .innerJoin('provinces', 'provinces.id', 'applications.province_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('provinces.slug', '=', 'kalbar')
        .where('applications.status', '=', 'submitted')
        .executeTakeFirstOrThrow(),
    )
    const todo = await home()
    expect(todo).toContain('Yang perlu dikerjakan sekarang')
    if (Number(submitted.n) > 0) {
      expect(todo).toContain(`href="/p/kalbar/manage/screening">${submitted.n} proposal menunggu seleksi administrasi`)
    } else {
      expect(todo).not.toContain('menunggu seleksi administrasi')
    }
  })

  it('counts a new invitation until it is accepted', async () => {
    const before = /(\d+) undangan penilai belum diterima/.exec(await home())?.[1] ?? '0'
    const opd = await t.asOwner((db) =>
      db
        .selectFrom('opds')
        .innerJoin('provinces', 'provinces.id', 'opds.province_id')
        .select('opds.id')
        .where('provinces.slug', '=', 'kalbar')
        .where('opds.active', '=', true)
        .executeTakeFirstOrThrow(),
    )
    const headers = await signedIn(t.db, admin)
    const res = await postForm(
      '/p/kalbar/manage',
      { intent: 'invite', name: 'Rina Wati', email: 'rina@kalbar.example', opd: opd.id },
      { db: t.db, headers },
    )
    expect(res.status).toBe(302)
    expect(await home()).toContain(`#team">${Number(before) + 1} undangan penilai belum diterima`)
  })
})

describe('the national home', () => {
  it('shows one line per province with its stage and counts from the database', async () => {
    const headers = await signedIn(t.db, 'ministry@demo.winner.id')
    const body = await (await request('/national', { db: t.db, headers })).text()
    const counts = await t.asOwner(async (db) => {
      const province = await db
        .selectFrom('provinces')
        .select('id')
        .where('slug', '=', 'kalbar')
        .executeTakeFirstOrThrow()
      const registered = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('province_id', '=', province.id)
        .where('role', '=', 'applicant')
        .executeTakeFirstOrThrow()
      const submitted = await db
        .selectFrom('applications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('province_id', '=', province.id)
        .where('status', 'not in', ['draft', 'withdrawn'])
        .executeTakeFirstOrThrow()
      return { registered: Number(registered.n), submitted: Number(submitted.n) }
    })
    const row = /<tr><td><a[^>]*href="\/p\/kalbar\/manage"[\s\S]*?<\/tr>/.exec(body)?.[0] ?? ''
    const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1] as string)
    expect(cells[2]).toMatch(/class="badge"/)
    expect(cells[4]).toBe(String(counts.registered))
    expect(cells[5]).toBe(String(counts.submitted))
    expect(body).toContain('Tahap program')
  })
})
