import type { ServerBuild } from '@remix-run/node'
import { matchRoutes } from '@remix-run/react'

// Requests are named by the Remix route that answers them (`routes/p.$province.apply._index`),
// never by their URL: the metrics' label set stays as small as the route list, and logs
// carry no identifiers from paths or query strings (issue 19).

interface RouteNode {
  id: string
  path?: string
  index?: boolean
  caseSensitive?: boolean
  children?: RouteNode[]
}

/** The route id a path is answered by (the deepest match), or `unmatched`. */
export function routeLabeler(build: ServerBuild): (pathname: string) => string {
  const nodes = new Map<string, RouteNode>()
  for (const route of Object.values(build.routes)) {
    if (!route) continue
    nodes.set(route.id, {
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
    })
  }
  const roots: RouteNode[] = []
  for (const route of Object.values(build.routes)) {
    if (!route) continue
    const node = nodes.get(route.id) as RouteNode
    const parent = route.parentId ? nodes.get(route.parentId) : undefined
    if (parent) {
      parent.children ??= []
      parent.children.push(node)
    } else {
      roots.push(node)
    }
  }
  // matchRoutes takes index routes as { index: true } without children.
  return (pathname) => {
    const matches = matchRoutes(roots as Parameters<typeof matchRoutes>[0], documentPath(pathname))
    return (matches?.at(-1)?.route as RouteNode | undefined)?.id ?? 'unmatched'
  }
}

/** Single fetch asks for `/x.data` (and `/_root.data` for `/`): the same route as the page. */
function documentPath(pathname: string): string {
  if (pathname === '/_root.data') return '/'
  return pathname.endsWith('.data') ? pathname.slice(0, -'.data'.length) : pathname
}
