import { instantToLocal } from '#app/modules/calls/zoned-time.ts'

// The rules of a co-creation MoU (issue 15), pure: its lifecycle as a transition table,
// its default duration, its quarters, overdue deliverables and the expiry reminders.
// Calendar days are `YYYY-MM-DD` strings; "today" is always the province's own day.

export const MOU_STATUSES = ['draft', 'negotiated', 'signed', 'active', 'completed', 'expired', 'terminated'] as const
export type MouStatus = (typeof MOU_STATUSES)[number]

export const MOU_TRANSITIONS = ['negotiate', 'reopen', 'sign', 'activate', 'complete', 'expire', 'terminate'] as const
export type MouTransition = (typeof MOU_TRANSITIONS)[number]

/** The whole lifecycle: each transition, from which states, to which state. */
export const TRANSITION_TABLE: Record<MouTransition, { from: readonly MouStatus[]; to: MouStatus }> = {
  negotiate: { from: ['draft'], to: 'negotiated' },
  // Back to drafting when the negotiation changes the text.
  reopen: { from: ['negotiated'], to: 'draft' },
  sign: { from: ['negotiated'], to: 'signed' },
  activate: { from: ['signed'], to: 'active' },
  complete: { from: ['active'], to: 'completed' },
  expire: { from: ['signed', 'active'], to: 'expired' },
  terminate: { from: ['draft', 'negotiated', 'signed', 'active'], to: 'terminated' },
}

export const FINAL_STATUSES: readonly MouStatus[] = ['completed', 'expired', 'terminated']
/** A MoU in force: reports, deliverables, reminders and joining agencies apply. */
export const IN_FORCE: readonly MouStatus[] = ['signed', 'active']

export const REMINDER_DAYS = [60, 30, 7] as const
export const DEFAULT_DURATION_YEARS = 1

export type TransitionProblem =
  | 'mou:refused.illegal'
  | 'mou:refused.notStarted'
  | 'mou:refused.notEnded'
  | 'mou:refused.signedInFuture'
  | 'mou:refused.signedAfterEnd'

/**
 * Whether `transition` may happen to a MoU now: the table first, then the dates it
 * depends on (a MoU becomes active once its start day came, expires only after its
 * end day, is signed on a day that has come and before it ends). Null means allowed.
 */
export function transitionProblem(
  transition: MouTransition,
  mou: { status: MouStatus; starts_on: string; ends_on: string },
  today: string,
  signedOn?: string,
): TransitionProblem | null {
  if (!TRANSITION_TABLE[transition].from.includes(mou.status)) return 'mou:refused.illegal'
  if (transition === 'activate' && today < mou.starts_on) return 'mou:refused.notStarted'
  if (transition === 'expire' && today <= mou.ends_on) return 'mou:refused.notEnded'
  if (transition === 'sign' && signedOn !== undefined) {
    if (signedOn > today) return 'mou:refused.signedInFuture'
    if (signedOn > mou.ends_on) return 'mou:refused.signedAfterEnd'
  }
  return null
}

/** The transitions a MoU in `status` offers (its buttons), in lifecycle order. */
export const transitionsFrom = (status: MouStatus): MouTransition[] =>
  MOU_TRANSITIONS.filter((t) => TRANSITION_TABLE[t].from.includes(status))

const dayMs = 86_400_000
const parse = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return { y, m: m - 1, d }
}
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The day `n` days after (or before, negative) a calendar day. */
export function addDays(day: string, n: number): string {
  const { y, m, d } = parse(day)
  return iso(Date.UTC(y, m, d) + n * dayMs)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parse(from)
  const b = parse(to)
  return Math.round((Date.UTC(b.y, b.m, b.d) - Date.UTC(a.y, a.m, a.d)) / dayMs)
}

/**
 * The day `months` months after `day`, the same day of the month, clamped to the
 * month's last day (31 Jan + 1 month = 28 or 29 Feb; 29 Feb + 12 months = 28 Feb).
 */
export function addMonths(day: string, months: number): string {
  const { y, m, d } = parse(day)
  const first = new Date(Date.UTC(y, m + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return iso(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)))
}

/**
 * The last day of a MoU of `years` years starting on `startsOn`: the day before its
 * anniversary (18 Oct 2023 → 17 Oct 2024; 1 Mar 2023 → 29 Feb 2024). The anniversary of
 * 29 Feb in a common year is 1 Mar, so such a MoU ends on 28 Feb.
 */
export function defaultEndOn(startsOn: string, years = DEFAULT_DURATION_YEARS): string {
  const { y, m, d } = parse(startsOn)
  return addDays(iso(Date.UTC(y + years, m, d)), -1)
}

/** How many quarters a MoU spans (the last may be short). */
export function quarterCount(startsOn: string, endsOn: string): number {
  let n = 1
  while (addMonths(startsOn, 3 * n) <= endsOn) n += 1
  return n
}

/** The days quarter `n` (1-based) covers, cut at the MoU's end. */
export function quarterPeriod(startsOn: string, endsOn: string, n: number): { from: string; to: string } {
  const from = addMonths(startsOn, 3 * (n - 1))
  const next = addDays(addMonths(startsOn, 3 * n), -1)
  return { from, to: next < endsOn ? next : endsOn }
}

/**
 * The quarters a venture may report on `today`: every quarter that has begun, up to
 * the MoU's last. The current one may be reported early; a late one stays open.
 */
export function reportableQuarters(startsOn: string, endsOn: string, today: string): number[] {
  const total = quarterCount(startsOn, endsOn)
  const out: number[] = []
  for (let n = 1; n <= total; n += 1) if (quarterPeriod(startsOn, endsOn, n).from <= today) out.push(n)
  return out
}

/** A deliverable not done is overdue once its due day has passed in the province's zone. */
export const isDeliverableOverdue = (d: { due_on: string; done_at: Date | string | null }, today: string) =>
  d.done_at === null && d.due_on < today

/** The province-local calendar day of an instant (WIB, WITA or WIT). */
export const localDay = (instant: Date, timeZone: string) => instantToLocal(instant, timeZone).slice(0, 10)

/** The day the `daysBefore` reminder of a MoU ending on `endsOn` falls due. */
export const reminderDay = (endsOn: string, daysBefore: number) => addDays(endsOn, -daysBefore)

/**
 * The reminder due on `today` for a MoU ending on `endsOn`: the most urgent threshold
 * whose day has come (a MoU found with 20 days left gets the 30-day reminder, not the
 * 60-day one too), none before 60 days or after the end day. Whether it was already
 * sent — or a more urgent one — is the caller's record (mou_reminders).
 */
export function dueReminder(endsOn: string, today: string): (typeof REMINDER_DAYS)[number] | null {
  const left = daysBetween(today, endsOn)
  if (left < 0) return null
  let due: (typeof REMINDER_DAYS)[number] | null = null
  for (const n of REMINDER_DAYS) if (left <= n) due = n
  return due
}

/** Whether a reminder for `threshold` is still to send, given the thresholds already sent. */
export const reminderStillDue = (threshold: number, sent: readonly number[]) => !sent.some((s) => s <= threshold)
