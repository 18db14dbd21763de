import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The code cites documents that live in this repository: docs/ARCHITECTURE.md and
// docs/decisions/. The starting brief (a DESIGN.md outside the project) is nobody's
// reference once the project has moved on, so a citation of it, even broken over two
// comment lines, fails here.

const root = path.resolve(import.meta.dirname, '../..')
const SELF = path.relative(root, import.meta.filename)
// Between "DESIGN" and "§" only spaces, line breaks and comment markers (// * #).
const OUTSIDE_BRIEF = /DESIGN[\s/*#]*§|DESIGN\.md/

function files(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name)
    if (e.isDirectory()) return files(rel)
    return [rel]
  })
}

describe('citations of the starting brief', () => {
  it('the pattern catches a section, a section broken over lines and the file name', () => {
    expect(OUTSIDE_BRIEF.test('names the province (DESIGN §3, layer 4)')).toBe(true)
    expect(OUTSIDE_BRIEF.test('names the province (DESIGN\n// §3, layer 4)')).toBe(true)
    expect(OUTSIDE_BRIEF.test(' * (DESIGN\n * §4), so')).toBe(true)
    expect(OUTSIDE_BRIEF.test('see /work/shared/DESIGN.md')).toBe(true)
    expect(OUTSIDE_BRIEF.test('names the province (docs/ARCHITECTURE.md#tenancy, layer 4)')).toBe(false)
  })

  it('no file under app/, db/ or tests/ cites it', () => {
    const offenders = ['app', 'db', 'tests']
      .flatMap(files)
      .filter((file) => file !== SELF)
      .filter((file) => OUTSIDE_BRIEF.test(readFileSync(path.join(root, file), 'utf8')))
    expect(offenders).toEqual([])
  })
})
