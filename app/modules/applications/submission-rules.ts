import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { SECTIONS, type SectionKey, type SectionValues, sectionState } from './application-sections.ts'

// Submission rules (issue 6) with no I/O: the deadline, completeness, the receipt
// number's shape, withdrawal and the status timeline. The workflow in
// submission.server.ts applies them inside one locked transaction.

export const WITHDRAW_REASON_MAX = 1000

/** A call's window as published. */
export interface SubmissionWindow {
  opens_at: Date
  closes_at: Date
}

/**
 * Whether `now` falls in the call's window, in exact instants: the closing instant
 * itself still counts (the last minute before closing is accepted), one millisecond
 * later does not. The client's clock plays no part.
 */
export function acceptsSubmissionAt(window: SubmissionWindow, now: Date): boolean {
  const t = now.getTime()
  return window.opens_at.getTime() <= t && t <= window.closes_at.getTime()
}

/** The sections that are not yet complete, in form order (empty: ready to submit). */
export function incompleteSections(values: SectionValues): SectionKey[] {
  return SECTIONS.filter((s) => sectionState(s, values) !== 'complete').map((s) => s.key)
}

/**
 * "WNR-2023-KALBAR-0042": the year the application was submitted (on the province's
 * calendar: 31 December 23:30 WIT is still that year there), the province slug and the
 * sequence. An edition runs across two years; its receipts say when they were issued.
 */
export function formatReceiptNumber(
  submittedAt: Date,
  timeZone: string,
  provinceSlug: string,
  sequence: number,
): string {
  const year = instantToLocal(submittedAt, timeZone).slice(0, 4)
  return `WNR-${year}-${provinceSlug.toUpperCase()}-${String(sequence).padStart(4, '0')}`
}

/** Why an application cannot be submitted now (null: it can). */
export type SubmitBlock = 'submitted' | 'withdrawn' | 'callClosed' | 'incomplete' | 'noNotice' | null

/** The first reason, in the order the applicant can act on them, that blocks submission. */
export function submitBlock(input: {
  status: string
  callOpen: boolean
  incomplete: readonly string[]
  noticeVersion: number | null
}): SubmitBlock {
  if (input.status === 'withdrawn') return 'withdrawn'
  if (input.status !== 'draft') return 'submitted'
  if (!input.callOpen) return 'callClosed'
  if (input.incomplete.length > 0) return 'incomplete'
  if (input.noticeVersion === null) return 'noNotice'
  return null
}

/** Withdrawal is open while screening has not decided, i.e. while the status is still "submitted". */
export function canWithdraw(status: string): boolean {
  return status === 'submitted'
}

/** The steps an application goes through after submission; later issues add the statuses. */
export const TIMELINE_STEPS = ['submitted', 'screening', 'review', 'shortlisted', 'finalist', 'decision'] as const
export type TimelineStep = (typeof TIMELINE_STEPS)[number]

export interface TimelineEvent {
  status: string
  at: Date
  note: string | null
}

export type TimelineEntry =
  | { kind: 'done'; status: string; at: Date; note: string | null }
  | { kind: 'future'; status: TimelineStep }

/**
 * The status page's timeline: what happened (events, oldest first), then the steps
 * still ahead. A withdrawn (or draft) application has no steps ahead.
 */
export function buildTimeline(status: string, events: readonly TimelineEvent[]): TimelineEntry[] {
  const done: TimelineEntry[] = [...events]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((e) => ({ kind: 'done', status: e.status, at: e.at, note: e.note }))
  if (status === 'withdrawn' || status === 'draft') return done
  const reached = new Set(events.map((e) => e.status))
  const lastReached = TIMELINE_STEPS.reduce((last, step, i) => (reached.has(step) ? i : last), -1)
  const ahead = TIMELINE_STEPS.slice(lastReached + 1).map((s): TimelineEntry => ({ kind: 'future', status: s }))
  return [...done, ...ahead]
}
