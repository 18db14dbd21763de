import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL check of the applicant pages, shared by loaders and actions (docs/ARCHITECTURE.md#authorization).
// Which application is the viewer's own is decided by the queries (applicant_id).

/** May draft applications in the province (the province's applicants). */
export const canApply = (ability: AppAbility, p: { id: string }) =>
  ability.can('create', subject('Application', { province_id: p.id }))
