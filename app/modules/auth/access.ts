import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the team and invitation pages, shared by loaders, actions and
// the UI so each asks the same question.

/** May see a province's team (its members and pending invitations). */
export const canSeeTeam = (ability: AppAbility, p: { id: string }) =>
  ability.can('read', subject('Membership', { province_id: p.id }))

/** May invite reviewers into a province (its Bappeda admins). */
export const canInviteReviewers = (ability: AppAbility, p: { id: string }) =>
  ability.can('invite', subject('Invitation', { province_id: p.id, role: 'reviewer' }))

/** May invite a province's Bappeda admin (ministry); without a province: into some province. */
export const canInviteProvinceAdmins = (ability: AppAbility, p?: { id: string }) =>
  ability.can(
    'invite',
    subject('Invitation', p ? { role: 'province_admin', province_id: p.id } : { role: 'province_admin' }),
  )
