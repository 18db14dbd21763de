import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type * as RouterModule from '@remix-run/router'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '#tests/support/app-process.ts'

// Our patch of @remix-run/router (patches/, docs/decisions/024-route-matching-memo.md): it must be
// in effect in the copy Remix loads on the server, and every match must equal upstream's. The
// upstream algorithm is the installed file with the patch taken back out (git apply -R), so
// this also fails if the patch is missing or no longer matches the installed version.
// The react-router-dom patch (the data routes <RemixServer> renders with, made once per
// routes array) is checked here too, against upstream's conversion.

// matchRoutes is typed for route objects whose `index` decides their shape; the trees built
// here (from the build, and random ones) carry a plain boolean, which the router accepts.
type Router = Omit<typeof RouterModule, 'matchRoutes'> & {
  matchRoutes(
    routes: Route[],
    location: string,
  ): { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route }[] | null
}
type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] }

const PATCH = path.join(projectRoot, 'patches/@remix-run+router+1.23.3.patch')
const fromProject = createRequire(path.join(projectRoot, 'package.json'))
// The copies Remix uses: the server runtime (matchServerRoutes, the static handler) and
// react-router (<RemixServer>, lazy discovery's partial manifest).
const runtimeRouterFile = createRequire(fromProject.resolve('@remix-run/server-runtime')).resolve('@remix-run/router')
const reactRouterFile = createRequire(fromProject.resolve('react-router')).resolve('@remix-run/router')
const patched = createRequire(runtimeRouterFile)(runtimeRouterFile) as Router

let scratch: string
let upstream: Router

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'router-upstream-'))
  const copy = path.join(scratch, 'node_modules/@remix-run/router/dist/router.cjs.js')
  mkdirSync(path.dirname(copy), { recursive: true })
  copyFileSync(runtimeRouterFile, copy)
  execFileSync('git', ['apply', '-R', PATCH], { cwd: scratch, stdio: 'pipe' })
  upstream = createRequire(copy)(copy) as Router
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/** Routes as Remix's server runtime builds them from the manifest (only what matching reads). */
function routesOf(build: ServerBuild, parentId?: string): Route[] {
  return Object.values(build.routes)
    .filter((r) => r?.parentId === parentId)
    .map((r) => ({
      id: r?.id,
      path: r?.path,
      index: r?.index,
      caseSensitive: r?.caseSensitive,
      children: routesOf(build, r?.id),
    }))
}

/** What a match says, with the route by id (objects differ between the two copies). */
function summary(matches: ReturnType<Router['matchRoutes']>) {
  return matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase })) ?? null
}

function allRoutes(routes: Route[]): Set<Route> {
  const all = new Set<Route>()
  const walk = (rs: Route[]) => {
    for (const r of rs) {
      all.add(r)
      walk(r.children ?? [])
    }
  }
  walk(routes)
  return all
}

/** Pathnames around every route path: filled in, with trailing and doubled slashes, other case, one segment more and less. */
function pathnamesFor(build: ServerBuild): string[] {
  const full = (id: string | undefined): string => {
    const route = id ? build.routes[id] : undefined
    if (!route) return ''
    return [full(route.parentId), route.path ?? ''].filter(Boolean).join('/')
  }
  const fills = ['kalbar', 'Banten', '0f8fad5b-d9cb-469f-a165-70867728950e', 'a%20b', 'é']
  const out = new Set<string>(['/', '', '//', '/nope', '/p/', '/P/KALBAR', '/assets/x.js', '/p/kalbar/apply/%2F'])
  for (const id of Object.keys(build.routes)) {
    const pattern = `/${full(id)}`
    for (const [i, fill] of fills.entries()) {
      const filled = pattern
        .split('/')
        .map((s) => (s.startsWith(':') ? fill : s === '*' ? `x/${fill}` : s))
        .join('/')
      out.add(filled)
      if (i > 0) continue
      out.add(`${filled}/`)
      out.add(filled.toUpperCase())
      out.add(`${filled}/extra`)
      out.add(filled.split('/').slice(0, -1).join('/') || '/')
      out.add(filled.replace(/\/([^/]+)$/, '//$1'))
    }
  }
  return [...out]
}

describe('route matching (patched @remix-run/router)', () => {
  it('is the patched file in every copy Remix loads', () => {
    expect(reactRouterFile).toBe(runtimeRouterFile)
    expect(readFileSync(runtimeRouterFile, 'utf8')).toContain('function rankedBranchesOf(routes)')
  })

  it('matches every route of the build exactly as upstream does, on one array and on equal ones', async () => {
    const build = (await import(pathToFileURL(path.join(projectRoot, 'build/server/index.js')).href)) as ServerBuild
    const routes = routesOf(build)
    const reference = routesOf(build)
    const pathnames = pathnamesFor(build)
    expect(pathnames.length).toBeGreaterThan(500)
    let matched = 0
    for (const pathname of pathnames) {
      const expected = summary(upstream.matchRoutes(reference, pathname))
      if (expected) matched++
      // The same array (kept by identity) and a new equal one (kept by shape, re-bound).
      const fresh = routesOf(build)
      for (const tree of [routes, fresh, routes]) {
        const got = patched.matchRoutes(tree, pathname)
        expect(summary(got), pathname).toEqual(expected)
        const own = allRoutes(tree)
        for (const m of got ?? []) expect(own.has(m.route), `${pathname}: a route of another array`).toBe(true)
      }
    }
    expect(matched).toBeGreaterThan(pathnames.length / 3)
  })

  it('gives <RemixServer> the data routes of its routes array once, equal to a fresh conversion (patched react-router-dom)', async () => {
    // The copy @remix-run/react renders with.
    const staticRouterFile = createRequire(fromProject.resolve('@remix-run/react')).resolve('react-router-dom/server')
    expect(readFileSync(staticRouterFile, 'utf8')).toContain('function dataRoutesOf(routes)')
    const { createStaticRouter } = createRequire(staticRouterFile)(staticRouterFile) as {
      createStaticRouter(routes: Route[], context: object): { routes: Route[] }
    }
    const { UNSAFE_mapRouteProperties } = fromProject('react-router') as { UNSAFE_mapRouteProperties: unknown }
    const convert = createRequire(runtimeRouterFile)(runtimeRouterFile).UNSAFE_convertRoutesToDataRoutes as (
      routes: Route[],
      map: unknown,
      parentPath: undefined,
      manifest: object,
    ) => Route[]
    const build = (await import(pathToFileURL(path.join(projectRoot, 'build/server/index.js')).href)) as ServerBuild
    // As Remix builds them: an index route has no children.
    const tree = (rs: Route[]): Route[] =>
      rs.map(({ children, ...r }) => (r.index ? r : { ...r, children: tree(children ?? []) }))
    const routes = tree(routesOf(build))
    const context = {
      basename: '/',
      location: { pathname: '/' },
      matches: [],
      loaderData: {},
      actionData: null,
      errors: null,
    }
    const first = createStaticRouter(routes, context).routes
    expect(createStaticRouter(routes, context).routes).toBe(first)
    expect(first).toEqual(convert(tree(routesOf(build)), UNSAFE_mapRouteProperties, undefined, {}))
    const other = createStaticRouter(tree(routesOf(build)), context).routes
    expect(other).not.toBe(first)
    expect(other).toEqual(first)
  })

  it('matches random route trees and pathnames exactly as upstream does', () => {
    const segment = fc.constantFrom('a', 'b', 'B', ':x', ':y', ':x-y', ':z?', 'c?', 'A?', '*', '', '/', 'a-b', 'a.b')
    const relative = fc
      .array(segment, { minLength: 0, maxLength: 3 })
      .map((s) => s.join('/'))
      // A splat only at the end, as upstream warns otherwise.
      .filter((p) => !p.includes('*') || p === '*' || (p.endsWith('/*') && p.indexOf('*') === p.length - 1))
    const tree: fc.Arbitrary<Route[]> = fc.letrec((tie) => ({
      routes: fc.array(tie('route'), { maxLength: 4 }) as fc.Arbitrary<Route[]>,
      route: fc.oneof(
        { depthSize: 'small' },
        fc.record({ path: relative, caseSensitive: fc.boolean(), index: fc.constant(true) }),
        fc.record({
          path: fc.option(relative, { nil: undefined }),
          caseSensitive: fc.boolean(),
          children: tie('routes'),
        }),
      ),
    })).routes
    const pathname = fc
      .array(fc.constantFrom('a', 'A', 'b', 'B', 'c', 'x1', '', 'a-b', 'a.b', 'a%20b'), { maxLength: 5 })
      .map((s) => `/${s.join('/')}`)
    const run = (r: Router, routes: Route[], p: string) => {
      try {
        return { ok: summary(r.matchRoutes(routes, p)) }
      } catch (error) {
        return { threw: String(error) }
      }
    }
    const clone = (routes: Route[]): Route[] =>
      routes.map((r) => ({ ...r, ...(r.children ? { children: clone(r.children) } : {}) }))
    fc.assert(
      fc.property(tree, fc.array(pathname, { minLength: 1, maxLength: 6 }), (routes, paths) => {
        const withIds = (rs: Route[], prefix: string): Route[] =>
          rs.map((r, i) => ({
            ...r,
            id: `${prefix}${i}`,
            ...(r.children ? { children: withIds(r.children, `${prefix}${i}-`) } : {}),
          }))
        const ours = withIds(routes, 'r')
        for (const p of paths) {
          const expected = run(upstream, clone(ours), p)
          expect(run(patched, ours, p), p).toEqual(expected)
          expect(run(patched, clone(ours), p), p).toEqual(expected)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('flattens a routes array once, and an equal array without flattening', () => {
    let reads = 0
    const counted = (): Route[] => {
      const make = (p: string | undefined, children: Route[] = []): Route => ({
        get path() {
          reads++
          return p
        },
        children,
      })
      return [
        make('', [make('p/:slug', [make('apply'), make('review'), make('manage', [make('ranking')])]), make('x/*')]),
      ]
    }
    const first = counted()
    reads = 0
    expect(summary(patched.matchRoutes(first, '/p/kalbar/apply'))?.at(-1)?.pathname).toBe('/p/kalbar/apply')
    const flattened = reads
    reads = 0
    patched.matchRoutes(first, '/p/kalbar/manage/ranking')
    expect(reads, 'the same array again: branches kept').toBe(0)
    const equal = counted()
    reads = 0
    const got = patched.matchRoutes(equal, '/p/kalbar/review')
    expect(reads, 'an equal array: read for its shape only').toBeGreaterThan(0)
    expect(reads).toBeLessThan(flattened)
    expect(got?.at(-1)?.route).toBe(equal[0]?.children?.[0]?.children?.[1])
  })

  it('sees routes added in place by lazy discovery (patchRoutes)', () => {
    const router = patched.createRouter({
      routes: [{ id: 'root', path: '/', children: [{ id: 'a', path: 'a' }] }],
      history: patched.createMemoryHistory(),
    })
    expect(summary(patched.matchRoutes(router.routes, '/b'))).toBeNull()
    router.patchRoutes('root', [{ id: 'b', path: 'b' }])
    expect(summary(patched.matchRoutes(router.routes, '/b'))?.map((m) => m.id)).toEqual(['root', 'b'])
    router.dispose()
  })
})
