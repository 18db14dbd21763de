import { type AppAbility, hasNationalRole, type Role, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of Bappeda's review pages (issue 7), in one place so loaders, actions
// and the UI ask the same question. The province's admins act; ministry and ERAT, who
// read everything, may look without acting.

type P = { id: string }
type V = { memberships: readonly { role: Role }[] }

/** May screen the province's applications (eligible / ineligible). */
export const canScreen = (ability: AppAbility, p: P) =>
  ability.can('update', subject('Application', { province_id: p.id }))

/** May change review settings, the rubric, conflicts and assignments. */
export const canManageReview = (ability: AppAbility, p: P) =>
  ability.can('manage', subject('Assignment', { province_id: p.id }))

/**
 * May see the review pages: the admins, and the national roles. A reviewer also reads
 * Assignment (their own), so `read Assignment` alone would let them in.
 */
export const canReadReview = (ability: AppAbility, p: P, viewer: V) =>
  canManageReview(ability, p) ||
  (hasNationalRole(viewer) && ability.can('read', subject('Assignment', { province_id: p.id })))
