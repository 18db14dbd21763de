import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// Who reads the inclusion figures (issue 16): whoever reads a province's applications
// as a whole — its Bappeda, the ministry and ERAT — never a reviewer or an applicant.
// Only aggregates are ever shown, suppressed (inclusion-rules.ts).

/** May read the province's inclusion figures (its Bappeda admins, ministry, ERAT). */
export const canReadProvinceInclusion = (ability: AppAbility, p: { id: string }) =>
  ability.can('read', subject('Application', { province_id: p.id }))

/** May read the national inclusion figures (with requireNationalAccess: ministry and ERAT). */
export const canReadNationalInclusion = (ability: AppAbility) => ability.can('read', 'Application')
