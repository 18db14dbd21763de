import type { SelectionStatus } from '#db/schema.ts'

// Pure rules of the selection (issue 7): what Bappeda may change in which state, what
// the ministry may decide, when results may be published, and what each application's
// published outcome is. No I/O, so the workflow's edges are testable alone.

/** Exactly this many finalists per province (WiNNER's rules: three go to the national final). */
export const FINALISTS = 3
export const JUSTIFICATION_MIN = 20
export const JUSTIFICATION_MAX = 2000
export const RETURN_NOTE_MAX = 2000

/** Application statuses that belong to the ranking: under review, or already decided. */
export const RANKED_STATUSES = ['in_review', 'shortlisted', 'finalist', 'not_selected'] as const

/** Bappeda edits the shortlist and finalists only before submitting, or after the ministry returned it. */
export const selectionIsEditable = (status: SelectionStatus) => status === 'open' || status === 'returned'

/** The ministry decides only on a submitted selection. */
export const selectionAwaitsDecision = (status: SelectionStatus) => status === 'awaiting_confirmation'

/** Results go out only after the ministry confirmed them. */
export const selectionIsPublishable = (status: SelectionStatus) => status === 'confirmed'

export type Stage = 'shortlisted' | 'finalist'

export interface EntryLike {
  stage: Stage
  justification: string
}

/** Why a selection cannot be submitted yet, or null when it can. */
export function submitProblem(entries: readonly EntryLike[]): 'finalistCount' | 'justification' | null {
  const finalists = entries.filter((e) => e.stage === 'finalist')
  if (finalists.length !== FINALISTS) return 'finalistCount'
  if (finalists.some((f) => f.justification.trim().length < JUSTIFICATION_MIN)) return 'justification'
  return null
}

export type Outcome = 'finalist' | 'shortlisted' | 'not_selected'

/** The published outcome of an application under review: its stage in the selection, else not selected. */
export function outcomeOf(stage: Stage | null | undefined): Outcome {
  return stage ?? 'not_selected'
}

/** The timeline event written with each outcome (apply:timeline.steps.*). */
export const OUTCOME_EVENT: Record<Outcome, 'finalist' | 'shortlisted' | 'decision'> = {
  finalist: 'finalist',
  shortlisted: 'shortlisted',
  not_selected: 'decision',
}
