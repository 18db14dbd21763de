import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL check of the audit pages, shared by the page and the links to it.

/** May read a province's audit log (its Bappeda admins, ministry, ERAT). */
export const canReadProvinceAudit = (ability: AppAbility, p: { id: string }) =>
  ability.can('read', subject('AuditLog', { province_id: p.id }))
