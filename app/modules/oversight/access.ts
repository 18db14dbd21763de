import type { AppAbility } from '#app/modules/permissions/abilities.ts'

// Who reads the national oversight pages (issue 16): whoever may read every province —
// ministry and ERAT, behind requireNationalAccess. Read-only for both: nothing on these
// pages changes data.

/** May open the dashboard, its exports and the programme report. */
export function canReadOversight(ability: AppAbility): boolean {
  return ability.can('read', 'Province')
}
