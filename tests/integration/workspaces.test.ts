import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '#db/seed/run.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The Bappeda home says what needs doing now, from live data (issue 13).

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seed(db, { demo: true }))
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
