import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the JIPPNas pages (issue 15), asked alike by loaders, actions and
// the UI (docs/ARCHITECTURE.md#authorization): Bappeda records and edits its province's
// innovations and retries their sync; ministry and ERAT read every province's; a public
// record is anyone's to read.

type P = { id: string }

/** May open the province's innovation records and their exports. */
export const canReadInnovations = (ability: AppAbility, p: P) =>
  ability.can('read', subject('Innovation', { province_id: p.id, is_public: false }))

/** May make a record from a finalist, edit it and press "retry now". */
export const canManageInnovations = (ability: AppAbility, p: P) =>
  ability.can('update', subject('Innovation', { province_id: p.id }))

/**
 * May read every province's records (ministry and ERAT) and export them all: asks about a
 * non-public record of no particular province, which only a read-everything rule allows.
 */
export const canReadAllInnovations = (ability: AppAbility) =>
  ability.can('read', subject('Innovation', { province_id: '', is_public: false }))

/** May read this record on the public page. */
export const canReadInnovation = (ability: AppAbility, record: { province_id: string; is_public: boolean }) =>
  ability.can('read', subject('Innovation', { ...record }))
