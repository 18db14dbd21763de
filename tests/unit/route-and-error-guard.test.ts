import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '#tests/support/app-process.ts'
import { sourceFiles } from '#tests/support/hydration-hazards.ts'

// Guards of two house rules. One error vocabulary (app/modules/errors/errors.ts) answered at one seam
// (app/server/error-answers.ts); thin routes that leave SQL, transactions and CASL subjects to
// the modules. Each pattern below means a rule written a second time.

const HOME = ['app/modules/errors/errors.ts', 'app/server/error-answers.ts']

function offenders(dir: string, patterns: RegExp[], only: (rel: string) => boolean = () => true): string[] {
  const found: string[] = []
  for (const rel of sourceFiles(projectRoot, dir, ['.ts', '.tsx'])) {
    if (HOME.includes(rel) || !only(rel)) continue
    readFileSync(path.join(projectRoot, rel), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (patterns.some((p) => p.test(line))) found.push(`${rel}:${i + 1}: ${line.trim()}`)
      })
  }
  return found
}

describe('one error vocabulary', () => {
  it('has no hand-made 404/403/400 responses anywhere in the app', () => {
    expect(offenders('app', [/new Response\(\s*'(Not Found|Forbidden|Bad Request)'/])).toEqual([])
  })

  it('has no error class of its own outside the vocabulary, except refinements of Refused', () => {
    expect(offenders('app', [/class \w+ extends Error\b/, /function or\w*NotFound\b/])).toEqual([])
  })

  it('has no UUID pattern of its own (isUuid / idParam / idField)', () => {
    expect(offenders('app', [/\[0-9a-f\]\{8\}-/])).toEqual([])
  })

  it('has no instanceof in routes: a route catches refusals with refusal(error)', () => {
    expect(offenders('app/routes', [/\binstanceof\b/])).toEqual([])
  })
})

describe('thin routes', () => {
  it('ask the modules: no SQL, no transaction and no inline CASL subject in a route', () => {
    expect(offenders('app/routes', [/\.selectFrom\(/, /\bwithTenant\(/, /\bsql`/, /\bsubject\(/])).toEqual([])
  })
})

describe('validation at one boundary', () => {
  // A form is parsed with parseWithZod (conform) where the request comes in: the route, or
  // its page twin (app/modules/<area>/<page>-page.server.ts). A bare zod parse there is a
  // second way to turn bad input into a reply (docs/ARCHITECTURE.md#errors).
  const boundary = (rel: string) => rel.startsWith('app/routes/') || rel.endsWith('-page.server.ts')
  it('has no direct zod .safeParse( or .parse( in routes and page twins', () => {
    expect(offenders('app', [/\.safeParse(Async)?\(/, /(?<!\bJSON|\bDate)\.parse(Async)?\(/], boundary)).toEqual([])
  })
})
