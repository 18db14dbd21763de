import type { Viewer } from '#app/modules/auth/viewer.server.ts'
import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the impact pages (issue 15). An innovation's measurements are
// checked as the row tagged with its finalist's applicant: the venture enters them,
// Bappeda confirms or returns them, ministry and ERAT read.

type P = { id: string }

/** The ids an innovation's checks need: its province and the applicant of its finalist application. */
export interface ImpactKey {
  province_id: string
  applicant_id: string
}

const impact = (k: ImpactKey) => subject('Impact', { province_id: k.province_id, applicant_id: k.applicant_id })

/** May open the province's impact pages: Bappeda, national roles, or an applicant (their own innovations only). */
export const canOpenImpact = (ability: AppAbility, p: P, viewer: Pick<Viewer, 'user'>) =>
  ability.can('read', impact({ province_id: p.id, applicant_id: viewer.user.id }))

/** May read this innovation's impact. */
export const canReadImpact = (ability: AppAbility, k: ImpactKey) => ability.can('read', impact(k))

/** May enter a measurement (the venture owning the finalist application). */
export const canMeasure = (ability: AppAbility, k: ImpactKey) => ability.can('create', impact(k))

/** May confirm or return a measurement (Bappeda). */
export const canConfirmMeasurement = (ability: AppAbility, k: ImpactKey) => ability.can('decide', impact(k))

/** May read every innovation of the province, not only the viewer's own (Bappeda, national roles). */
export const canReadAllImpact = (ability: AppAbility, p: P) =>
  ability.can('read', impact({ province_id: p.id, applicant_id: '' }))
