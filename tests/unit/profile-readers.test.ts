import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// Issue 11 §2: the live venture profile belongs to the applicant's own pages. Whoever
// reads a submitted application (intake, review, selection, portal, national pages)
// reads the snapshot taken at submission (venture_snapshots, venture_snapshot_members),
// so a profile edit can never rewrite what was submitted. This guards the class: a new
// reader that joins the live tables outside the applications module fails here.

const root = path.resolve(import.meta.dirname, '../..')
const OWNER = path.join('app', 'modules', 'applications') + path.sep
// The data subject's own rights (UU PDP): downloading and erasing their profile must read the live one.
const PRIVACY = [
  path.join('app', 'modules', 'privacy', 'erasure.server.ts'),
  path.join('app', 'modules', 'privacy', 'privacy.queries.server.ts'),
]
// Kysely table references ('ventures', 'venture_members as m') and raw SQL (from/join ventures).
const LIVE_PROFILE = /['"`](ventures|venture_members)(\s+as\s+\w+)?['"`]|\b(from|join)\s+(ventures|venture_members)\b/

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name)
    if (e.isDirectory()) return sources(rel)
    return /\.tsx?$/.test(e.name) ? [rel] : []
  })
}

describe('readers of submitted applications', () => {
  it('the pattern catches both query styles', () => {
    expect(LIVE_PROFILE.test(".innerJoin('ventures as v', (j) =>")).toBe(true)
    expect(LIVE_PROFILE.test(".selectFrom('venture_members')")).toBe(true)
    expect(LIVE_PROFILE.test('select 1 from ventures v')).toBe(true)
    expect(LIVE_PROFILE.test(".innerJoin('venture_snapshots as v', (j) =>")).toBe(false)
  })

  it('read the profile snapshot, never the live profile, outside the applications module', () => {
    const offenders = sources('app')
      .filter((file) => !file.startsWith(OWNER) && !PRIVACY.includes(file))
      .filter((file) => LIVE_PROFILE.test(readFileSync(path.join(root, file), 'utf8')))
    expect(offenders).toEqual([])
  })
})
