// Retention periods (UU 27/2022 art. 43: data is kept no longer than its purpose needs).
// The one list of periods: the retention job (retention.server.ts), the privacy page and
// the README's retention table all read it. Days counted from the named moment.

export const DAY_MS = 24 * 60 * 60 * 1000

export const RETENTION = {
  /** Draft applications (never submitted), counted from the close of their call. */
  draftsOfClosedCalls: 90,
  /** Form rescues, counted from their expiry (they live one day). */
  formRescues: 0,
  /** Verification and reset links, counted from their expiry. */
  expiredTokens: 7,
  /** Unaccepted invitations (name and e-mail of the invitee), counted from their expiry. */
  expiredInvitations: 30,
  /** Sessions, counted from their absolute expiry. */
  oldSessions: 0,
  /** Sign-in failure records (their key names the account), counted from the failure. */
  signInFailures: 30,
  /** Bodies of delivered mails (the row stays: who got which mail, when), counted from delivery. */
  deliveredMailBodies: 30,
} as const

export type RetentionItem = keyof typeof RETENTION

export const RETENTION_ITEMS = Object.keys(RETENTION) as RetentionItem[]

/** The instant before which an item counted from its moment is past its period. */
export function retentionCutoff(item: RetentionItem, now: Date): Date {
  return new Date(now.getTime() - RETENTION[item] * DAY_MS)
}
