import type { IssueStatus } from '#db/schema.ts'

// Pure rules of the province-issue lifecycle (no I/O), unit-tested alone.
// draft → validated (needs an FGD record) → published ⇄ validated (unpublish).

export type IssueAction = 'validate' | 'publish' | 'unpublish' | 'delete' | 'edit'

/** Why an action is refused in a status; a translation key, or null when allowed. */
export function refusal(status: IssueStatus, action: IssueAction): RefusalKey | null {
  switch (action) {
    case 'validate':
      // Re-validating a validated issue relinks it to another FGD record.
      return status === 'published' ? 'catalogue:issues.refused.validatePublished' : null
    case 'publish':
      return status === 'validated' ? null : 'catalogue:issues.refused.publishNeedsValidation'
    case 'unpublish':
      return status === 'published' ? null : 'catalogue:issues.refused.notPublished'
    case 'delete':
      // Applicants may have seen it: it leaves the portal first (unpublish), then goes.
      return status === 'published' ? 'catalogue:issues.refused.deletePublished' : null
    case 'edit':
      return null
  }
}

export type RefusalKey =
  | 'catalogue:issues.refused.validatePublished'
  | 'catalogue:issues.refused.publishNeedsValidation'
  | 'catalogue:issues.refused.notPublished'
  | 'catalogue:issues.refused.deletePublished'

/** The status after an allowed action. */
export function nextStatus(status: IssueStatus, action: IssueAction): IssueStatus {
  if (action === 'validate') return 'validated'
  if (action === 'publish') return 'published'
  if (action === 'unpublish') return 'validated'
  return status
}

/** Supporting OPDs without the lead and without duplicates (the lead owns, the others support). */
export function supportingWithoutLead(lead: string, supporting: readonly string[]): string[] {
  return [...new Set(supporting)].filter((id) => id !== lead)
}

/** The priority a new issue gets: after the last one. */
export function nextPriority(existing: readonly number[]): number {
  return Math.min(99, existing.reduce((max, p) => Math.max(max, p), 0) + 1)
}

/** PostgreSQL refused because other rows still point at this one (23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503'
}

/** PostgreSQL refused a duplicate (23505), optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as { code?: unknown; constraint_name?: unknown }
  return e.code === '23505' && (constraint === undefined || e.constraint_name === constraint)
}
