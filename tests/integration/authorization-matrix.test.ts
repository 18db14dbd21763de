import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoAccounts } from '#db/seed/demo-accounts.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request, serverBuild } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// Every route × every role × own/other province × signed out, with the status each
// must answer. Routes come from the build's manifest: a new route without a row here
// fails the first test. Kalbar is "own" for the tenant roles; Sulsel is another tenant.

import {
  type Actor,
  all,
  guestPage,
  invite,
  manageRead,
  manageReadOther,
  national,
  type Row,
  signedInOnly,
} from './matrix-rows/types.ts'

// Rows contributed by each area (catalogue, calls, national configuration, …).
const areaRows = Object.values(
  import.meta.glob<{ rows: Record<string, Row> }>('./matrix-rows/*.rows.ts', { eager: true }),
)

const matrix: Record<string, Row> = {
  'routes/_index': { own: '/', get: { own: all(200) } },
  'routes/$': { own: '/no/such/page', get: { own: all(404) } },
  'routes/healthz': { own: '/healthz', get: { own: all(200) } },
  'routes/p.$province._index': { own: '/p/kalbar', other: '/p/sulsel', get: { own: all(200), other: all(200) } },
  'routes/login': { own: '/login', get: { own: guestPage } },
  'routes/register': { own: '/register', get: { own: guestPage } },
  'routes/p.$province.register': {
    own: '/p/kalbar/register',
    other: '/p/sulsel/register',
    get: { own: guestPage, other: guestPage },
  },
  'routes/logout': { own: '/logout', get: { own: all(302) }, post: { own: all(302), body: {} } },
  'routes/verify-email': {
    own: '/verify-email?token=x',
    get: { own: all(200) },
    post: { own: all(400), body: { token: 'x' } },
  },
  'routes/forgot-password': { own: '/forgot-password', get: { own: all(200) } },
  'routes/reset-password': { own: '/reset-password?token=x', get: { own: all(400) } },
  'routes/account': { own: '/account', get: { own: signedInOnly(200) } },
  'routes/dev.mailbox': { own: '/dev/mailbox', get: { own: all(404) } },
  'routes/p.$province.invite.$token': {
    own: '/p/kalbar/invite/not-a-token',
    other: '/p/sulsel/invite/not-a-token',
    get: { own: all(400), other: all(400) },
  },
  'routes/p.$province.manage._index': {
    own: '/p/kalbar/manage',
    other: '/p/sulsel/manage',
    get: { own: manageRead, other: manageReadOther },
    post: {
      // Only the province's own admin may invite its reviewers (the unknown OPD then gives 400).
      own: { anonymous: 302, applicant: 403, reviewer: 403, province_admin: 400, ministry: 403, erat: 403 },
      other: { anonymous: 302, applicant: 404, reviewer: 404, province_admin: 404, ministry: 403, erat: 403 },
      body: { intent: 'invite', ...invite },
    },
  },
  'routes/p.$province.manage.audit': {
    own: '/p/kalbar/manage/audit',
    other: '/p/sulsel/manage/audit',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.review._index': {
    own: '/p/kalbar/review',
    other: '/p/sulsel/review',
    get: {
      own: { anonymous: 302, applicant: 403, reviewer: 200, province_admin: 403, ministry: 403, erat: 403 },
      other: { anonymous: 302, applicant: 404, reviewer: 404, province_admin: 404, ministry: 403, erat: 403 },
    },
  },
  'routes/national._index': {
    own: '/national',
    get: { own: national },
    post: {
      own: { anonymous: 302, applicant: 403, reviewer: 403, province_admin: 403, ministry: 302, erat: 403 },
      body: { intent: 'invite', province: 'sulsel', name: 'Matrix Admin', email: 'matrix.admin@example.id' },
    },
  },
  'routes/national.audit': { own: '/national/audit', get: { own: national } },
  'routes/national.accounts': {
    own: '/national/accounts?email=nobody%40example.id',
    get: { own: { ...national, erat: 403 } },
    post: {
      own: { anonymous: 302, applicant: 403, reviewer: 403, province_admin: 403, ministry: 404, erat: 403 },
      body: { email: 'nobody@example.id', intent: 'deactivate' },
    },
  },
}

const actors: Actor[] = ['anonymous', 'applicant', 'reviewer', 'province_admin', 'ministry', 'erat']
const accounts: Record<Exclude<Actor, 'anonymous'>, string> = {
  applicant: 'applicant.kalbar@demo.winner.id',
  reviewer: 'reviewer.kalbar@demo.winner.id',
  province_admin: 'bappeda.kalbar@demo.winner.id',
  ministry: 'ministry@demo.winner.id',
  erat: 'erat@demo.winner.id',
}

let t: TestDatabase
const cookies = new Map<Actor, Record<string, string>>()

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seedDemoAccounts(db))
  cookies.set('anonymous', {})
  for (const [actor, email] of Object.entries(accounts) as [Actor, string][]) {
    cookies.set(actor, await signedIn(t.db, email))
  }
})
afterAll(() => t.close())

function freshSession(actor: Exclude<Actor, 'anonymous'>) {
  return signedIn(t.db, accounts[actor])
}

for (const area of areaRows) {
  for (const [id, row] of Object.entries(area.rows)) {
    if (matrix[id]) throw new Error(`route ${id} appears in two matrix files`)
    matrix[id] = row
  }
}

describe('authorization matrix', () => {
  it('has a row for every route in the manifest', async () => {
    const ids = Object.keys((await serverBuild()).routes).filter((id) => id !== 'root')
    expect(
      ids.filter((id) => !matrix[id]),
      'routes missing from the matrix',
    ).toEqual([])
    expect(
      Object.keys(matrix).filter((id) => !ids.includes(id)),
      'matrix rows for routes that no longer exist',
    ).toEqual([])
  })

  const cases = Object.entries(matrix).flatMap(([id, row]) =>
    actors.flatMap((actor) => [
      { id, actor, method: 'GET', path: row.own, status: row.get.own[actor] },
      ...(row.other && row.get.other
        ? [{ id, actor, method: 'GET', path: row.other, status: row.get.other[actor] }]
        : []),
      ...(row.post
        ? [{ id, actor, method: 'POST', path: row.own, status: row.post.own[actor], body: row.post.body }]
        : []),
      ...(row.post?.other && row.other
        ? [{ id, actor, method: 'POST', path: row.other, status: row.post.other[actor], body: row.post.body }]
        : []),
    ]),
  )

  it.each(cases)('$method $path as $actor → $status', async ({ actor, method, path, status, body }) => {
    // Signing out ends the session it is sent with: give it one of its own.
    const headers =
      path === '/logout' && method === 'POST' && actor !== 'anonymous'
        ? await freshSession(actor)
        : (cookies.get(actor) ?? {})
    const res =
      method === 'GET'
        ? await request(path, { db: t.db, headers })
        : await postForm(path, (body as Record<string, string>) ?? {}, { db: t.db, headers })
    expect(res.status).toBe(status)
    if (status === 302 && actor === 'anonymous' && !['/logout', '/login', '/register'].includes(path)) {
      expect(res.headers.get('location')).toMatch(/^\/(login\?redirectTo=|$)/)
    }
  })
})
