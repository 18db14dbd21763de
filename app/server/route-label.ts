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
  // Matching flattens and ranks the whole route list on every call (≈ 0.3 ms with this
  // app's routes; a fifth of a signed-in request's CPU went to route matching, docs/decisions/021).
  // Which route answers depends only on which segments are literal parts of some route path,
  // so every other segment (ids, slugs, tokens) is replaced by one placeholder and the answer
  // kept per shape: a small, bounded set of keys.
  const literals = new Set<string>()
  for (const route of Object.values(build.routes)) {
    for (const segment of route?.path?.split('/') ?? []) {
      if (segment && !segment.startsWith(':') && segment !== '*') literals.add(segment.replace(/\?$/, '').toLowerCase())
    }
  }
  const shapes = new Map<string, string>()
  // matchRoutes takes index routes as { index: true } without children.
  return (pathname) => {
    const shape = documentPath(pathname)
      .split('/')
      .map((segment) => (segment === '' || literals.has(decoded(segment).toLowerCase()) ? segment : PLACEHOLDER))
      .join('/')
    let label = shapes.get(shape)
    if (label === undefined) {
      const matches = matchRoutes(roots as Parameters<typeof matchRoutes>[0], shape)
      label = (matches?.at(-1)?.route as RouteNode | undefined)?.id ?? 'unmatched'
      if (shapes.size >= MAX_SHAPES) shapes.clear()
      shapes.set(shape, label)
    }
    return label
  }
}

/** Stands for a segment no route names literally: it matches exactly the params and splats a real value would. */
const PLACEHOLDER = '~'
const MAX_SHAPES = 2000

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** Single fetch asks for `/x.data` (and `/_root.data` for `/`): the same route as the page. */
function documentPath(pathname: string): string {
  if (pathname === '/_root.data') return '/'
  return pathname.endsWith('.data') ? pathname.slice(0, -'.data'.length) : pathname
}
