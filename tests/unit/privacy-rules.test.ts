import { describe, expect, it } from 'vitest'
import { splitNotice } from '#app/modules/privacy/notice.server.ts'
import {
  dueAt,
  ERASED_NAME,
  erasableValues,
  erasedEmail,
  hoursLeft,
  LEGAL_DEADLINE_MS,
  reminderDue,
  selfErasable,
} from '#app/modules/privacy/privacy-rules.ts'
import { RETENTION, retentionCutoff } from '#app/modules/privacy/retention.ts'
import { NOTICE_EN } from '#db/seed/consent.ts'

// The pure rules of the privacy module (issue 17): the 3 × 24 h clock, reminders,
// who may erase alone, what erasure searches for, retention cut-offs, the notice split.

const received = new Date('2026-12-06T08:00:00Z')

describe('privacy rules', () => {
  it('puts the legal deadline 72 hours after receipt', () => {
    expect(dueAt(received).toISOString()).toBe('2026-12-09T08:00:00.000Z')
    expect(LEGAL_DEADLINE_MS).toBe(72 * 3600 * 1000)
    expect(hoursLeft(dueAt(received), received)).toBe(72)
    expect(hoursLeft(dueAt(received), new Date('2026-12-09T09:00:00Z'))).toBe(-1)
  })

  it('reminds once, inside the last 24 hours, only while open', () => {
    const open = { due_at: dueAt(received), reminded_at: null, status: 'open' }
    expect(reminderDue(open, new Date('2026-12-08T07:59:00Z'))).toBe(false)
    expect(reminderDue(open, new Date('2026-12-08T08:00:00Z'))).toBe(true)
    expect(reminderDue({ ...open, reminded_at: received }, new Date('2026-12-08T09:00:00Z'))).toBe(false)
    expect(reminderDue({ ...open, status: 'granted' }, new Date('2026-12-08T09:00:00Z'))).toBe(false)
  })

  it('lets a user erase alone only with nothing past the draft stage', () => {
    expect(selfErasable([])).toBe(true)
    expect(selfErasable([{ status: 'draft' }])).toBe(true)
    expect(selfErasable([{ status: 'draft' }, { status: 'withdrawn' }])).toBe(false)
  })

  it('searches for distinct values of three characters or more, never the pseudonym', () => {
    expect(erasableValues(['Siti', ' Siti ', 'ab', null, undefined, '', ERASED_NAME, 'x@y.id'])).toEqual([
      'Siti',
      'x@y.id',
    ])
    expect(erasedEmail('u1')).toBe('erased-u1@erased.invalid')
  })

  it('counts retention periods back from now', () => {
    const now = new Date('2026-12-31T00:00:00Z')
    expect(retentionCutoff('draftsOfClosedCalls', now).getTime()).toBe(
      now.getTime() - RETENTION.draftsOfClosedCalls * 86400000,
    )
    expect(retentionCutoff('oldSessions', now)).toEqual(now)
  })

  it('splits the notice into its titled paragraphs', () => {
    const { title, sections } = splitNotice(NOTICE_EN)
    expect(title).toBe('Personal Data Processing Notice — WiNNER')
    expect(sections.map((s) => s.heading)).toContain('Who we are')
    expect(sections.every((s) => s.text.length > 0)).toBe(true)
  })
})
