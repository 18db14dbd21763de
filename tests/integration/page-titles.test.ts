import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seed } from '#db/seed/run.ts'
import { routeOf } from '#tests/e2e/route-patterns.ts'
import { signedIn } from '#tests/factories/session.ts'
import { projectRoot } from '#tests/support/app-process.ts'
import { request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'
import { flattenKeys, rawKeysIn } from '../i18n/keys.ts'

// Every page a role reaches has one localised <title>, "<page> — <province or area> — WiNNER"
// (issue 13). Each role starts at its workspace and follows the links of the demo data, one
// page per route, through the production build, in both languages.

let t: TestDatabase
const allKeys: string[] = []

const roles = [
  { role: 'guest', email: null, landing: '/' },
  { role: 'ministry', email: 'ministry@demo.winner.id', landing: '/national' },
  { role: 'Bappeda Kalbar', email: 'bappeda.kalbar@demo.winner.id', landing: '/p/kalbar/manage' },
  { role: 'reviewer Banten', email: 'reviewer.banten@demo.winner.id', landing: '/p/banten/review' },
  { role: 'applicant Kalbar', email: 'applicant.kalbar@demo.winner.id', landing: '/p/kalbar/apply' },
]

const provinceNames: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seed(db, { demo: true, origin: 'http://localhost:3000' }))
  for (const p of await t.asOwner((db) => db.selectFrom('provinces').select(['slug', 'name']).execute())) {
    provinceNames[p.slug] = p.name
  }
  for (const lng of ['id', 'en']) {
    const dir = path.join(projectRoot, 'locales', lng)
    for (const file of readdirSync(dir)) {
      const ns = file.replace(/\.json$/, '')
      const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>
      allKeys.push(...flattenKeys(json).map(([k]) => `${ns}:${k}`))
    }
  }
})
afterAll(() => t.close())

function isFollowable(href: string): boolean {
  if (!href.startsWith('/') || href.startsWith('//')) return false
  const url = new URL(href, 'http://localhost')
  if (url.searchParams.has('lng')) return false
  if (url.pathname === '/logout' || url.pathname.startsWith('/dev/')) return false
  return !/\.(csv|xlsx|pdf)$|\/files\/|\/minutes$|\/logo$|\/autosave$/.test(url.pathname)
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')

describe.each(['id', 'en'] as const)('page titles in %s', (lng) => {
  it.each(roles)('as $role, every page reached from $landing', { timeout: 120_000 }, async ({ email, landing }) => {
    const headers = { ...(email ? await signedIn(t.db, email) : { Cookie: '' }) }
    headers.Cookie = [headers.Cookie, `lng=${lng}`].filter(Boolean).join('; ')
    const queue = [landing]
    const seen = new Set(queue)
    const routes = new Set<string>()
    const problems: string[] = []
    let checked = 0
    while (queue.length > 0) {
      const page = queue.shift() as string
      const route = routeOf(new URL(page, 'http://localhost').pathname)
      if (routes.has(route)) continue
      routes.add(route)
      const res = await request(page, { db: t.db, headers })
      if (res.status !== 200 || !res.headers.get('Content-Type')?.includes('text/html')) {
        await res.arrayBuffer()
        continue
      }
      const html = await res.text()
      checked++
      const titles = [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => decode(m[1] as string))
      const title = titles[0] ?? ''
      const parts = title.split(' — ')
      const slug = /^\/p\/([^/?]+)/.exec(page)?.[1]
      const area = slug
        ? provinceNames[slug]
        : page.startsWith('/national')
          ? lng === 'id'
            ? 'Nasional'
            : 'National'
          : null
      if (titles.length !== 1) problems.push(`${page}: ${titles.length} titles`)
      else if (parts.at(-1) !== 'WiNNER' || parts.length < 2 || !parts[0]?.trim()) problems.push(`${page}: "${title}"`)
      else if (area && parts[1] !== area) problems.push(`${page}: "${title}" does not name ${area}`)
      else if (rawKeysIn(title, allKeys).length > 0) problems.push(`${page}: raw key in "${title}"`)
      for (const m of html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)) {
        const href = decode(m[1] as string)
        if (!isFollowable(href) || seen.has(href)) continue
        seen.add(href)
        queue.push(href)
      }
    }
    expect(checked, `routes: ${[...routes].join(' ')}`).toBeGreaterThan(3)
    expect(problems).toEqual([])
  })

  it('the sign-in, registration and password pages have their own titles', async () => {
    const headers = { Cookie: `lng=${lng}` }
    const titleOf = async (page: string) =>
      /<title>([^<]*)<\/title>/.exec(await (await request(page, { db: t.db, headers })).text())?.[1]
    const titles = await Promise.all(['/login', '/register', '/forgot-password', '/p/kalbar/register'].map(titleOf))
    expect(titles).toEqual(
      lng === 'id'
        ? ['Masuk — WiNNER', 'Daftar — WiNNER', 'Lupa kata sandi — WiNNER', 'Daftar — Kalimantan Barat — WiNNER']
        : [
            'Sign in — WiNNER',
            'Register — WiNNER',
            'Forgotten password — WiNNER',
            'Register — Kalimantan Barat — WiNNER',
          ],
    )
  })
})
