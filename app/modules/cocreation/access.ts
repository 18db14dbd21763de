import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the co-creation and kabupaten/kota pages, in one place so loaders,
// actions and the UI ask the same question (docs/ARCHITECTURE.md#authorization;
// docs/decisions/012).

type P = { id: string }

/** May see the province's co-creation events (its Bappeda admins, ministry, ERAT). */
export const canReadCoCreation = (ability: AppAbility, p: P) =>
  ability.can('read', subject('CoCreation', { province_id: p.id }))
/** May record and edit them: the province's Bappeda admins and ERAT, which organises events with them. */
export const canManageCoCreation = (ability: AppAbility, p: P) =>
  ability.can('update', subject('CoCreation', { province_id: p.id }))
/** May see the kabupaten/kota list: whoever sees the agency directory it belongs to. */
export const canReadRegencies = (ability: AppAbility, p: P) =>
  ability.can('read', subject('Opd', { province_id: p.id }))
/** May add kabupaten/kota: whoever may update the province (its Bappeda admins, the ministry that onboards it). */
export const canManageRegencies = (ability: AppAbility, p: P) =>
  ability.can('update', subject('Province', { id: p.id }))
