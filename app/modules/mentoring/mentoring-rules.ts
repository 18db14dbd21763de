import { instantToLocal } from '#app/modules/calls/zoned-time.ts'

// Pure rules of mentoring (issue 14): the default plan, when a session may take
// attendance, when a reminder is due and when an action item is overdue. No I/O.

/** The milestones every finalist's plan starts with (mentoring:milestones.<key>). */
export const DEFAULT_MILESTONES = ['businessModel', 'pilotPlan', 'pitchDeck'] as const
export type DefaultMilestone = (typeof DEFAULT_MILESTONES)[number]

export const MENTOR_KINDS = ['expert', 'opd_staff', 'erat_coordinator'] as const
export const ACTION_STATES = ['open', 'done', 'dropped'] as const
export const NOTE_AUDIENCES = ['finalists', 'internal'] as const
export const SESSION_MODES = ['online', 'offline'] as const
export const EXPERTISE_MAX = 10

/** The day-before reminder goes out once a session starts within this lead. */
export const SESSION_REMINDER_LEAD_MS = 24 * 60 * 60 * 1000

/** Attendance is taken once the session has started, never for a future one. */
export const attendanceOpen = (startsAt: Date, now: Date) => startsAt.getTime() <= now.getTime()

/** Whether the day-before reminder of a session is due at `now` (it has not started, it starts within a day). */
export function sessionReminderDue(startsAt: Date, now: Date): boolean {
  const left = startsAt.getTime() - now.getTime()
  return left > 0 && left <= SESSION_REMINDER_LEAD_MS
}

/** The province-local calendar day of an instant (YYYY-MM-DD). */
export const localDay = (instant: Date, timeZone: string) => instantToLocal(instant, timeZone).slice(0, 10)

/** An open action item is overdue once its due day has passed in the province's zone. */
export function isOverdue(item: { state: string; due_on: string }, now: Date, timeZone: string): boolean {
  return item.state === 'open' && item.due_on < localDay(now, timeZone)
}

/** Expertise tags from one comma-separated field: trimmed, without empties or repeats. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>()
  for (const raw of text.split(',')) {
    const tag = raw.trim()
    if (tag) seen.add(tag)
  }
  return [...seen]
}
