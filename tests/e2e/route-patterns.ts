import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '#tests/support/app-process.ts'

// The app's routes from Remix's flat file names (app/routes/p.$province.manage.issues.$issue.tsx
// is p/:province/manage/issues/:issue), so a crawl can tell pages of one kind apart.

type Pattern = readonly string[]

function patternOf(file: string): Pattern {
  return file
    .replace(/\.tsx?$/, '')
    .split(/\.(?![^[]*\])/)
    .filter((part) => part !== '_index')
    .map((part) => (part === '$' ? '*' : part.startsWith('$') ? `:${part.slice(1)}` : part.replace(/\[(.*?)\]/g, '$1')))
}

const patterns: Pattern[] = readdirSync(path.join(projectRoot, 'app/routes')).map(patternOf)

function matches(pattern: Pattern, segments: readonly string[]): boolean {
  if (pattern.at(-1) === '*') return segments.length >= pattern.length - 1
  return pattern.length === segments.length && pattern.every((p, i) => p.startsWith(':') || p === segments[i])
}

/** The route serving a path ("/p/kalbar/manage/issues/9b…" → "/p/:province/manage/issues/:issue"). */
export function routeOf(pathname: string): string {
  const segments = pathname.split('/').filter(Boolean)
  // Remix's ranking, roughly: more static segments win, and the catch-all comes last.
  const rank = (p: Pattern) => 2 * p.filter((s) => !s.startsWith(':') && s !== '*').length - (p.at(-1) === '*' ? 1 : 0)
  const best = patterns.filter((p) => matches(p, segments)).sort((a, b) => rank(b) - rank(a))[0]
  return best ? `/${best.join('/')}` : pathname
}

const unhydrated = new Set(
  readdirSync(path.join(projectRoot, 'app/routes'))
    .filter((file) => /\bhydrate:\s*false\b/.test(readFileSync(path.join(projectRoot, 'app/routes', file), 'utf8')))
    .map((file) => `/${patternOf(file).join('/')}`),
)

/** Whether the page at a path ships no React (`handle.hydrate === false`): its forms post documents. */
export function isUnhydratedPath(pathname: string): boolean {
  return unhydrated.has(routeOf(pathname))
}
