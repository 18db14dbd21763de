import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { innovationSchema } from '#app/modules/jippnas/jippnas.schema.ts'
import { payloadFieldTable } from '#app/modules/jippnas/payload.ts'
import { backoffMs, idempotencyKey, readReason, syncDisplay } from '#app/modules/jippnas/sync-rules.ts'

// The JIPPNas rules with no I/O (issue 15): backoff with jitter, the idempotency key,
// what a sync state reads as, the form schema, and the documented payload table being
// the one the zod schema generates.

describe('backoff', () => {
  it('doubles from 30 s up to an hour, half of each step random', () => {
    expect(backoffMs(1, 0)).toBe(15_000)
    expect(backoffMs(1, 0.999999)).toBeCloseTo(30_000, -1)
    expect(backoffMs(2, 0)).toBe(30_000)
    expect(backoffMs(3, 0.5)).toBe(90_000)
    expect(backoffMs(20, 0)).toBe(30 * 60_000)
    expect(backoffMs(20, 1)).toBe(60 * 60_000)
  })
})

describe('idempotency key and display', () => {
  it('is the same for the same version and differs between versions', () => {
    const id = '3f6a2d1e-8b4c-4e7a-9d2f-1c5b7e9a0d34'
    expect(idempotencyKey(id, 2)).toBe(idempotencyKey(id, 2))
    expect(idempotencyKey(id, 2)).not.toBe(idempotencyKey(id, 3))
  })

  it('reads "not configured" without an endpoint unless the record was sent', () => {
    expect(syncDisplay(false, null)).toBe('not_configured')
    expect(syncDisplay(false, { state: 'failed', version: 2, sent_version: null })).toBe('not_configured')
    expect(syncDisplay(false, { state: 'sent', version: 2, sent_version: 2 })).toBe('sent')
    expect(syncDisplay(true, { state: 'failed', version: 2, sent_version: 1 })).toBe('failed')
  })

  it('tells our own reasons from the remote’s text', () => {
    expect(readReason('winner:stuck')).toEqual({ own: 'stuck' })
    expect(readReason('Kode wilayah tidak dikenal')).toEqual({ remote: 'Kode wilayah tidak dikenal' })
    expect(readReason(null)).toBeNull()
  })
})

describe('record form', () => {
  const base = {
    title: 'Skolla',
    summary: 'Ringkasan',
    province_issue: '3f6a2d1e-8b4c-4e7a-9d2f-1c5b7e9a0d34',
    venture_name: 'Skolla EdTech',
    started_on: '2023-10-18',
    status: 'running',
  }
  it('accepts a running record and asks a stopped one for its reason', () => {
    expect(innovationSchema.safeParse(base).success).toBe(true)
    const stopped = innovationSchema.safeParse({ ...base, status: 'stopped' })
    expect(stopped.success).toBe(false)
    expect(stopped.error?.issues[0]?.path).toEqual(['stop_reason'])
    expect(innovationSchema.safeParse({ ...base, status: 'stopped', stop_reason: 'Anggaran habis' }).success).toBe(true)
    expect(innovationSchema.safeParse({ ...base, started_on: '2023-02-30' }).success).toBe(false)
  })
})

describe('docs/jippnas.md', () => {
  it('holds the field table the payload schema generates', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/jippnas.md'), 'utf8')
    const table = /<!-- payload-table:start -->\n([\s\S]*?)\n<!-- payload-table:end -->/.exec(doc)?.[1]
    // Compared cell by cell: a Markdown formatter may pad the columns.
    const cells = (md: string | undefined) =>
      (md ?? '').split('\n').map((line) =>
        line
          .split('|')
          .map((c) => c.trim().replace(/^-+$/, '-'))
          .join('|'),
      )
    expect(cells(table)).toEqual(cells(payloadFieldTable()))
  })
})
