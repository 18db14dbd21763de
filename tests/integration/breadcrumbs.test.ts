import { describe, expect, it } from 'vitest'
import type { RouteHandle } from '#app/root.tsx'
import { serverBuild } from '../support/render.ts'

// Breadcrumbs (docs/ARCHITECTURE.md#page-parts) are declared per route as title keys and
// route paths; these checks keep them true as pages are added: every crumb names a page
// that exists under that path with that title, above the page that shows it, and every
// page below a workspace's home shows the way back up.

interface PageRoute {
  id: string
  path: string
  handle: RouteHandle | undefined
}

async function pages(): Promise<PageRoute[]> {
  const build = await serverBuild()
  return Object.values(build.routes)
    .filter((r) => r.id !== 'root' && r.module.default)
    .map((r) => ({ id: r.id, path: `/${r.path ?? ''}`.replace(/\/$/, ''), handle: r.module.handle as RouteHandle }))
}

/** Below a workspace's home: the apply, manage, review, mentoring, replication and impact areas, the national pages, an account's sub-pages, a juror's pitch. */
const belowAHome =
  /^\/p\/:province\/(apply|manage|review|mentoring|replications|impact)\/(?!invite\/)|^\/national\/|^\/account\/|^\/final-night\/:event\/pitches\//

describe('breadcrumbs', () => {
  it('name pages that exist, with their own titles, above the page that shows them', async () => {
    const all = await pages()
    const byPath = new Map(all.map((p) => [p.path, p]))
    const problems: string[] = []
    for (const page of all) {
      for (const crumb of page.handle?.crumbs ?? []) {
        const target = byPath.get(crumb.to)
        if (!target) problems.push(`${page.id}: no page at ${crumb.to}`)
        else if (target.handle?.title !== crumb.title)
          problems.push(`${page.id}: ${crumb.to} is titled ${target.handle?.title}`)
        if (!page.path.startsWith(`${crumb.to}/`)) problems.push(`${page.id}: ${crumb.to} is not above ${page.path}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('are declared by every page below a workspace home', async () => {
    const missing = (await pages())
      .filter((p) => belowAHome.test(p.path) && p.handle?.title && !p.handle.crumbs?.length)
      .map((p) => p.id)
    expect(missing).toEqual([])
  })
})
