import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { expectWritten, isRefused, refusal } from '#app/modules/errors/errors.ts'
import { projectRoot } from '#tests/support/app-process.ts'
import { sourceFiles } from '#tests/support/hydration-hazards.ts'

// A write guarded by the state it expects must hit its row or be refused
// (docs/ARCHITECTURE.md#errors): `expectWritten` in app/modules/errors/errors.ts is its one
// home. This scan finds every `.updateTable(`/`.deleteFrom(` chain in app/modules whose
// WHERE names a state — `status`/`state` with any operator, or `<something>_at is null` —
// and requires either that the chain is passed to `expectWritten(` where it is written, or
// (for a query function) that every call of that function is `expectWritten(await fn(…))`,
// or that it is listed below with the reason its row count does not matter.
//
// Limits (it is a text scan, kept simple on purpose): it does not see raw `sql` UPDATE or
// DELETE, chains assembled in a variable across statements, guards written with `eb(…)` or
// kept only in application code (a read-then-write decided on a locked row: those are
// reviewed by hand, see the architecture page). It catches the common slip: a new
// `where('status', '=', …)` on an update whose count nobody reads.

/** file:function → why a guarded write that matches no row (or several) is right there. */
const ALLOWED: Record<string, string> = {
  // Set-wise: moves whichever applications are still eligible, and answers which moved.
  'app/modules/assignment/assignments.queries.server.ts:startReviewOf': 'set-wise',
  // First-time markers: a no-op once set is the point.
  'app/modules/assignment/assignments.queries.server.ts:markReviewStarted': 'first-time marker',
  'app/modules/review-desk/workspace.queries.server.ts:lockRubric': 'first-time marker',
  'app/modules/review-desk/workspace.queries.server.ts:markDeclared': 'first-time marker',
  // Answers whether a row went; unassignAssignment refuses on false, a rebalance skips it.
  'app/modules/assignment/assignments.queries.server.ts:deleteUnscoredAssignment': 'caller checks the boolean',
  // A new invitation revokes the address's earlier pending ones, however many there are.
  'app/modules/auth/invitations.server.ts:createInvitation': 'revokes any earlier pending',
  'app/modules/final-night/final-night.queries.server.ts:revokePendingInvitations': 'revokes any earlier pending',
  'app/modules/mentoring/mentoring.queries.server.ts:insertInvitation': 'revokes any earlier pending',
  // Returns the row; revokeParticipant (final-night.server.ts) answers 404 when there is none.
  'app/modules/final-night/final-night.queries.server.ts:revokeParticipant': 'returns the row, caller 404s',
  // The sync worker's claims (sync.server.ts): losing one to another worker is a normal
  // outcome (the row comes back undefined and is skipped); retryNow passes it to expectWritten.
  'app/modules/jippnas/jippnas.queries.server.ts:updateSync': 'worker claims; retryNow checks',
  // Erasure fails every message still queued for the person: any number.
  'app/modules/privacy/erasure.server.ts:eraseAccount': 'set-wise',
  // Retention sweeps and the draft clean-up count what they removed; any number is right.
  'app/modules/privacy/privacy.queries.server.ts:deleteDraftApplications': 'set-wise sweep',
  'app/modules/privacy/retention.server.ts:applyRetention': 'set-wise sweep',
}

const GUARD = /\.where\(\s*'(?:\w+\.)?(?:status|state)'|\.where\(\s*'(?:\w+\.)?\w+_at'\s*,\s*'is'\s*,\s*null\s*\)/
const WRITE = /\.(updateTable|deleteFrom)\(/g
const FUNCTION = /(?:^|\n)\s*(?:export\s+)?(?:async\s+)?function\s+(\w+)/g

interface Site {
  key: string
  line: number
}

function moduleSources(): Map<string, string> {
  const files = new Map<string, string>()
  for (const rel of sourceFiles(projectRoot, 'app/modules', ['.ts', '.tsx'])) {
    files.set(rel, readFileSync(path.join(projectRoot, rel), 'utf8'))
  }
  return files
}

/** Whether every call of `fn` across the modules (not its definition) is `expectWritten(await [q.]fn(`. */
function everyCallChecked(files: Map<string, string>, fn: string): boolean {
  let calls = 0
  let checked = 0
  for (const src of files.values()) {
    for (const m of src.matchAll(new RegExp(`\\b${fn}\\(`, 'g'))) {
      const before = src.slice(Math.max(0, (m.index ?? 0) - 60), m.index)
      if (/\bfunction\s+$/.test(before)) continue
      calls++
      if (/expectWritten\(\s*await\s+(?:\w+\.)?$/.test(before)) checked++
    }
  }
  return calls > 0 && calls === checked
}

function uncheckedGuardedWrites(files: Map<string, string>): { unchecked: Site[]; seen: Set<string> } {
  const unchecked: Site[] = []
  const seen = new Set<string>()
  for (const [rel, src] of files) {
    for (const m of src.matchAll(WRITE)) {
      const start = m.index ?? 0
      const end = src.indexOf('.execute', start)
      const chain = src.slice(start, end === -1 ? undefined : end)
      if (!GUARD.test(chain)) continue
      const fn = [...src.slice(0, start).matchAll(FUNCTION)].pop()?.[1] ?? '?'
      const key = `${rel}:${fn}`
      seen.add(key)
      // Written inline inside the helper: `expectWritten(await trx.updateTable(…)…, key)`.
      const inline = /expectWritten\(\s*await\s+\w+\s*$/.test(src.slice(Math.max(0, start - 80), start))
      if (inline || everyCallChecked(files, fn) || key in ALLOWED) continue
      unchecked.push({ key, line: src.slice(0, start).split('\n').length })
    }
  }
  return { unchecked, seen }
}

describe('guarded writes', () => {
  const files = moduleSources()
  const { unchecked, seen } = uncheckedGuardedWrites(files)

  it('every update/delete guarded by a state is checked with expectWritten, or allowed with a reason', () => {
    expect(unchecked.map((s) => `${s.key} (line ${s.line})`)).toEqual([])
  })

  it('the allow-list names only guarded writes that still exist', () => {
    expect(Object.keys(ALLOWED).filter((key) => !seen.has(key))).toEqual([])
  })

  it('finds the known guarded writes (the scan is not blind)', () => {
    for (const key of [
      'app/modules/applications/application.queries.server.ts:updateApplication',
      'app/modules/cocreation/mou.queries.server.ts:setMouStatus',
      'app/modules/replication/replication.queries.server.ts:updateReplicationStatus',
      'app/modules/auth/invitee.server.ts:spendInvitation',
    ]) {
      expect(seen).toContain(key)
    }
  })
})

describe('expectWritten', () => {
  const refusedBy = (fn: () => unknown) => {
    try {
      fn()
    } catch (error) {
      return isRefused(error) ? { key: refusal(error).key, status: refusal(error).status } : error
    }
    return 'written'
  }

  it('passes exactly the expected rows and answers their number', () => {
    expect(expectWritten({ numUpdatedRows: 1n }, 'k')).toBe(1)
    expect(expectWritten([{ numDeletedRows: 2n }], 'k', { rows: 2 })).toBe(2)
  })

  it('refuses (409 by default, never a 500) when the write matched no row, or more than expected', () => {
    expect(refusedBy(() => expectWritten({ numUpdatedRows: 0n }, 'mou:refused.illegal'))).toEqual({
      key: 'mou:refused.illegal',
      status: 409,
    })
    expect(refusedBy(() => expectWritten([{ numUpdatedRows: 2n }], 'k'))).toEqual({ key: 'k', status: 409 })
  })

  it('takes the row of returning(…).executeTakeFirst(): the row, or the refusal when none', () => {
    expect(expectWritten({ id: 'x' }, 'k')).toEqual({ id: 'x' })
    expect(refusedBy(() => expectWritten(undefined as { id: string } | undefined, 'k', { field: 'f' }))).toEqual({
      key: 'k',
      status: 400,
    })
  })
})
