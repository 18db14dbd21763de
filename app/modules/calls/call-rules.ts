import { localToInstant } from './zoned-time.ts'

// Pure rules for a province's calls (issue: calls for applications). Instants are
// compared, never wall-clock strings, so a rule holds whatever the province's zone.

export interface Window {
  opensAt: Date
  closesAt: Date
}

/** Why a call's dates are refused; each is a `calls:errors.*` translation key's last part. */
export type WindowProblem = 'order' | 'outsideEdition' | 'overlap'

/** Why an extension is refused. */
export type ExtensionProblem = 'alreadyClosed' | 'notLater' | 'outsideEdition' | 'overlap' | 'notPublished'

/**
 * The instants an edition covers in the province's zone: from its first day 00:00
 * to its last day 23:59:59 (edition dates are calendar days, calls are instants).
 */
export function editionBounds(startsOn: string, endsOn: string, timeZone: string): Window {
  return {
    opensAt: localToInstant(`${startsOn}T00:00:00`, timeZone),
    closesAt: localToInstant(`${endsOn}T23:59:59`, timeZone),
  }
}

/** Whether two windows share any instant; both ends count, as the closing minute is still open. */
export function overlaps(a: Window, b: Window): boolean {
  return a.opensAt.getTime() <= b.closesAt.getTime() && b.opensAt.getTime() <= a.closesAt.getTime()
}

/** Whether the window lies inside the edition's period. */
export function insideEdition(window: Window, edition: Window): boolean {
  return (
    window.opensAt.getTime() >= edition.opensAt.getTime() && window.closesAt.getTime() <= edition.closesAt.getTime()
  )
}

/**
 * The first rule a call's dates break, or null: closing after opening, inside the
 * edition, no overlap with the province's other calls of that edition (`others`
 * must not include the call itself).
 */
export function windowProblem(window: Window, edition: Window, others: readonly Window[]): WindowProblem | null {
  if (window.closesAt.getTime() <= window.opensAt.getTime()) return 'order'
  if (!insideEdition(window, edition)) return 'outsideEdition'
  if (others.some((o) => overlaps(window, o))) return 'overlap'
  return null
}

/**
 * Whether a published call may close later at `newClosesAt`: only before it has
 * closed (the closing minute still counts), only later than now planned, still
 * inside the edition and clear of the province's other calls.
 */
export function extensionProblem(
  call: Window & { published: boolean },
  newClosesAt: Date,
  now: Date,
  edition: Window,
  others: readonly Window[],
): ExtensionProblem | null {
  if (!call.published) return 'notPublished'
  if (now.getTime() > call.closesAt.getTime()) return 'alreadyClosed'
  if (newClosesAt.getTime() <= call.closesAt.getTime()) return 'notLater'
  const extended = { opensAt: call.opensAt, closesAt: newClosesAt }
  if (!insideEdition(extended, edition)) return 'outsideEdition'
  if (others.some((o) => overlaps(extended, o))) return 'overlap'
  return null
}

/** Whether the call's dates may still be edited: drafts always, published calls until they open. */
export function datesEditable(call: Window & { published: boolean }, now: Date): boolean {
  return !call.published || now.getTime() < call.opensAt.getTime()
}

/** What a province needs before its call may open (issue: the opening checklist). */
export interface ChecklistFacts {
  publishedIssues: number
  activeOpds: number
  reviewers: number
  calls: number
}

export const CHECKLIST_ITEMS = ['publishedIssue', 'opd', 'reviewer', 'callDates'] as const
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number]

/** The checklist items still missing, in display order; empty when the call may open. */
export function missingItems(facts: ChecklistFacts): ChecklistItem[] {
  const done: Record<ChecklistItem, boolean> = {
    publishedIssue: facts.publishedIssues > 0,
    opd: facts.activeOpds > 0,
    reviewer: facts.reviewers > 0,
    callDates: facts.calls > 0,
  }
  return CHECKLIST_ITEMS.filter((item) => !done[item])
}

/** Where one call stands for its managers: still a draft, or published and upcoming, open or closed. */
export type CallPhase = 'draft' | 'upcoming' | 'open' | 'closed'

/** The phase of one call at `now` (the closing minute itself is still open). */
export function callPhase(call: Window & { published: boolean }, now: Date): CallPhase {
  if (!call.published) return 'draft'
  if (now.getTime() < call.opensAt.getTime()) return 'upcoming'
  if (now.getTime() <= call.closesAt.getTime()) return 'open'
  return 'closed'
}
