import { createRequire } from 'node:module'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoDatabase } from '#tests/factories/demo.ts'
import { signedIn } from '#tests/factories/session.ts'
import { projectRoot } from '#tests/support/app-process.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// Our patch of @remix-run/react (patches/, docs/decisions/024): <RemixServer> makes the
// server routes once per build instead of on every render. Counted on the copy the build
// loads (its routes module, whose export the patched server.js calls through), and every
// page must still render as it did: the same HTML twice in a row, whatever came between.

const fromProject = createRequire(path.join(projectRoot, 'package.json'))
const routesFile = path.join(path.dirname(fromProject.resolve('@remix-run/react')), 'routes.js')
const routesModule = fromProject(routesFile) as { createServerRoutes: (...args: unknown[]) => unknown }
const original = routesModule.createServerRoutes
let made = 0

let t: TestDatabase
beforeAll(async () => {
  t = await createDemoDatabase(new Date())
  routesModule.createServerRoutes = (...args: unknown[]) => {
    made++
    return original(...args)
  }
})
afterAll(async () => {
  routesModule.createServerRoutes = original
  await t.close()
})

/** A page's HTML without what differs per request by design (the CSP nonce). */
const page = async (pathname: string, headers: Record<string, string> = {}) => {
  const res = await request(pathname, { db: t.db, headers })
  expect(res.status, pathname).toBe(200)
  return (await res.text()).replace(/nonce="[^"]*"/g, 'nonce=""')
}

describe('server routes made once per build', () => {
  it('renders many pages, signed in and not, with at most one making of the routes', async () => {
    const ministry = await signedIn(t.db, 'ministry@demo.winner.id')
    const bappeda = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
    const visits: [string, Record<string, string>][] = [
      ['/p/kalbar', {}],
      ['/national', ministry],
      ['/p/kalbar/manage', bappeda],
      ['/login', {}],
    ]
    const first = []
    for (const [pathname, headers] of visits) first.push(await page(pathname, headers))
    const second = []
    for (const [pathname, headers] of [...visits].reverse()) second.unshift(await page(pathname, headers))
    expect(second).toEqual(first)
    // Each page is its own: the shared routes carry no page's data into another.
    expect(first[1]).toContain('<h1')
    expect(new Set(first).size).toBe(visits.length)
    expect(made).toBeLessThanOrEqual(1)
  })
})
