import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the catalogue pages, in one place so loaders, actions and the
// UI ask the same question (docs/ARCHITECTURE.md#authorization). Reading lets ministry and ERAT look in.

type P = { id: string }

/** May see the OPD directory (Bappeda, national roles, the province's reviewers). */
export const canReadOpds = (ability: AppAbility, p: P) => ability.can('read', subject('Opd', { province_id: p.id }))
/** May change the OPD directory (the province's Bappeda admins). */
export const canManageOpds = (ability: AppAbility, p: P) => ability.can('manage', subject('Opd', { province_id: p.id }))
/** May see every issue of the province, drafts included, and its FGD records. */
export const canReadIssues = (ability: AppAbility, p: P) =>
  ability.can('read', subject('ProvinceIssue', { province_id: p.id }))
/** May change issues and FGD records (the province's Bappeda admins). */
export const canManageIssues = (ability: AppAbility, p: P) =>
  ability.can('manage', subject('ProvinceIssue', { province_id: p.id }))
