import type { CallStatus } from '#app/modules/calls/call-status.ts'
import type { SelectionStatus } from '#db/schema.ts'

// Where a province stands in the programme, from its call, its counts and its selection: pure.

export type ProvinceStage =
  | 'preparing'
  | 'upcoming'
  | 'open'
  | 'screening'
  | 'review'
  | 'selection'
  | 'awaiting'
  | 'published'
  | 'closed'

/**
 * The furthest step reached. `selection` is the state of the call's finalist selection, if
 * any: sent to the ministry reads "awaiting", published reads "published"; finalists marked
 * but not yet sent (or sent back, or confirmed and not yet announced) read "selection".
 */
export function provinceStage(
  call: CallStatus['kind'],
  counts: { submitted: number; eligible: number; scored: number; finalists: number },
  selection: SelectionStatus | null = null,
): ProvinceStage {
  if (selection === 'published') return 'published'
  if (selection === 'awaiting_confirmation') return 'awaiting'
  if (counts.finalists > 0) return 'selection'
  if (counts.scored > 0 || counts.eligible > 0) return 'review'
  if (call === 'open') return 'open'
  if (call === 'upcoming') return 'upcoming'
  if (call === 'closed') return counts.submitted > 0 ? 'screening' : 'closed'
  return 'preparing'
}
