import type { AppAbility } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the national configuration pages, in one place so loaders,
// actions and the UI ask the same question (docs/ARCHITECTURE.md#authorization). requireNationalAccess adds
// "holds a national role": ministry and ERAT read, only the ministry changes.

/** May look at editions, issues and provinces (ministry, ERAT). */
export const canReadProgramme = (ability: AppAbility) => ability.can('read', 'Edition')
/** May change editions, phases and milestones (ministry). */
export const canManageEditions = (ability: AppAbility) => ability.can('manage', 'Edition')
/** May change the national issues (ministry). */
export const canManageIssues = (ability: AppAbility) => ability.can('manage', 'NationalIssue')
/** May onboard, change, deactivate provinces (ministry). */
export const canManageProvinces = (ability: AppAbility) => ability.can('manage', 'Province')
