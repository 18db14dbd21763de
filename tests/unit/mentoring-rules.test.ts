import { describe, expect, it } from 'vitest'
import { attendanceOpen, isOverdue, parseTags, sessionReminderDue } from '#app/modules/mentoring/mentoring-rules.ts'

// The pure rules of mentoring (issue 14): reminder window, attendance, overdue in the
// province's zone, expertise tags.

describe('mentoring rules', () => {
  const now = new Date('2026-12-06T20:00:00Z') // 03:00 on 7 December in Pontianak (UTC+7), 05:00 in Jayapura (UTC+9)

  it('reminds within the day before a session, never after it started', () => {
    expect(sessionReminderDue(new Date('2026-12-07T19:59:00Z'), now)).toBe(true)
    expect(sessionReminderDue(new Date('2026-12-07T20:00:00Z'), now)).toBe(true)
    expect(sessionReminderDue(new Date('2026-12-07T20:01:00Z'), now)).toBe(false)
    expect(sessionReminderDue(new Date('2026-12-06T20:00:00Z'), now)).toBe(false)
  })

  it('takes attendance from the start of a session on', () => {
    expect(attendanceOpen(new Date('2026-12-06T20:00:00Z'), now)).toBe(true)
    expect(attendanceOpen(new Date('2026-12-06T20:00:01Z'), now)).toBe(false)
  })

  it('counts an open item overdue once its due day has passed in the province, whatever UTC says', () => {
    // UTC is still 6 December; in Pontianak it is already the 7th, so the 6th has passed.
    expect(isOverdue({ state: 'open', due_on: '2026-12-06' }, now, 'Asia/Pontianak')).toBe(true)
    expect(isOverdue({ state: 'open', due_on: '2026-12-07' }, now, 'Asia/Pontianak')).toBe(false)
    expect(isOverdue({ state: 'open', due_on: '2026-12-06' }, now, 'UTC')).toBe(false)
    expect(isOverdue({ state: 'done', due_on: '2026-12-01' }, now, 'Asia/Jayapura')).toBe(false)
    expect(isOverdue({ state: 'dropped', due_on: '2026-12-01' }, now, 'Asia/Jayapura')).toBe(false)
  })

  it('reads expertise tags from one field, trimmed, without empties or repeats', () => {
    expect(parseTags(' model bisnis, pemasaran,,model bisnis ,  ')).toEqual(['model bisnis', 'pemasaran'])
    expect(parseTags('')).toEqual([])
  })
})
