import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL check of the incoming-applications pages, shared by the list, the detail
// and the export: the province's Bappeda admins, ministry and ERAT may read.

/** May read the province's applications (as a whole, not only their own). */
export const canReadApplications = (ability: AppAbility, p: { id: string }) =>
  ability.can('read', subject('Application', { province_id: p.id }))
