import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// Who may use the privacy pages (docs/decisions/010). The privacy officer is not a role
// in memberships: it is a national staff flag (privacy_officers) on a ministry account,
// set by the ministry. These predicates take the flag as read by privacy.server.ts.

/** The ministry appoints and removes privacy officers among its own accounts. */
export const canAppointPrivacyOfficers = (ability: AppAbility) => ability.can('manage', 'Membership')

/** The queue, incidents and retention reports: a ministry account flagged as privacy officer. */
export const canHandlePrivacy = (ability: AppAbility, isOfficer: boolean) =>
  isOfficer && canAppointPrivacyOfficers(ability)

/** Self-service (download, consents, requests): any signed-in user, on their own account only. */
export const canUseOwnData = (ability: AppAbility, userId: string) =>
  ability.can('read', subjectAccount(userId)) && ability.can('update', subjectAccount(userId))

function subjectAccount(id: string) {
  return subject('Account', { id })
}
