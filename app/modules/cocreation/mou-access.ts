import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// Who may use the MoU pages (issue 15, docs/decisions/013), asked the same way by
// loaders, actions and buttons: the province's Bappeda admins keep its MoUs for the
// agencies party to them (create, move through the lifecycle, deliverables, accept or
// return reports, add a joining agency); ministry and ERAT read every province's MoUs;
// the venture (the applicant who owns the finalist application) reads its own MoUs
// and writes their quarterly reports, which the workflow checks against the owner.

type P = { id: string }

const mou = (p: P) => subject('Mou', { province_id: p.id })

/** May open the province's MoU list and any MoU of it (Bappeda, ministry, ERAT). */
export const canReadMous = (ability: AppAbility, p: P) => ability.can('read', mou(p))

/** May open every province's MoU figures (ministry, ERAT); the route also asks for a national role. */
export const canReadAllMous = (ability: AppAbility) => ability.can('read', 'Mou')

/** May create MoUs and change them (the province's Bappeda admins). */
export const canManageMous = (ability: AppAbility, p: P) => ability.can('update', mou(p))

/** May open their own MoUs from their application (an applicant of the province; the workflow checks ownership). */
export const canOpenOwnMous = (ability: AppAbility, p: P) =>
  ability.can('create', subject('Application', { province_id: p.id }))
