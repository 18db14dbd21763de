import type { AppLoadContext } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadMemberships } from '#app/modules/auth/accounts.server.ts'
import { startSession } from '#app/modules/auth/sessions.server.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { createEdition, updateEdition } from '#app/modules/programme/programme.server.ts'
import { setProvinceActive } from '#app/modules/programme/provinces.server.ts'
import { findCurrentEdition, invalidateEditionCache } from '#app/modules/tenancy/edition.queries.server.ts'
import { invalidateProvinceCache, requireActiveProvince } from '#app/modules/tenancy/guards.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createApplicant, createUser } from '#tests/factories/accounts.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The signed-in request path (docs/decisions/021-signed-in-request-cost.md): one statement
// for session, user and memberships; one viewer per request; provinces from memory, forgotten
// as soon as one changes.

let t: TestDatabase
let kalbar: string
let sulsel: string
let ministry: string

beforeAll(async () => {
  t = await createTestDatabase()
  const ids = await t.db.selectFrom('provinces').select(['id', 'slug']).execute()
  kalbar = ids.find((p) => p.slug === 'kalbar')!.id
  sulsel = ids.find((p) => p.slug === 'sulsel')!.id
  ministry = await t.asOwner(async (db) => {
    const id = await createUser(db, { email: 'ministry.path@example.id', name: 'Kementerian' })
    await withTenant(db, { national: true }, (trx) =>
      trx.insertInto('memberships').values({ user_id: id, role: 'ministry', province_id: null }).execute(),
    )
    return id
  })
})
afterAll(() => t.close())

const context = () => ({ db: t.db, secureCookies: false }) as unknown as AppLoadContext
async function requestAs(userId: string): Promise<Request> {
  const cookie = (await startSession(t.db, false, userId)).split(';')[0] ?? ''
  return new Request('http://localhost/p/kalbar/apply', { headers: { Cookie: cookie } })
}

describe('the viewer of a signed-in request', () => {
  it('carries the same memberships loadMemberships reads, without those of deactivated provinces', async () => {
    const both = await t.asOwner(async (db) => {
      const id = await createApplicant(db, kalbar, { email: 'two.provinces@example.id', name: 'Dua Provinsi' })
      await withTenant(db, { provinceId: sulsel }, (trx) =>
        trx.insertInto('memberships').values({ user_id: id, role: 'applicant', province_id: sulsel }).execute(),
      )
      return id
    })
    const viewer = await getViewer(await requestAs(both), context())
    expect(viewer?.user.email).toBe('two.provinces@example.id')
    const expected = await loadMemberships(t.db, both)
    expect(viewer?.memberships).toHaveLength(2)
    expect(viewer?.memberships).toEqual(expect.arrayContaining(expected))
    expect(viewer?.ability.can('create', 'Application')).toBe(true)

    await t.asOwner((db) => db.updateTable('provinces').set({ active: false }).where('id', '=', sulsel).execute())
    try {
      const after = await getViewer(await requestAs(both), context())
      expect(after?.memberships.map((m) => m.provinceId)).toEqual([kalbar])
    } finally {
      await t.asOwner((db) => db.updateTable('provinces').set({ active: true }).where('id', '=', sulsel).execute())
    }

    const national = await getViewer(await requestAs(ministry), context())
    expect(national?.memberships).toEqual([expect.objectContaining({ role: 'ministry', provinceId: null })])
  })

  it('is read once per request (one load context), again after an action, and not at all without a valid session', async () => {
    const id = await t.asOwner((db) => createApplicant(db, kalbar, { email: 'once@example.id', name: 'Sekali' }))
    const request = await requestAs(id)
    const perRequest = context()
    const first = await getViewer(request, perRequest)
    expect(first?.user.id).toBe(id)
    await t.asOwner((db) => db.updateTable('users').set({ name: 'Sekali Lagi' }).where('id', '=', id).execute())
    // Remix hands each loader its own Request and all of them the same context.
    expect(await getViewer(new Request(request.url, { headers: request.headers }), perRequest)).toBe(first)
    // Another request reads again; so does an action, which may itself change the viewer.
    expect((await getViewer(request, context()))?.user.name).toBe('Sekali Lagi')
    const post = new Request(request.url, { method: 'POST', headers: request.headers })
    expect((await getViewer(post, perRequest))?.user.name).toBe('Sekali Lagi')
    await t.asOwner((db) => db.deleteFrom('sessions').where('user_id', '=', id).execute())
    expect(await getViewer(request, context())).toBeNull()
    expect(await getViewer(new Request(request.url), context())).toBeNull()
  })

  it('is refused for a deactivated account and an expired session, which is removed', async () => {
    const id = await t.asOwner((db) => createApplicant(db, kalbar, { email: 'gone@example.id', name: 'Pergi' }))
    const request = await requestAs(id)
    await t.asOwner((db) => db.updateTable('users').set({ active: false }).where('id', '=', id).execute())
    expect(await getViewer(new Request(request.url, { headers: request.headers }), context())).toBeNull()
    await t.asOwner((db) => db.updateTable('users').set({ active: true }).where('id', '=', id).execute())
    await t.asOwner((db) =>
      db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('user_id', '=', id)
        .execute(),
    )
    expect(await getViewer(new Request(request.url, { headers: request.headers }), context())).toBeNull()
    const left = await t.asOwner((db) => db.selectFrom('sessions').select('id').where('user_id', '=', id).execute())
    expect(left).toEqual([])
  })

  it('extends a session past half its idle time, as Lucia does', async () => {
    const id = await t.asOwner((db) => createApplicant(db, kalbar, { email: 'slide@example.id', name: 'Geser' }))
    const request = await requestAs(id)
    const soon = new Date(Date.now() + 10 * 60 * 1000)
    await t.asOwner((db) => db.updateTable('sessions').set({ expires_at: soon }).where('user_id', '=', id).execute())
    const viewer = await getViewer(request, context())
    expect(viewer?.session.fresh).toBe(true)
    const row = await t.asOwner((db) =>
      db.selectFrom('sessions').select('expires_at').where('user_id', '=', id).executeTakeFirstOrThrow(),
    )
    expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 60 * 60 * 1000)
  })

  it("session_memberships() names a user for its own query only, leaving the caller's setting as it was", async () => {
    const id = await t.asOwner((db) => createApplicant(db, kalbar, { email: 'scoped@example.id', name: 'Lingkup' }))
    const request = await requestAs(id)
    const token = request.headers.get('Cookie')?.split('=')[1] ?? ''
    const { hashToken } = await import('#app/modules/auth/tokens.server.ts')
    const seen = await withTenant(t.db, { provinceId: sulsel }, async (trx) => {
      const rows = await sql<{ role: string }>`select role from session_memberships(${hashToken(token)})`.execute(trx)
      const after = await sql<{ v: string }>`select current_setting('app.user_id', true) as v`.execute(trx)
      return { rows: rows.rows, after: after.rows[0]?.v }
    })
    expect(seen.rows).toEqual([{ role: 'applicant' }])
    expect(seen.after).toBe('')
    // An unknown session names nobody.
    const none = await sql`select * from session_memberships('no-such-session')`.execute(t.db)
    expect(none.rows).toEqual([])
  })
})

describe('the province cache', () => {
  it('forgets a province as soon as it is deactivated through the app, and knows it again once reactivated', async () => {
    invalidateProvinceCache()
    expect((await requireActiveProvince(t.db, 'sulsel')).id).toBe(sulsel)
    // Kept in memory: a change behind the app's back is not seen until the cache is told.
    await t.asOwner(
      (db) => db.updateTable('provinces').set({ name: 'Sulsel (diubah)' }).where('id', '=', sulsel).execute(),
      { keepAppCaches: true },
    )
    expect((await requireActiveProvince(t.db, 'sulsel')).name).not.toBe('Sulsel (diubah)')
    invalidateProvinceCache()
    expect((await requireActiveProvince(t.db, 'sulsel')).name).toBe('Sulsel (diubah)')

    const actor = { userId: ministry, ip: null }
    await setProvinceActive(t.db, actor, 'sulsel', false)
    await expect(requireActiveProvince(t.db, 'sulsel')).rejects.toMatchObject({ status: 404 })
    await setProvinceActive(t.db, actor, 'sulsel', true)
    expect((await requireActiveProvince(t.db, 'sulsel')).id).toBe(sulsel)
    await expect(requireActiveProvince(t.db, 'atlantis')).rejects.toMatchObject({ status: 404 })
  })
})

describe('the current edition cache', () => {
  it('keeps the current edition per handle, also for its transactions, and forgets it when an edition changes through the app', async () => {
    invalidateEditionCache()
    const before = await findCurrentEdition(t.db)
    if (!before) throw new Error('the reference data has no edition')
    // Kept in memory: a change behind the app's back is not seen until the cache is told.
    await t.asOwner(
      (db) => db.updateTable('editions').set({ name: 'Edisi (diubah)' }).where('id', '=', before.id).execute(),
      { keepAppCaches: true },
    )
    expect(await findCurrentEdition(t.db)).toBe(before)
    expect(await withTenant(t.db, { provinceId: kalbar }, (trx) => findCurrentEdition(trx))).toBe(before)

    const actor = { userId: ministry, ip: null }
    const { id: _id, slug, ...fields } = before
    await updateEdition(t.db, actor, slug, {
      ...fields,
      legal_basis: fields.legal_basis ?? undefined,
      name: 'Edisi baru',
      intent: 'edition',
    })
    expect((await findCurrentEdition(t.db))?.name).toBe('Edisi baru')
    expect(Object.isFrozen(await findCurrentEdition(t.db))).toBe(true)

    // A newer active edition is the current one as soon as it is created, and no longer once moved back and closed.
    const probe = { name: 'Edisi uji', starts_on: '2099-01-01', ends_on: '2099-12-31', legal_basis: undefined }
    await createEdition(t.db, actor, { ...probe, slug: 'cache-probe', status: 'active' })
    expect((await findCurrentEdition(t.db))?.slug).toBe('cache-probe')
    const closed = {
      starts_on: '2001-01-01',
      ends_on: '2001-12-31',
      status: 'closed' as const,
      intent: 'edition' as const,
    }
    await updateEdition(t.db, actor, 'cache-probe', { ...probe, ...closed })
    expect((await findCurrentEdition(t.db))?.id).toBe(before.id)
  })
})
