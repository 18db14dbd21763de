import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility, subject } from '@casl/ability'

// Pure (no I/O): the same ability renders the UI and guards loaders/actions (docs/ARCHITECTURE.md#authorization).

export const ROLES = ['ministry', 'erat', 'province_admin', 'reviewer', 'applicant', 'mentor'] as const
export type Role = 'ministry' | 'erat' | 'province_admin' | 'reviewer' | 'applicant' | 'mentor'

/** Roles that span every tenant; their memberships carry no province. */
export const NATIONAL_ROLES: readonly Role[] = ['ministry', 'erat']

export interface Membership {
  role: Role
  provinceId: string | null
  opdId?: string | null
}

export interface Actor {
  userId: string
  memberships: Membership[]
}

export const ACTIONS = [
  'manage',
  'read',
  'create',
  'update',
  'delete',
  'submit',
  'withdraw',
  'score',
  'decide',
  'invite',
] as const
export type Action = (typeof ACTIONS)[number]

export const SUBJECT_TYPES = [
  'Edition',
  'NationalIssue',
  'Province',
  'Opd',
  'ProvinceIssue',
  'Call',
  'Application',
  'Assignment',
  'Review',
  'Selection',
  'Membership',
  'Invitation',
  'AuditLog',
  'Mentoring',
  'Event',
  'Mou',
  'Innovation',
  'Replication',
  'Impact',
  'CoCreation',
  'Account',
  'all',
] as const
export type SubjectType = (typeof SUBJECT_TYPES)[number]

type RecordType = Exclude<SubjectType, 'all'>
/**
 * A database row tagged with `subject(type, row)`; condition fields are its snake_case
 * columns. One union member per type so CASL types each rule's conditions; `any` (not
 * `unknown`) values because CASL's ForcedSubject is an interface, which TypeScript only
 * lets into an index signature of `any`.
 */
export type TaggedRecord = { [T in RecordType]: ForcedSubject<T> & Record<string, any> }[RecordType]

export type AppAbility = MongoAbility<[Action, SubjectType | TaggedRecord]>
type Builder = AbilityBuilder<AppAbility>

export { subject }

/** What one membership adds to the actor's ability. */
type RoleRules = (builder: Builder, membership: Membership, userId: string) => void

/**
 * Province-scoped rules only apply with a province: a condition `{ province_id: null }`
 * would otherwise match rows that have no province at all.
 */
function inProvince(grant: (builder: Builder, provinceId: string, userId: string) => void): RoleRules {
  return (builder, membership, userId) => {
    if (membership.provinceId) grant(builder, membership.provinceId, userId)
  }
}

const ROLE_RULES: Record<Role, RoleRules> = {
  ministry: ({ can }) => {
    can('manage', ['Edition', 'NationalIssue', 'Province'])
    can('read', 'all')
    can('decide', 'Application')
    // The ministry confirms or returns a province's finalists and may publish them (issue 7).
    can('decide', 'Selection')
    can('read', 'AuditLog')
    // Ministry creates the Bappeda admins of any province; Bappeda invites its own reviewers.
    can('invite', 'Invitation', { role: 'province_admin' })
    can('manage', 'Membership')
    // Issue 15: the ministry records its own units' replications and recommends innovations for replication.
    can('create', 'Replication', { level: 'ministry' })
    can('decide', 'Replication')
  },
  erat: ({ can, cannot }) => {
    can('read', 'all')
    // Mentoring is read-only for ERAT as such: an ERAT coordinator changes a cohort only
    // when named on it, through the mentor membership that the naming gives (issue 14).
    can('manage', 'Event')
    // MoUs are the province's and its agencies' (Bappeda acts for the agency); ERAT
    // reads them like the ministry does (docs/decisions/013).
    // ERAT organises co-creation events with the provinces (issue 15, docs/decisions/012).
    can('manage', 'CoCreation')
    // ERAT facilitates but never touches scores.
    cannot(['score', 'update'], 'Review')
  },
  province_admin: inProvince(({ can }, p) => {
    can('manage', ['Opd', 'ProvinceIssue', 'Call'], { province_id: p })
    can(['read', 'update'], 'Application', { province_id: p })
    can('manage', 'Assignment', { province_id: p })
    can('manage', 'Selection', { province_id: p })
    can('read', ['Review', 'Membership', 'Invitation', 'AuditLog'], { province_id: p })
    can('invite', 'Invitation', { province_id: p, role: 'reviewer' })
    can(['read', 'update'], 'Province', { id: p })
    // Bappeda runs its province's mentoring; signing off a milestone (`decide`) is a mentor's.
    can(['read', 'create', 'update', 'delete', 'invite'], 'Mentoring', { province_id: p })
    // Bappeda keeps its province's MoUs for the agencies party to them (docs/decisions/013).
    can('manage', 'Mou', { province_id: p })
    // Bappeda records its finalists' innovations for JIPPNas and retries their sync (issue 15).
    can(['read', 'create', 'update'], 'Innovation', { province_id: p })
    // Issue 15: replications its province (or a kabupaten/kota of it) records; confirming the impact measured.
    can(['read', 'create', 'update'], 'Replication', { province_id: p, level: { $in: ['province', 'regency'] } })
    can(['read', 'decide'], 'Impact', { province_id: p })
    // Bappeda records its province's co-creation events (issue 15).
    can('manage', 'CoCreation', { province_id: p })
  }),
  reviewer: inProvince(({ can }, p, userId) => {
    can('read', 'Assignment', { province_id: p, reviewer_id: userId })
    // Only applications assigned to them: the row is the application joined with the
    // reviewer's review_assignments row, which carries reviewer_id (issue 7).
    can('read', 'Application', { province_id: p, reviewer_id: userId })
    can(['read', 'score'], 'Review', { province_id: p, reviewer_id: userId })
    can('read', 'Opd', { province_id: p })
  }),
  applicant: inProvince(({ can }, p, userId) => {
    can('create', 'Application', { province_id: p })
    can(['read', 'update', 'submit', 'withdraw'], 'Application', { province_id: p, applicant_id: userId })
    // Issue 15: a finalist venture measures its own innovation's indicators.
    can(['read', 'create'], 'Impact', { province_id: p, applicant_id: userId })
  }),
  // A mentor works only on the cohorts that name them (the row is the cohort tagged with
  // the ids of its mentors and coordinators, issue 14): sessions, attendance, notes,
  // action items, plans, and the sign-off of milestones (`decide`). An ERAT regional
  // coordinator named on the cohort also leads it: invites mentors, refreshes finalists.
  mentor: inProvince(({ can }, p, userId) => {
    can(['read', 'update', 'decide'], 'Mentoring', { province_id: p, mentor_ids: userId })
    can('manage', 'Mentoring', { province_id: p, coordinator_ids: userId })
  }),
}

/** Builds the ability of an actor (or of a signed-out visitor) from its memberships. */
export function defineAbilityFor(actor: Actor | null): AppAbility {
  const builder: Builder = new AbilityBuilder<AppAbility>(createMongoAbility)
  const { can } = builder
  // The public portal: everyone, signed in or not.
  can('read', ['Edition', 'NationalIssue', 'Call'])
  can('read', 'Province', { active: true })
  can('read', 'ProvinceIssue', { status: 'published' })
  can('read', 'Innovation', { is_public: true })

  if (actor) {
    can(['read', 'update'], 'Account', { id: actor.userId })
    for (const membership of actor.memberships) {
      // A role unknown to this code (newer data, older deploy) grants nothing rather than crashing.
      if (Object.hasOwn(ROLE_RULES, membership.role)) ROLE_RULES[membership.role](builder, membership, actor.userId)
    }
  }

  // CASL lets a later rule override an earlier one, so with several memberships the
  // outcome would depend on their order (erat + reviewer: may they score?). Moving every
  // `cannot` last makes a restriction win whatever the order ("deny overrides"), and also
  // keeps to-sql.ts's rulesToAST translation exact (it ANDs all inverted rules).
  const rules = [...builder.rules.filter((r) => !r.inverted), ...builder.rules.filter((r) => r.inverted)]
  return createMongoAbility<AppAbility>(rules)
}

/**
 * The roles the actor holds in one province, or its national roles for `null`, without
 * duplicates; read like defineAbilityFor does (national roles ignore any province).
 */
export function rolesIn(actor: Actor | null, provinceId: string | null): Role[] {
  if (!actor) return []
  const roles = actor.memberships
    .filter((m) => (isNational(m.role) ? provinceId === null : m.provinceId !== null && m.provinceId === provinceId))
    .map((m) => m.role)
  return [...new Set(roles)]
}

function isNational(role: Role): boolean {
  return NATIONAL_ROLES.includes(role)
}

/** Whether the actor holds a national role (ministry or ERAT), which spans all provinces. */
export function hasNationalRole(actor: { memberships: readonly { role: Role }[] } | null): boolean {
  return actor?.memberships.some((m) => isNational(m.role)) ?? false
}
