import type { MilestoneKind } from '#db/schema.ts'

// Pure rules of the programme configuration (no I/O), unit-tested alone.

/** The programme timeline of a phase, in the order it runs (issue: programme timeline). */
export const MILESTONE_KINDS = [
  'fgd_validation',
  'registration_open',
  'registration_close',
  'screening',
  'review',
  'finalist_announcement',
  'mentoring',
  'final_night',
] as const satisfies readonly MilestoneKind[]

/** The zones the database accepts: Indonesia's three, with WIB's Pontianak spelled out. */
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'] as const

/** Icon names a national issue may use (drawn by the portal from its own icon set). */
export const ISSUE_ICONS = [
  'circle',
  'coins',
  'heart-pulse',
  'droplets',
  'graduation-cap',
  'baby',
  'shield-heart',
  'recycle',
  'leaf',
  'home',
  'users',
  'briefcase',
] as const

export interface DatedMilestone {
  id?: string
  kind: MilestoneKind
  starts_on: string
  ends_on: string | null
}

export type MilestoneProblem =
  | { field: 'starts_on' | 'ends_on'; key: 'national:errors.outsideEdition' }
  | { field: 'starts_on'; key: 'national:errors.milestoneBeforeEarlier' | 'national:errors.milestoneAfterLater' }

/**
 * Why a milestone cannot take these dates, or null: it must lie within the edition,
 * and the phase's milestones start in programme order (registration opens after the
 * FGD validation, closes before screening, … Final Night last). Same-day is allowed.
 * `others` are the phase's other milestones; one of the same kind is being replaced.
 */
export function milestoneProblem(
  candidate: DatedMilestone,
  others: readonly DatedMilestone[],
  edition: { starts_on: string; ends_on: string },
): MilestoneProblem | null {
  if (candidate.starts_on < edition.starts_on || candidate.starts_on > edition.ends_on) {
    return { field: 'starts_on', key: 'national:errors.outsideEdition' }
  }
  if (candidate.ends_on && candidate.ends_on > edition.ends_on) {
    return { field: 'ends_on', key: 'national:errors.outsideEdition' }
  }
  const rank = MILESTONE_KINDS.indexOf(candidate.kind)
  for (const other of others) {
    if (other.kind === candidate.kind || (candidate.id && other.id === candidate.id)) continue
    const otherRank = MILESTONE_KINDS.indexOf(other.kind)
    if (otherRank < rank && other.starts_on > candidate.starts_on) {
      return { field: 'starts_on', key: 'national:errors.milestoneBeforeEarlier' }
    }
    if (otherRank > rank && other.starts_on < candidate.starts_on) {
      return { field: 'starts_on', key: 'national:errors.milestoneAfterLater' }
    }
  }
  return null
}

/** Milestones in programme order (then by date), as the timeline shows them. */
export function sortMilestones<T extends DatedMilestone>(milestones: readonly T[]): T[] {
  return [...milestones].sort(
    (a, b) =>
      MILESTONE_KINDS.indexOf(a.kind) - MILESTONE_KINDS.indexOf(b.kind) || a.starts_on.localeCompare(b.starts_on),
  )
}

/** The phase number a new phase gets by default: after the last one. */
export function nextPhaseNumber(existing: readonly number[]): number {
  return existing.reduce((max, n) => Math.max(max, n), 0) + 1
}

/**
 * Why a national issue cannot be deleted, or null: once a province has chosen it
 * (any edition), it is part of the record and can only be retired.
 */
export function issueDeletionRefusal(timesUsed: number): 'national:issues.inUse' | null {
  return timesUsed > 0 ? 'national:issues.inUse' : null
}

/** PostgreSQL refused a duplicate (23505), optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as { code?: unknown; constraint_name?: unknown }
  return e.code === '23505' && (constraint === undefined || e.constraint_name === constraint)
}

/** PostgreSQL refused because other rows still point at this one (23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503'
}
