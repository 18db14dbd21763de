import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESCUES_PER_IP } from '#app/modules/applications/form-rescue.server.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { createApplicant, userIdOf } from '#tests/factories/accounts.ts'
import { startDraft } from '#tests/factories/applications.ts'
import { createDemoDatabase, provinceFixture } from '#tests/factories/demo.ts'
import { signedIn } from '#tests/factories/session.ts'
import { createVenture } from '#tests/factories/ventures.ts'
import { postForm, request, sessionCookieFrom } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Drafts that never lose work (issue 6, item 4): the autosave answers of a section,
// the rescue of a form posted after the session expired, and which pages ship which
// scripts (docs/decisions/005-apply-pages-without-hydration.md).

let t: TestDatabase
const seededAt = new Date()
const afterClose = new Date(seededAt.getTime() + 12 * 24 * 60 * 60 * 1000)
const ids = { kalbar: '', applicant: '', second: '', issue: '', app: '', secondApp: '' }
let applicant: { Cookie: string }
let second: { Cookie: string }

const RESCUE = '__Host-winner_rescue'
const base = () => `/p/kalbar/apply/${ids.app}`

const page = async (path: string, headers: Record<string, string>, now = seededAt) => {
  const res = await request(path, { db: t.db, headers, now })
  return { status: res.status, body: await res.text() }
}
const post = (path: string, fields: Record<string, string>, headers: Record<string, string>, now = seededAt) =>
  postForm(path, fields, { db: t.db, headers, now })
/** What the enhancement script sends: the section's form, to the section's autosave address. */
const autosave = async (
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string>,
  now = seededAt,
) => {
  const res = await post(`${path}/autosave`, fields, { ...headers, Accept: 'application/json' }, now)
  const text = await res.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {}
  return { status: res.status, body, type: res.headers.get('content-type') ?? '' }
}
const appRow = () =>
  t.asOwner((db) => db.selectFrom('applications').selectAll().where('id', '=', ids.app).executeTakeFirstOrThrow())
const rescues = () => t.asOwner((db) => db.selectFrom('form_rescues').selectAll().orderBy('created_at').execute())
function rescueCookieFrom(res: Response): string | null {
  for (const header of res.headers.getSetCookie()) {
    if (header.startsWith(`${RESCUE}=`)) return header
  }
  return null
}
const pairOf = (setCookie: string) => setCookie.split(';')[0] ?? ''

const addVenture = (ownerId: string, name: string) =>
  t.asOwner((db) => createVenture(db, ids.kalbar, ownerId, { name }))
beforeAll(async () => {
  t = await createDemoDatabase(seededAt)
  await t.asOwner(async (db) => {
    const kalbar = await provinceFixture(db, 'kalbar')
    ids.kalbar = kalbar.province.id
    ids.issue = kalbar.issues[0]?.id ?? ''
    ids.applicant = await userIdOf(db, 'applicant.kalbar@demo.winner.id')
    ids.second = await createApplicant(db, ids.kalbar, { email: 'kedua.autosave@example.id', name: 'Pendaftar Kedua' })
  })
  await addVenture(ids.applicant, 'Koperasi Digital Desa')
  await addVenture(ids.second, 'Usaha Kedua')
  applicant = await signedIn(t.db, 'applicant.kalbar@demo.winner.id')
  second = await signedIn(t.db, 'kedua.autosave@example.id')
  ids.app = await startDraft(t.db, applicant, ids.issue, { now: seededAt })
  ids.secondApp = await startDraft(t.db, second, ids.issue, { now: seededAt })
})
afterAll(() => t.close())

describe('scripts per page', () => {
  it('apply pages ship the small enhancement script with the nonce, not React', async () => {
    const res = await page(`${base()}/problem`, applicant)
    expect(res.status).toBe(200)
    expect(res.body).not.toContain('type="module"')
    expect(res.body).not.toContain('modulepreload')
    expect(res.body).toMatch(
      /<script src="\/assets\/enhance-[\w-]+\.js" defer=""><\/script>|<script src="\/assets\/enhance-[\w-]+\.js"[^>]*><\/script>/,
    )
    // Counters and autosave texts come rendered and translated by the server.
    expect(res.body).toContain('data-counter-for="section-problem-problem"')
    expect(res.body).toContain('data-template="{count} / {max} karakter"')
    expect(res.body).toContain('data-saved="Tersimpan pukul {time}"')
    expect(res.body).toContain(`data-autosave="${base()}/problem/autosave"`)
    expect(res.body).toContain('aria-live="polite"')
    for (const path of ['/p/kalbar/apply', '/p/kalbar/apply/profile', base(), `${base()}/attachments`]) {
      const other = await page(path, applicant)
      expect(other.status, path).toBe(200)
      expect(other.body, path).not.toContain('type="module"')
      expect(other.body, path).toMatch(/src="\/assets\/enhance-[\w-]+\.js"/)
    }
  })

  it('other signed-in pages stay hydrated and the cached portal ships no script at all', async () => {
    const account = await page('/account', applicant)
    expect(account.body).toContain('type="module"')
    expect(account.body).not.toContain('/assets/enhance-')
    const portal = await page('/p/kalbar', {})
    expect(portal.body).not.toContain('<script')
  })

  it('the enhancement script is a few KB', async () => {
    const res = await page(`${base()}/problem`, applicant)
    const src = /src="(\/assets\/enhance-[\w-]+\.js)"/.exec(res.body)?.[1] ?? ''
    const { readFile } = await import('node:fs/promises')
    const { gzipSync } = await import('node:zlib')
    const file = await readFile(new URL(`../../build/client${src}`, import.meta.url))
    expect(gzipSync(file).length).toBeLessThan(5_000)
  })
})

describe('autosave', () => {
  it('saves a valid section and answers JSON with the time', async () => {
    const res = await autosave(`${base()}/problem`, { problem: 'Ketik pelan-pelan di HP.' }, applicant)
    expect(res.status).toBe(200)
    expect(res.type).toContain('application/json')
    expect(res.body).toEqual({ ok: true, savedAt: seededAt.toISOString(), changed: true })
    expect((await appRow()).problem).toBe('Ketik pelan-pelan di HP.')
    const audit = await t.asOwner((db) =>
      db
        .selectFrom('audit_log')
        .select('details')
        .where('object_id', '=', ids.app)
        .where('action', '=', 'application.section_saved')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow(),
    )
    expect(audit.details).toEqual({ section: 'problem', autosave: true })
  })

  it('says when nothing changed, and then writes and audits nothing', async () => {
    const audits = () =>
      t.asOwner((db) =>
        db
          .selectFrom('audit_log')
          .select('id')
          .where('object_id', '=', ids.app)
          .where('action', '=', 'application.section_saved')
          .execute(),
      )
    const before = (await audits()).length
    // The same text as the save before: nothing to write.
    const res = await autosave(`${base()}/problem`, { problem: 'Ketik pelan-pelan di HP.' }, applicant)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, savedAt: seededAt.toISOString(), changed: false })
    expect((await audits()).length).toBe(before)
  })

  it('answers invalid input with 400 and its errors, and keeps the stored draft', async () => {
    const res = await autosave(`${base()}/problem`, { problem: 'x'.repeat(3001) }, applicant)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ ok: false, errors: { problem: [expect.stringMatching(/^[a-z]+:/)] } })
    expect((await appRow()).problem).toBe('Ketik pelan-pelan di HP.')
  })

  it('answers another applicant with 404 and leaves their draft alone', async () => {
    const res = await autosave(`${base()}/problem`, { problem: 'Bukan milik saya' }, second)
    expect(res.status).toBe(404)
    expect((await appRow()).problem).toBe('Ketik pelan-pelan di HP.')
  })

  it('answers 409 once the call has closed', async () => {
    const res = await autosave(`${base()}/problem`, { problem: 'Terlambat' }, applicant, afterClose)
    expect(res.status).toBe(409)
    expect(res.body).toEqual({ ok: false, refused: 'apply:readOnly.callClosed' })
    expect((await appRow()).problem).toBe('Ketik pelan-pelan di HP.')
  })

  it('answers a GET with 405', async () => {
    expect((await page(`${base()}/problem/autosave`, applicant)).status).toBe(405)
  })

  it('answers a signed-out script with 401 JSON and keeps nothing server-side', async () => {
    const res = await autosave(`${base()}/problem`, { problem: 'Sesi habis' }, {})
    expect(res.status).toBe(401)
    expect(res.body).toEqual({ ok: false, reason: 'signedOut' })
    expect(await rescues()).toEqual([])
  })
})

describe('saving after the session expired', () => {
  const typed = 'Yang saya ketik sebelum sesi berakhir.'
  let rescue = ''

  it('keeps the posted form, sets an HttpOnly cookie and sends them to sign in', async () => {
    const res = await post(`${base()}/problem`, { problem: typed, intent: 'next' }, {})
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(
      `/login?redirectTo=${encodeURIComponent(`${base()}/problem`)}&notice=rescued`,
    )
    const login = await page(res.headers.get('location') ?? '', {})
    expect(login.body).toContain('Yang Anda ketik sudah kami simpan')
    const cookie = rescueCookieFrom(res) ?? ''
    expect(cookie).toMatch(/; Path=\/; Max-Age=86400; HttpOnly; SameSite=Lax; Secure$/)
    rescue = pairOf(cookie)
    const rows = await rescues()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      path: `${base()}/problem`,
      payload: [
        ['problem', typed],
        ['intent', 'next'],
      ],
    })
    // Only the hash of the token is stored.
    expect(rows[0]?.token_hash).not.toContain(rescue.split('=')[1] ?? '')
  })

  it('after signing in, the form shows what they typed with a notice', async () => {
    const login = await post(
      '/login',
      { email: 'applicant.kalbar@demo.winner.id', password: DEMO_PASSWORD, redirectTo: `${base()}/problem` },
      { Cookie: rescue },
    )
    expect(login.status).toBe(302)
    expect(login.headers.get('location')).toBe(`${base()}/problem`)
    const session = sessionCookieFrom(login) ?? ''
    const res = await page(`${base()}/problem`, { Cookie: `${session}; ${rescue}` })
    expect(res.status).toBe(200)
    expect(res.body).toContain(typed)
    expect(res.body).toContain('Kami menyimpan yang Anda ketik')
    // In English too.
    const en = await page(`${base()}/problem?lng=en`, { Cookie: `${session}; ${rescue}` })
    expect(en.body).toContain('We kept what you typed')
  })

  it('is not shown without the cookie, on another path, to another applicant, or once expired', async () => {
    const without = await page(`${base()}/problem`, applicant)
    expect(without.body).not.toContain(typed)
    expect(without.body).not.toContain('Kami menyimpan')
    const otherPath = await page(`${base()}/solution`, { Cookie: `${applicant.Cookie}; ${rescue}` })
    expect(otherPath.body).not.toContain('Kami menyimpan')
    // Another person signing in on that browser: the application is not theirs (404) …
    expect((await page(`${base()}/problem`, { Cookie: `${second.Cookie}; ${rescue}` })).status).toBe(404)
    // … and their own application's form is a different path.
    const theirs = await page(`/p/kalbar/apply/${ids.secondApp}/problem`, { Cookie: `${second.Cookie}; ${rescue}` })
    expect(theirs.body).not.toContain(typed)
    const dayLater = new Date(seededAt.getTime() + 25 * 60 * 60 * 1000)
    const expired = await page(`${base()}/problem`, { Cookie: `${applicant.Cookie}; ${rescue}` }, dayLater)
    expect(expired.status).toBe(200)
    expect(expired.body).not.toContain(typed)
  })

  it('a forged or unknown token finds nothing', async () => {
    const forged = `${RESCUE}=${'A'.repeat(43)}`
    const res = await page(`${base()}/problem`, { Cookie: `${applicant.Cookie}; ${forged}` })
    expect(res.body).not.toContain(typed)
  })

  it('is forgotten once the form is saved', async () => {
    const res = await post(
      `${base()}/problem`,
      { problem: typed, intent: 'stay' },
      { Cookie: `${applicant.Cookie}; ${rescue}` },
    )
    expect(res.status).toBe(302)
    expect((await appRow()).problem).toBe(typed)
    expect(await rescues()).toEqual([])
    const after = await page(`${base()}/problem`, { Cookie: `${applicant.Cookie}; ${rescue}` })
    expect(after.body).not.toContain('Kami menyimpan')
  })

  it('sweeps expired rescues when keeping a new one, and refuses oversized input', async () => {
    await t.asOwner((db) => db.deleteFrom('form_rescues').execute())
    const first = await post(`${base()}/solution`, { solution: 'Lama', intent: 'next' }, {})
    expect(rescueCookieFrom(first)).not.toBeNull()
    // A day has passed for that one (the database's clock judges expiry in the policies).
    await t.asOwner((db) =>
      db
        .updateTable('form_rescues')
        .set({ expires_at: new Date(Date.now() - 60_000) })
        .execute(),
    )
    const next = await post(`${base()}/solution`, { solution: 'Baru', intent: 'next' }, {})
    expect(rescueCookieFrom(next)).not.toBeNull()
    expect((await rescues()).map((r) => r.payload[0]?.[1])).toEqual(['Baru'])
    const huge = await post(`${base()}/solution`, { solution: 'y'.repeat(70_000), intent: 'next' }, {})
    expect(huge.status).toBe(302)
    expect(huge.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`${base()}/solution`)}`)
    expect(rescueCookieFrom(huge)).toBeNull()
    await t.asOwner((db) => db.deleteFrom('form_rescues').execute())
  })

  it('keeps the venture profile too', async () => {
    const res = await post(
      '/p/kalbar/apply/profile',
      { intent: 'save', name: 'Koperasi Tersimpan', legal_form: 'koperasi', stage: 'idea', address: 'Jl. Tanjungpura' },
      {},
    )
    expect(res.status).toBe(302)
    const rescue = pairOf(rescueCookieFrom(res) ?? '')
    expect(rescue).not.toBe('')
    const shown = await page('/p/kalbar/apply/profile', { Cookie: `${applicant.Cookie}; ${rescue}` })
    expect(shown.body).toContain('value="Koperasi Tersimpan"')
    expect(shown.body).toContain('Kami menyimpan yang Anda ketik')
    // A removal carries nothing typed: nothing is kept.
    const removal = await post('/p/kalbar/apply/profile', { intent: 'removeMember', member: ids.app }, {})
    expect(removal.status).toBe(302)
    expect(rescueCookieFrom(removal)).toBeNull()
  })

  it('the runtime role sees a rescue only with its token', async () => {
    await t.asOwner((db) => db.deleteFrom('form_rescues').execute())
    await post(`${base()}/budget`, { budget: 'Rahasia', intent: 'next' }, {})
    const visible = await t.db.transaction().execute(async (trx) => {
      const { sql } = await import('kysely')
      await sql`set local role winner_app`.execute(trx)
      return trx.selectFrom('form_rescues').select('id').execute()
    })
    expect(visible).toEqual([])
    expect(await rescues()).toHaveLength(1)
  })
})

describe('rescues from one address', () => {
  it('are capped, so a signed-out client cannot park rows at will', async () => {
    const ip = '198.51.100.7'
    const before = (await rescues()).length
    const send = () => postForm(`${base()}/problem`, { problem: 'Isian' }, { db: t.db, headers: {}, now: seededAt, ip })
    for (let i = 0; i < RESCUES_PER_IP; i++) {
      const kept = await send()
      expect(kept.headers.get('location')).toContain('notice=rescued')
    }
    const refused = await send()
    // Still sent to sign in, only without keeping the input.
    expect(refused.status).toBe(302)
    expect(refused.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`${base()}/problem`)}`)
    expect(rescueCookieFrom(refused)).toBeNull()
    expect((await rescues()).length).toBe(before + RESCUES_PER_IP)
    // Another address is not affected.
    const other = await postForm(`${base()}/problem`, { problem: 'Isian' }, { db: t.db, headers: {}, now: seededAt })
    expect(other.headers.get('location')).toContain('notice=rescued')
  })
})
