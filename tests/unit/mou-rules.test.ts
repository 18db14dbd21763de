import { describe, expect, it } from 'vitest'
import {
  addMonths,
  defaultEndOn,
  dueReminder,
  localDay,
  MOU_STATUSES,
  MOU_TRANSITIONS,
  type MouStatus,
  type MouTransition,
  quarterCount,
  quarterPeriod,
  reminderDay,
  reminderStillDue,
  reportableQuarters,
  transitionProblem,
  transitionsFrom,
} from '#app/modules/cocreation/mou-rules.ts'

// The MoU lifecycle as a full table (every transition × every status), and the date
// maths of durations, quarters and expiry reminders around month ends and zones.

// biome-ignore format: the expected table reads best aligned
const ALLOWED: Record<MouTransition, Partial<Record<MouStatus, MouStatus>>> = {
  negotiate: { draft: 'negotiated' },
  reopen:    { negotiated: 'draft' },
  sign:      { negotiated: 'signed' },
  activate:  { signed: 'active' },
  complete:  { active: 'completed' },
  expire:    { signed: 'expired', active: 'expired' },
  terminate: { draft: 'terminated', negotiated: 'terminated', signed: 'terminated', active: 'terminated' },
}

// A MoU whose dates never stand in the way: started, ended, signing day in range.
const dated = (status: MouStatus) => ({ status, starts_on: '2023-10-18', ends_on: '2024-10-17' })
const AFTER_END = '2024-11-01'

describe('the MoU lifecycle', () => {
  for (const transition of MOU_TRANSITIONS) {
    for (const status of MOU_STATUSES) {
      const allowed = ALLOWED[transition][status] !== undefined
      it(`${transition} from ${status} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const problem = transitionProblem(transition, dated(status), AFTER_END, '2023-10-18')
        expect(problem).toBe(allowed ? null : 'mou:refused.illegal')
      })
    }
  }

  it('offers as buttons exactly the allowed transitions; final states offer none', () => {
    for (const status of MOU_STATUSES) {
      const expected = MOU_TRANSITIONS.filter((t) => ALLOWED[t][status] !== undefined)
      expect(transitionsFrom(status)).toEqual(expected)
    }
    expect(transitionsFrom('completed')).toEqual([])
    expect(transitionsFrom('expired')).toEqual([])
    expect(transitionsFrom('terminated')).toEqual([])
  })

  it('activates only from the start day, expires only after the end day', () => {
    const mou = { status: 'signed' as const, starts_on: '2024-01-01', ends_on: '2024-12-31' }
    expect(transitionProblem('activate', mou, '2023-12-31')).toBe('mou:refused.notStarted')
    expect(transitionProblem('activate', mou, '2024-01-01')).toBeNull()
    expect(transitionProblem('expire', { ...mou, status: 'active' }, '2024-12-31')).toBe('mou:refused.notEnded')
    expect(transitionProblem('expire', { ...mou, status: 'active' }, '2025-01-01')).toBeNull()
  })

  it('signs on a day that has come and before the end', () => {
    const mou = { status: 'negotiated' as const, starts_on: '2024-01-01', ends_on: '2024-12-31' }
    expect(transitionProblem('sign', mou, '2024-03-01', '2024-03-02')).toBe('mou:refused.signedInFuture')
    expect(transitionProblem('sign', mou, '2025-03-01', '2025-01-02')).toBe('mou:refused.signedAfterEnd')
    expect(transitionProblem('sign', mou, '2024-03-01', '2023-12-15')).toBeNull()
  })
})

describe('duration and quarters', () => {
  it('lasts one year by default: the day before the anniversary', () => {
    expect(defaultEndOn('2023-10-18')).toBe('2024-10-17')
    expect(defaultEndOn('2023-03-01')).toBe('2024-02-29')
    expect(defaultEndOn('2024-02-29')).toBe('2025-02-28')
    expect(defaultEndOn('2024-01-01')).toBe('2024-12-31')
    expect(defaultEndOn('2024-03-31', 2)).toBe('2026-03-30')
  })

  it('adds months clamped to the month end', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28')
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29')
    expect(addMonths('2024-08-31', 1)).toBe('2024-09-30')
  })

  it('splits a MoU into quarters from its start, the last cut at the end', () => {
    expect(quarterCount('2023-10-18', '2024-10-17')).toBe(4)
    expect(quarterPeriod('2023-10-18', '2024-10-17', 1)).toEqual({ from: '2023-10-18', to: '2024-01-17' })
    expect(quarterPeriod('2023-10-18', '2024-10-17', 4)).toEqual({ from: '2024-07-18', to: '2024-10-17' })
    expect(quarterCount('2024-01-01', '2024-05-15')).toBe(2)
    expect(quarterPeriod('2024-01-01', '2024-05-15', 2)).toEqual({ from: '2024-04-01', to: '2024-05-15' })
    // From 30 November: the quarters start on 28/29 February, 30 May, 30 August.
    expect(quarterPeriod('2023-11-30', '2024-11-29', 2)).toEqual({ from: '2024-02-29', to: '2024-05-29' })
  })

  it('lets the venture report every quarter that has begun', () => {
    expect(reportableQuarters('2023-10-18', '2024-10-17', '2023-10-17')).toEqual([])
    expect(reportableQuarters('2023-10-18', '2024-10-17', '2023-10-18')).toEqual([1])
    expect(reportableQuarters('2023-10-18', '2024-10-17', '2024-01-18')).toEqual([1, 2])
    expect(reportableQuarters('2023-10-18', '2024-10-17', '2030-01-01')).toEqual([1, 2, 3, 4])
  })
})

describe('expiry reminders', () => {
  it('fall 60, 30 and 7 days before the end, across month ends and leap years', () => {
    expect(reminderDay('2023-03-31', 60)).toBe('2023-01-30')
    expect(reminderDay('2024-03-31', 60)).toBe('2024-01-31')
    expect(reminderDay('2024-03-31', 30)).toBe('2024-03-01')
    expect(reminderDay('2023-03-31', 30)).toBe('2023-03-01')
    expect(reminderDay('2024-03-31', 7)).toBe('2024-03-24')
    expect(reminderDay('2024-02-29', 30)).toBe('2024-01-30')
    expect(reminderDay('2024-02-29', 7)).toBe('2024-02-22')
    expect(reminderDay('2024-03-06', 7)).toBe('2024-02-28')
    expect(reminderDay('2025-03-06', 7)).toBe('2025-02-27')
  })

  it('is the most urgent threshold reached, none before 60 days or after the end', () => {
    const end = '2024-03-31'
    expect(dueReminder(end, '2024-01-30')).toBeNull()
    expect(dueReminder(end, '2024-01-31')).toBe(60)
    expect(dueReminder(end, '2024-02-29')).toBe(60)
    expect(dueReminder(end, '2024-03-01')).toBe(30)
    expect(dueReminder(end, '2024-03-23')).toBe(30)
    expect(dueReminder(end, '2024-03-24')).toBe(7)
    expect(dueReminder(end, '2024-03-31')).toBe(7)
    expect(dueReminder(end, '2024-04-01')).toBeNull()
  })

  it('is sent once: a threshold already sent, or a more urgent one, stops it', () => {
    expect(reminderStillDue(60, [])).toBe(true)
    expect(reminderStillDue(60, [60])).toBe(false)
    expect(reminderStillDue(30, [60])).toBe(true)
    expect(reminderStillDue(60, [30])).toBe(false)
    expect(reminderStillDue(7, [60, 30])).toBe(true)
    expect(reminderStillDue(7, [7])).toBe(false)
  })

  it("counts days in the province's zone: WIB, WITA and WIT differ around midnight", () => {
    // 30 January 2024, 16:30 UTC: 23:30 in Jakarta, already 31 January in Makassar and Jayapura.
    const instant = new Date('2024-01-30T16:30:00Z')
    expect(localDay(instant, 'Asia/Jakarta')).toBe('2024-01-30')
    expect(localDay(instant, 'Asia/Makassar')).toBe('2024-01-31')
    expect(localDay(instant, 'Asia/Jayapura')).toBe('2024-01-31')
    const end = '2024-03-31'
    expect(dueReminder(end, localDay(instant, 'Asia/Jakarta'))).toBeNull()
    expect(dueReminder(end, localDay(instant, 'Asia/Makassar'))).toBe(60)
    expect(dueReminder(end, localDay(instant, 'Asia/Jayapura'))).toBe(60)
    // 15:30 UTC is 00:30 in Jayapura only.
    const earlier = new Date('2024-01-30T15:30:00Z')
    expect(dueReminder(end, localDay(earlier, 'Asia/Makassar'))).toBeNull()
    expect(dueReminder(end, localDay(earlier, 'Asia/Jayapura'))).toBe(60)
  })
})
