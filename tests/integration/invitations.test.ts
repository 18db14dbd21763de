import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { seedDemoAccounts } from '#db/seed/demo-accounts.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request, sessionCookieFrom } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

let t: TestDatabase
let admin: Record<string, string>
let ministry: Record<string, string>
let dinkes: string

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seedDemoAccounts(db))
  const signIn = (email: string) => signedIn(t.db, email)
  admin = await signIn('bappeda.kalbar@demo.winner.id')
  ministry = await signIn('ministry@demo.winner.id')
  const opd = await t.asOwner((db) =>
    db
      .selectFrom('opds')
      .innerJoin('provinces', 'provinces.id', 'opds.province_id')
      .select('opds.id')
      .where('provinces.slug', '=', 'kalbar')
      .where('opds.short_name', '=', 'Dinkes')
      .executeTakeFirstOrThrow(),
  )
  dinkes = opd.id
})
afterAll(() => t.close())

const inviteLink = async (email: string) => {
  const mail = await t.asOwner((db) =>
    db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_email', '=', email)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow(),
  )
  return /\/p\/kalbar\/invite\/[\w-]+/.exec(mail.body_text)?.[0] as string
}

describe('reviewer invitations', () => {
  it('a Bappeda admin invites a reviewer of an OPD; the link creates the account once and signs them in', async () => {
    const res = await postForm(
      '/p/kalbar/manage',
      { intent: 'invite', name: 'Rudi Hartono', email: 'Rudi@Dinkes.example', opd: dinkes },
      { db: t.db, headers: admin },
    )
    expect(res.status).toBe(302)
    const shown = await request(res.headers.get('location') as string, { db: t.db, headers: admin })
    expect(await shown.text()).toContain('Undangan dikirim ke Rudi@Dinkes.example')
    const link = await inviteLink('rudi@dinkes.example')
    const token = link.split('/').pop() as string
    const stored = await t.asOwner((db) =>
      db.selectFrom('invitations').select(['token_hash', 'expires_at', 'created_at']).executeTakeFirstOrThrow(),
    )
    expect(stored.token_hash).toBe(hashToken(token))
    expect(new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()).toBeCloseTo(
      7 * 24 * 3600 * 1000,
      -4,
    )

    expect((await request(link, { db: t.db })).status).toBe(200)
    const accept = await postForm(link, { name: 'Rudi Hartono', password: 'sate-ayam-madura-21' }, { db: t.db })
    expect(accept.status).toBe(302)
    expect(accept.headers.get('location')).toBe('/p/kalbar/review')
    const desk = await request('/p/kalbar/review', {
      db: t.db,
      headers: { Cookie: sessionCookieFrom(accept) as string },
    })
    expect(desk.status).toBe(200)
    expect(await desk.text()).toContain('Dinas Kesehatan Provinsi Kalimantan Barat (Dinkes)')

    const reused = await postForm(link, { name: 'Someone', password: 'another-password-99' }, { db: t.db })
    expect(reused.status).toBe(400)
    expect(await reused.text()).toContain('Tautan ini tidak berlaku')
    const team = await (await request('/p/kalbar/manage', { db: t.db, headers: admin })).text()
    expect(team).toContain('Rudi Hartono')
    expect(team).toContain('(Dinkes)')
  })

  it('an expired invitation no longer works', async () => {
    await postForm(
      '/p/kalbar/manage',
      { intent: 'invite', name: 'Lina', email: 'lina@example.id', opd: dinkes },
      { db: t.db, headers: admin },
    )
    const link = await inviteLink('lina@example.id')
    await t.asOwner((db) =>
      sql`update invitations set expires_at = now() - interval '1 second' where email = 'lina@example.id'`.execute(db),
    )
    expect((await request(link, { db: t.db })).status).toBe(400)
    expect((await postForm(link, { name: 'Lina', password: 'bakso-malang-77' }, { db: t.db })).status).toBe(400)
  })

  it("refuses an OPD of another province and an admin's invitation into another province", async () => {
    const sulselOpd = await t.asOwner((db) =>
      db
        .selectFrom('opds')
        .innerJoin('provinces', 'provinces.id', 'opds.province_id')
        .select('opds.id')
        .where('provinces.slug', '=', 'sulsel')
        .executeTakeFirstOrThrow(),
    )
    const res = await postForm(
      '/p/kalbar/manage',
      { intent: 'invite', name: 'X', email: 'x@example.id', opd: sulselOpd.id },
      { db: t.db, headers: admin },
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Pilih OPD yang aktif di provinsi ini.')
    const cross = await postForm(
      '/p/sulsel/manage',
      { intent: 'invite', name: 'X', email: 'x@example.id', opd: sulselOpd.id },
      { db: t.db, headers: admin },
    )
    expect(cross.status).toBe(404)
  })

  it('revoking a role ends that person’s sessions and is audited', async () => {
    const cookie = await signedIn(t.db, 'reviewer.kalbar@demo.winner.id')
    expect((await request('/p/kalbar/review', { db: t.db, headers: cookie })).status).toBe(200)
    const membership = await t.asOwner((db) =>
      db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select('memberships.id')
        .where('users.email', '=', 'reviewer.kalbar@demo.winner.id')
        .executeTakeFirstOrThrow(),
    )
    // The row offers a link to a confirmation; an unconfirmed post goes there too and changes nothing.
    const team = await (await request('/p/kalbar/manage', { db: t.db, headers: admin })).text()
    expect(team).toContain(`href="/p/kalbar/manage?revoke=${membership.id}#confirm-revoke"`)
    const unconfirmed = await postForm(
      '/p/kalbar/manage',
      { intent: 'revoke', membership: membership.id },
      { db: t.db, headers: admin },
    )
    expect(unconfirmed.status).toBe(302)
    expect(unconfirmed.headers.get('location')).toBe(`/p/kalbar/manage?revoke=${membership.id}#confirm-revoke`)
    expect((await request('/p/kalbar/review', { db: t.db, headers: cookie })).status).toBe(200)
    const confirm = await (
      await request(`/p/kalbar/manage?revoke=${membership.id}`, { db: t.db, headers: admin })
    ).text()
    expect(confirm).toContain('Cabut peran ini?')
    expect(confirm).toMatch(/name="confirm" value="yes"/)
    const res = await postForm(
      '/p/kalbar/manage',
      { intent: 'revoke', membership: membership.id, confirm: 'yes' },
      { db: t.db, headers: admin },
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/p/kalbar/manage?removed=1')
    expect((await request('/p/kalbar/review', { db: t.db, headers: cookie })).status).toBe(302)
    const audit = await t.asOwner((db) =>
      db.selectFrom('audit_log').select(['action', 'province_id']).where('action', '=', 'membership.revoked').execute(),
    )
    expect(audit).toHaveLength(1)
  })

  it('never offers or allows revoking the province’s last admin role, their own included (409)', async () => {
    const own = await t.asOwner((db) =>
      db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .innerJoin('provinces', 'provinces.id', 'memberships.province_id')
        .select('memberships.id')
        .where('users.email', '=', 'bappeda.kalbar@demo.winner.id')
        .where('provinces.slug', '=', 'kalbar')
        .executeTakeFirstOrThrow(),
    )
    const team = await (await request('/p/kalbar/manage', { db: t.db, headers: admin })).text()
    expect(team).not.toContain(`revoke=${own.id}`)
    expect(
      await (await request(`/p/kalbar/manage?revoke=${own.id}`, { db: t.db, headers: admin })).text(),
    ).not.toContain('name="confirm"')
    const res = await postForm(
      '/p/kalbar/manage',
      { intent: 'revoke', membership: own.id, confirm: 'yes' },
      { db: t.db, headers: admin },
    )
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('Peran admin terakhir provinsi ini tidak dapat dicabut')
    const still = await t.asOwner((db) => db.selectFrom('memberships').select('id').where('id', '=', own.id).execute())
    expect(still).toHaveLength(1)
  })
})

describe('Bappeda admin invitations by the ministry', () => {
  it('creates an admin for a province who lands on its management page', async () => {
    const res = await postForm(
      '/national',
      { intent: 'invite', province: 'ntt', name: 'Maria Goreti', email: 'maria@ntt.example' },
      { db: t.db, headers: ministry },
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/national?invited=maria%40ntt.example')
    const mail = await t.asOwner((db) =>
      db.selectFrom('mail_outbox').selectAll().where('to_email', '=', 'maria@ntt.example').executeTakeFirstOrThrow(),
    )
    expect(mail.subject).toBe('Undangan bergabung dengan WiNNER Provinsi Nusa Tenggara Timur')
    const link = /\/p\/ntt\/invite\/[\w-]+/.exec(mail.body_text)?.[0] as string
    const accept = await postForm(link, { name: 'Maria Goreti', password: 'kopi-flores-bajawa-3' }, { db: t.db })
    expect(accept.headers.get('location')).toBe('/p/ntt/manage')
  })

  it('offers one form with the province as its first field, and asks again for a missing or unknown province', async () => {
    const page = await (await request('/national', { db: t.db, headers: ministry })).text()
    expect(page.match(/<form\b[^>]*id="invite-admin"/g)).toHaveLength(1)
    expect(page).toContain('<option value="kalbar">Kalimantan Barat</option>')
    const invitations = () =>
      t.asOwner(async (db) =>
        Number(
          (
            await db
              .selectFrom('invitations')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      )
    const before = await invitations()
    for (const province of ['', 'atlantis']) {
      const res = await postForm(
        '/national',
        { intent: 'invite', province, name: 'Yosef Bria', email: 'yosef@ntt.example' },
        { db: t.db, headers: ministry },
      )
      expect(res.status).toBe(400)
      const body = await res.text()
      expect(body).toContain('Pilih provinsi dari daftar.')
      // What was typed is kept for the second try.
      expect(body).toContain('value="yosef@ntt.example"')
    }
    expect(await invitations()).toBe(before)
  })
})
