import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the ranking and selection pages (issue 7). The province's Bappeda
// admins, ministry and ERAT read; only Bappeda changes the ranking method and the
// selection; the ministry decides; ERAT reads and changes nothing.

/** May read the province's reviews, rankings and selection. */
export const canReadRanking = (ability: AppAbility, p: { id: string }) =>
  ability.can('read', subject('Review', { province_id: p.id }))

/** May choose the ranking method and edit, submit and publish the selection (Bappeda). */
export const canManageSelection = (ability: AppAbility, p: { id: string }) =>
  ability.can('manage', subject('Selection', { province_id: p.id }))

/** May confirm or return a province's selection and publish it once confirmed (the ministry). */
export const canDecideSelection = (ability: AppAbility, p: { id: string }) =>
  ability.can('decide', subject('Selection', { province_id: p.id }))

/** May read every province's selection (ministry and ERAT). */
export const canReadSelections = (ability: AppAbility) => ability.can('read', 'Selection')
