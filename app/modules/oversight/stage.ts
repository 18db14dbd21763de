import type { CallStatus } from '#app/modules/calls/call-status.ts'

// Where a province stands in the programme, from its call and its counts: pure.

export type ProvinceStage = 'preparing' | 'upcoming' | 'open' | 'screening' | 'review' | 'selection' | 'closed'

export function provinceStage(
  call: CallStatus['kind'],
  counts: { submitted: number; eligible: number; scored: number; finalists: number },
): ProvinceStage {
  if (counts.finalists > 0) return 'selection'
  if (counts.scored > 0 || counts.eligible > 0) return 'review'
  if (call === 'open') return 'open'
  if (call === 'upcoming') return 'upcoming'
  if (call === 'closed') return counts.submitted > 0 ? 'screening' : 'closed'
  return 'preparing'
}
