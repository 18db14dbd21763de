import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '#app/modules/auth/tokens.server.ts'
import { DEMO_PASSWORD, seedDemoAccounts } from '#db/seed/demo-accounts.ts'
import { postForm, request, sessionCookieFrom } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

let t: TestDatabase
const password = 'kopi-susu-pontianak-42'

beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t.close())

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}, ip?: string) =>
  postForm(path, fields, { db: t.db, headers, ip })
const get = (path: string, headers: Record<string, string> = {}) => request(path, { db: t.db, headers })

async function lastMail(to: string) {
  return t.asOwner((db) =>
    db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_email', '=', to)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow(),
  )
}
const tokenIn = (body: string) => /token=([\w-]+)/.exec(body)?.[1] as string

async function registerAndVerify(email: string) {
  const res = await post('/register', { name: 'Siti Rahma', email, password, province: 'kalbar' })
  expect(res.status).toBe(200)
  const mail = await lastMail(email)
  const verified = await post('/verify-email', { token: tokenIn(mail.body_text) })
  expect(verified.status).toBe(302)
}

async function signIn(email: string, pw = password) {
  const res = await post('/login', { email, password: pw })
  expect(res.status).toBe(302)
  return sessionCookieFrom(res) as string
}

describe('registration and email verification', () => {
  it('registers an applicant in a province and mails a hashed single-use link', async () => {
    const res = await post('/register', {
      name: 'Budi Santoso',
      email: 'Budi@Example.id',
      password,
      province: 'kalbar',
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Periksa email Anda')
    const user = await t.asOwner((db) =>
      db.selectFrom('users').selectAll().where('email', '=', 'budi@example.id').executeTakeFirstOrThrow(),
    )
    expect(user.email_verified_at).toBeNull()
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    const membership = await t.asOwner((db) =>
      db
        .selectFrom('memberships')
        .innerJoin('provinces', 'provinces.id', 'memberships.province_id')
        .select(['role', 'slug'])
        .where('user_id', '=', user.id)
        .execute(),
    )
    expect(membership).toEqual([{ role: 'applicant', slug: 'kalbar' }])
    const mail = await lastMail('budi@example.id')
    expect(mail.template).toBe('verifyEmail')
    expect(mail.body_text).toContain('Halo Budi Santoso')
    const token = tokenIn(mail.body_text)
    const stored = await t.asOwner((db) =>
      db.selectFrom('auth_tokens').select('token_hash').where('user_id', '=', user.id).execute(),
    )
    expect(stored).toEqual([{ token_hash: hashToken(token) }])

    expect((await post('/login', { email: 'budi@example.id', password })).status).toBe(403)
    const verify = await post('/verify-email', { token })
    expect(verify.status).toBe(302)
    expect(verify.headers.get('location')).toBe('/login?notice=verified')
    const again = await post('/verify-email', { token })
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('Tautan ini tidak berlaku')
  })

  it('answers a duplicate registration exactly like a new one and mails the owner instead', async () => {
    await registerAndVerify('ani@example.id')
    const before = await lastMail('ani@example.id')
    const res = await post('/register', {
      name: 'Someone Else',
      email: 'ANI@example.id',
      password: 'another-long-pass',
      province: 'sulsel',
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Periksa email Anda')
    const mail = await lastMail('ani@example.id')
    expect(mail.id).not.toBe(before.id)
    expect(mail.template).toBe('accountExists')
    const users = await t.asOwner((db) =>
      db.selectFrom('users').select('name').where('email', '=', 'ani@example.id').execute(),
    )
    expect(users).toEqual([{ name: 'Siti Rahma' }])
  })

  it('refuses bad input with localised messages, keeping what was typed but never the password', async () => {
    const res = await post('/register', {
      name: 'Wayan',
      email: 'not-an-email',
      password: 'password',
      province: 'kalbar',
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Masukkan alamat email yang valid')
    expect(html).toContain('Kata sandi ini terlalu umum')
    expect(html).toContain('value="Wayan"')
    expect(html).toContain('value="not-an-email"')
    const long = await post(
      '/register?lng=en',
      { name: 'x'.repeat(500), email: 'long@example.id', password: 'short', province: '' },
      { Cookie: 'lng=en' },
    )
    expect(long.status).toBe(400)
    const text = await long.text()
    expect(text).toContain('Too long.')
    expect(text).toContain('The password needs at least 8 characters.')
    expect(text).toContain('Choose a province from the list.')
    const count = await t.asOwner((db) =>
      db.selectFrom('users').select('id').where('email', 'in', ['not-an-email', 'long@example.id']).execute(),
    )
    expect(count).toEqual([])
  })
})

describe('sessions', () => {
  beforeAll(() => registerAndVerify('dewi@example.id'))

  it('stores only a SHA-256 of the token and sets a __Host- cookie that is HttpOnly, Secure and SameSite=Lax', async () => {
    const res = await post('/login', { email: 'dewi@example.id', password })
    expect(res.status).toBe(302)
    const header = res.headers.getSetCookie().find((c) => c.startsWith('__Host-winner_session=')) as string
    expect(header).toMatch(/; HttpOnly/i)
    expect(header).toMatch(/; Secure/i)
    expect(header).toMatch(/; SameSite=Lax/i)
    expect(header).toMatch(/; Path=\//i)
    const token = (sessionCookieFrom(res) as string).split('=')[1] as string
    const rows = await t.asOwner((db) =>
      db
        .selectFrom('sessions')
        .select('id')
        .where('id', 'in', [token, hashToken(token)])
        .execute(),
    )
    expect(rows).toEqual([{ id: hashToken(token) }])
    const account = await get('/account', { Cookie: sessionCookieFrom(res) as string })
    expect(account.status).toBe(200)
    expect(await account.text()).toContain('dewi@example.id')
  })

  it('issues a new session at every sign-in, never adopting a cookie the browser brought', async () => {
    const planted = '__Host-winner_session=attacker-chosen-value'
    const res = await post('/login', { email: 'dewi@example.id', password }, { Cookie: planted })
    const cookie = sessionCookieFrom(res)
    expect(cookie).not.toBe(planted)
    expect(cookie).not.toBe(await signIn('dewi@example.id'))
  })

  it('ends a session after 2 hours idle and after 12 hours in any case', async () => {
    const idle = await signIn('dewi@example.id')
    const idleId = hashToken(idle.split('=')[1] as string)
    await t.asOwner((db) =>
      db
        .updateTable('sessions')
        .set({ expires_at: sql`now() - interval '1 second'` })
        .where('id', '=', idleId)
        .execute(),
    )
    const res = await get('/account', { Cookie: idle })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Faccount')

    const old = await signIn('dewi@example.id')
    const oldId = hashToken(old.split('=')[1] as string)
    await t.asOwner((db) =>
      db
        .updateTable('sessions')
        .set({ absolute_expires_at: sql`now() - interval '1 second'` })
        .where('id', '=', oldId)
        .execute(),
    )
    expect((await get('/account', { Cookie: old })).status).toBe(302)
  })

  it('extends an idle session on use, but never past its absolute lifetime', async () => {
    const cookie = await signIn('dewi@example.id')
    const id = hashToken(cookie.split('=')[1] as string)
    await t.asOwner((db) =>
      db
        .updateTable('sessions')
        .set({ expires_at: sql`now() + interval '30 minutes'`, absolute_expires_at: sql`now() + interval '1 hour'` })
        .where('id', '=', id)
        .execute(),
    )
    expect((await get('/account', { Cookie: cookie })).status).toBe(200)
    const row = await t.asOwner((db) =>
      db
        .selectFrom('sessions')
        .select(['expires_at', 'absolute_expires_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    )
    expect(new Date(row.expires_at).getTime()).toBe(new Date(row.absolute_expires_at).getTime())
  })

  it('revokes every session of the user when the password changes', async () => {
    const first = await signIn('dewi@example.id')
    const second = await signIn('dewi@example.id')
    const res = await post(
      '/account',
      { intent: 'password', currentPassword: password, newPassword: 'teh-tarik-makassar-7' },
      { Cookie: first },
    )
    expect(res.status).toBe(302)
    const fresh = sessionCookieFrom(res) as string
    expect((await get('/account', { Cookie: second })).status).toBe(302)
    expect((await get('/account', { Cookie: first })).status).toBe(302)
    expect((await get('/account', { Cookie: fresh })).status).toBe(200)
    const audit = await t.asOwner((db) =>
      db.selectFrom('audit_log').select('action').where('action', '=', 'auth.password_changed').execute(),
    )
    expect(audit.length).toBe(1)
    await post(
      '/account',
      { intent: 'password', currentPassword: 'teh-tarik-makassar-7', newPassword: password },
      { Cookie: fresh },
    )
  })

  it('signs out on POST only', async () => {
    const cookie = await signIn('dewi@example.id')
    expect((await get('/logout', { Cookie: cookie })).status).toBe(302)
    expect((await get('/account', { Cookie: cookie })).status).toBe(200)
    const out = await post('/logout', {}, { Cookie: cookie })
    expect(out.status).toBe(302)
    expect(out.headers.getSetCookie().some((c) => /^__Host-winner_session=;/.test(c))).toBe(true)
    expect((await get('/account', { Cookie: cookie })).status).toBe(302)
  })
})

describe('sign-in failures', () => {
  beforeAll(() => registerAndVerify('made@example.id'))

  it('gives the same answer for an unknown email and a wrong password, and audits both', async () => {
    const unknown = await post('/login', { email: 'nobody@example.id', password }, {}, '198.51.100.1')
    const wrong = await post('/login', { email: 'made@example.id', password: 'wrong-password' }, {}, '198.51.100.2')
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    const [a, b] = [await unknown.text(), await wrong.text()]
    expect(a).toContain('Email atau kata sandi salah.')
    expect(b).toContain('Email atau kata sandi salah.')
    expect(a).not.toContain(password)
    const failures = await t.asOwner((db) =>
      db.selectFrom('audit_log').select('details').where('action', '=', 'auth.sign_in_failed').execute(),
    )
    expect(failures.map((f) => f.details.email)).toEqual(
      expect.arrayContaining(['nobody@example.id', 'made@example.id']),
    )
  })

  it('throttles an account after 10 failures in 10 minutes with 429 and Retry-After', async () => {
    await registerAndVerify('komang@example.id')
    for (let i = 0; i < 10; i++) {
      const res = await post('/login', { email: 'komang@example.id', password: `wrong-${i}` }, {}, `203.0.113.${i}`)
      expect(res.status).toBe(401)
    }
    // Even the right password is refused while the account is throttled.
    const blocked = await post('/login', { email: 'komang@example.id', password }, {}, '203.0.113.99')
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(500)
    expect(await blocked.text()).toContain('Terlalu banyak percobaan masuk yang gagal')
  })

  it('throttles an IP address after 10 failures across accounts', async () => {
    for (let i = 0; i < 10; i++)
      await post('/login', { email: `guess${i}@example.id`, password: 'nope-nope' }, {}, '198.51.100.77')
    const blocked = await post('/login', { email: 'someone@example.id', password: 'nope-nope' }, {}, '198.51.100.77')
    expect(blocked.status).toBe(429)
  })
})

describe('password reset', () => {
  beforeAll(() => registerAndVerify('yusuf@example.id'))

  it('answers the same for unknown addresses and resets with a single-use link that ends all sessions', async () => {
    const unknown = await post('/forgot-password', { email: 'ghost@example.id' })
    const known = await post('/forgot-password', { email: 'yusuf@example.id' })
    expect(unknown.status).toBe(200)
    expect(known.status).toBe(200)
    const session = await signIn('yusuf@example.id')
    const mail = await lastMail('yusuf@example.id')
    expect(mail.template).toBe('resetPassword')
    const token = tokenIn(mail.body_text)
    expect((await get(`/reset-password?token=${token}`)).status).toBe(200)
    const res = await post('/reset-password', { token, password: 'nasi-goreng-kampung-9' })
    expect(res.status).toBe(302)
    expect((await get('/account', { Cookie: session })).status).toBe(302)
    expect((await post('/login', { email: 'yusuf@example.id', password })).status).toBe(401)
    await signIn('yusuf@example.id', 'nasi-goreng-kampung-9')
    const reused = await post('/reset-password', { token, password: 'another-password-1' })
    expect(reused.status).toBe(400)
    expect((await get(`/reset-password?token=${token}`)).status).toBe(400)
  })
})

describe('account deactivation by the ministry', () => {
  it('ends the sessions, refuses sign-in with the usual message, and can be undone', async () => {
    await t.asOwner((db) => seedDemoAccounts(db))
    await registerAndVerify('wati@example.id')
    const session = await signIn('wati@example.id')
    const ministry = await signIn('ministry@demo.winner.id', DEMO_PASSWORD)
    const res = await post(
      '/national/accounts',
      { email: 'wati@example.id', intent: 'deactivate' },
      { Cookie: ministry },
    )
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Akun dinonaktifkan')
    expect((await get('/account', { Cookie: session })).status).toBe(302)
    const refused = await post('/login', { email: 'wati@example.id', password })
    expect(refused.status).toBe(401)
    expect(await refused.text()).toContain('Email atau kata sandi salah.')
    await post('/national/accounts', { email: 'wati@example.id', intent: 'reactivate' }, { Cookie: ministry })
    await signIn('wati@example.id')
    const audit = await t.asOwner((db) =>
      db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'in', ['account.deactivated', 'account.reactivated'])
        .execute(),
    )
    expect(audit.map((a) => a.action).sort()).toEqual(['account.deactivated', 'account.reactivated'])
  })
})
