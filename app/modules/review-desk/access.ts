import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL check of every reviewer page (issue 7): only the province's reviewers may
// score there. Bappeda, the ministry and ERAT (whose `cannot score Review` wins) get 403.

/** May score reviews of their own in the province: the gate of the reviewer's workspace. */
export const canReview = (ability: AppAbility, p: { id: string }, viewer: { user: { id: string } }) =>
  ability.can('score', subject('Review', { province_id: p.id, reviewer_id: viewer.user.id }))
