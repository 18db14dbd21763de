import type { PrivacyRequestKind } from '#db/schema.ts'

// Pure rules of the privacy module (UU No. 27/2022): the 3 × 24 h clock of requests and
// breach notices, when officers are reminded, and what erasure may do alone.

/** National pages and mails show instants in WIB, as the audit page does. */
export const OFFICE_ZONE = 'Asia/Jakarta'

/** A request is answered, and a breach notified, within 3 × 24 hours (UU 27/2022 art. 32–46). */
export const LEGAL_DEADLINE_MS = 3 * 24 * 60 * 60 * 1000
/** Officers are reminded once when an open request has this little time left. */
export const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000

export const REQUEST_KINDS: readonly PrivacyRequestKind[] = ['erasure', 'objection', 'member_data']

export function dueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + LEGAL_DEADLINE_MS)
}

/** True when an open request's reminder is due at `now` (inside the lead, not yet reminded). */
export function reminderDue(request: { due_at: Date; reminded_at: Date | null; status: string }, now: Date): boolean {
  return (
    request.status === 'open' &&
    request.reminded_at === null &&
    request.due_at.getTime() - now.getTime() <= REMINDER_LEAD_MS
  )
}

/** Hours left (negative once overdue), rounded down. */
export function hoursLeft(due: Date, now: Date): number {
  return Math.floor((due.getTime() - now.getTime()) / (60 * 60 * 1000))
}

/**
 * Whether a user may erase their account alone: only when nothing they submitted must be
 * kept. Any application past the draft stage is part of a call's record (its review, its
 * selection, the programme's accountability period): the officer decides, and erasure
 * then pseudonymises it instead of deleting it.
 */
export function selfErasable(applications: readonly { status: string }[]): boolean {
  return applications.every((a) => a.status === 'draft')
}

/** The pseudonym that replaces a person's name where a record must stay. */
export const ERASED_NAME = '[erased]'

/** An address no one receives, unique per account (users.email is unique). */
export function erasedEmail(userId: string): string {
  return `erased-${userId}@erased.invalid`
}

/** Distinct values of at least three characters: what erasure searches for and replaces. */
export function erasableValues(values: readonly (string | null | undefined)[]): string[] {
  const seen = new Set<string>()
  for (const v of values) {
    const s = v?.trim()
    if (s && s.length >= 3 && s !== ERASED_NAME) seen.add(s)
  }
  return [...seen]
}

/** The template of the mail confirming an erasure: its address is cleared once delivered (retention.server.ts). */
export const ERASURE_CONFIRMATION = 'privacyErasureDone'
