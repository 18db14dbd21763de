import { type AppAbility, hasNationalRole, type Role, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the call pages, in one place so loaders, actions and the UI ask
// the same question (docs/ARCHITECTURE.md#authorization).

type P = { id: string }
type V = { memberships: readonly { role: Role }[] }

/** May create, change, publish and extend the province's calls (its Bappeda admins). */
export const canManageCalls = (ability: AppAbility, p: P) =>
  ability.can('manage', subject('Call', { province_id: p.id }))

/**
 * May see the province's calls, drafts included, and its opening checklist: its
 * admins, and the national roles (ministry, ERAT) who read everything. The public
 * rule lets everyone read *published* calls without conditions, so `read Call` alone
 * would also let the province's applicants and reviewers into the manage pages.
 */
export const canReadCalls = (ability: AppAbility, p: P, viewer: V) =>
  canManageCalls(ability, p) || (hasNationalRole(viewer) && ability.can('read', subject('Call', { province_id: p.id })))
