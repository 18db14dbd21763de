import { describe, expect, it } from 'vitest'
import {
  type Action,
  type Actor,
  defineAbilityFor,
  hasNationalRole,
  type Membership,
  type Role,
  rolesIn,
  type SubjectType,
  subject,
} from '#app/modules/permissions/abilities.ts'

// The role table of docs/ARCHITECTURE.md#authorization as data: who may do what to which record, in their own province (P) or another (Q).
const P = 'province-own'
const Q = 'province-other'
const ME = 'user-me'
const OTHER = 'user-other'

function actor(...memberships: Membership[]): Actor {
  return { userId: ME, memberships }
}
const member = (role: Role, provinceId: string | null = null): Membership => ({ role, provinceId })

const actors = {
  'signed out': null,
  ministry: actor(member('ministry')),
  erat: actor(member('erat')),
  'province admin': actor(member('province_admin', P)),
  reviewer: actor(member('reviewer', P)),
  applicant: actor(member('applicant', P)),
  mentor: actor(member('mentor', P)),
} satisfies Record<string, Actor | null>
type Who = keyof typeof actors

// `mine` means the actor is the record's applicant / reviewer.
const records = {
  '-': {},
  own: { province_id: P },
  other: { province_id: Q },
  'own, mine': { province_id: P, applicant_id: ME, reviewer_id: ME },
  'own, not mine': { province_id: P, applicant_id: OTHER, reviewer_id: OTHER },
  'other, mine': { province_id: Q, applicant_id: ME, reviewer_id: ME },
  'own province, inactive': { id: P, active: false },
  'other province, active': { id: Q, active: true },
  'other province, inactive': { id: Q, active: false },
  'published, other': { province_id: Q, status: 'published' },
  'draft, own': { province_id: P, status: 'draft' },
  'draft, other': { province_id: Q, status: 'draft' },
  'reviewer invite, own': { province_id: P, role: 'reviewer' },
  'reviewer invite, other': { province_id: Q, role: 'reviewer' },
  'admin invite, own': { province_id: P, role: 'province_admin' },
  'admin invite, other': { province_id: Q, role: 'province_admin' },
  // A mentoring cohort tagged with the ids of its mentors and of its ERAT coordinators.
  'cohort, named': { province_id: P, mentor_ids: [ME], coordinator_ids: [] },
  'cohort, not named': { province_id: P, mentor_ids: [OTHER], coordinator_ids: [OTHER] },
  'cohort, coordinator': { province_id: P, mentor_ids: [ME], coordinator_ids: [ME] },
  'cohort, other, named': { province_id: Q, mentor_ids: [ME], coordinator_ids: [ME] },
  'public, other': { province_id: Q, is_public: true },
  'not public, other': { province_id: Q, is_public: false },
  // Issue 15: a replication recorded by a province (or a kabupaten/kota), or by a ministry unit.
  'replication, own': { province_id: P, level: 'province' },
  'replication, own regency': { province_id: P, level: 'regency' },
  'replication, other': { province_id: Q, level: 'province' },
  'ministry unit': { province_id: Q, level: 'ministry' },
  self: { id: ME },
  'someone else': { id: OTHER },
} satisfies Record<string, Record<string, unknown>>
type RecordName = keyof typeof records

type Row = [Who, Action, Exclude<SubjectType, 'all'>, RecordName, boolean]

// biome-ignore format: a table reads best aligned
const table: Row[] = [
  // the public portal
  ['signed out',     'read',     'Edition',       '-',                        true],
  ['signed out',     'read',     'NationalIssue', '-',                        true],
  ['signed out',     'read',     'Call',          'other',                    true],
  ['signed out',     'read',     'Province',      'other province, active',   true],
  ['signed out',     'read',     'Province',      'other province, inactive', false],
  ['signed out',     'read',     'ProvinceIssue', 'published, other',         true],
  ['signed out',     'read',     'ProvinceIssue', 'draft, own',               false],
  ['signed out',     'update',   'Edition',       '-',                        false],
  ['signed out',     'create',   'Application',   'own',                      false],
  ['signed out',     'read',     'Application',   'own, mine',                false],
  ['signed out',     'read',     'Account',       'self',                     false],
  // any signed-in user: their own account only
  ['applicant',      'read',     'Account',       'self',                     true],
  ['applicant',      'update',   'Account',       'self',                     true],
  ['applicant',      'delete',   'Account',       'self',                     false],
  ['reviewer',       'read',     'Account',       'someone else',             false],
  // ministry: configures the programme, reads everything, decides, audits
  ['ministry',       'manage',   'Edition',       '-',                        true],
  ['ministry',       'create',   'NationalIssue', '-',                        true],
  ['ministry',       'update',   'Province',      'other province, inactive', true],
  ['ministry',       'read',     'Application',   'other',                    true],
  ['ministry',       'read',     'Review',        'other, mine',              true],
  ['ministry',       'read',     'AuditLog',      'other',                    true],
  ['ministry',       'read',     'Account',       'someone else',             true],
  ['ministry',       'decide',   'Application',   'other',                    true],
  ['ministry',       'update',   'Application',   'own',                      false],
  ['ministry',       'score',    'Review',        'own',                      false],
  ['ministry',       'invite',   'Invitation',    'admin invite, other',      true],
  ['ministry',       'invite',   'Invitation',    'reviewer invite, own',     false],
  ['ministry',       'delete',   'Membership',    'other',                    true],
  ['ministry',       'update',   'Mentoring',     'own',                      false],
  ['ministry',       'read',     'Mentoring',     'cohort, not named',        true],
  ['ministry',       'create',   'Application',   'own',                      false],
  ['ministry',       'read',     'CoCreation',    'other',                    true],
  ['ministry',       'update',   'CoCreation',    'own',                      false],
  // ERAT: reads everything, runs mentoring, events and MoUs, never touches scores
  ['erat',           'read',     'Application',   'other',                    true],
  ['erat',           'read',     'Review',        'other',                    true],
  ['erat',           'read',     'AuditLog',      'own',                      true],
  ['erat',           'read',     'Mentoring',     'cohort, not named',        true],
  ['erat',           'update',   'Mentoring',     'own',                      false],
  ['erat',           'invite',   'Mentoring',     'cohort, not named',        false],
  ['erat',           'create',   'Event',         '-',                        true],
  ['erat',           'update',   'Mou',           'other',                    false],
  ['erat',           'read',     'Mou',           'other',                    true],
  ['ministry',       'read',     'Mou',           'other',                    true],
  ['ministry',       'update',   'Mou',           'other',                    false],
  ['province admin', 'update',   'Mou',           'own',                      true],
  ['province admin', 'read',     'Mou',           'other',                    false],
  ['applicant',      'read',     'Mou',           'own',                      false],
  ['reviewer',       'read',     'Mou',           'own',                      false],
  ['mentor',         'update',   'Mou',           'own',                      false],
  ['erat',           'create',   'CoCreation',    'other',                    true],
  ['erat',           'update',   'CoCreation',    'own',                      true],
  ['erat',           'update',   'Province',      'other province, active',   false],
  ['erat',           'score',    'Review',        'own, mine',                false],
  ['erat',           'update',   'Review',        'own, mine',                false],
  ['erat',           'decide',   'Application',   'own',                      false],
  ['erat',           'update',   'Application',   'own',                      false],
  ['erat',           'update',   'Edition',       '-',                        false],
  ['erat',           'invite',   'Invitation',    'admin invite, own',        false],
  // province admin (Bappeda): their own province only
  ['province admin', 'create',   'Opd',           'own',                      true],
  ['province admin', 'update',   'Opd',           'other',                    false],
  ['province admin', 'update',   'ProvinceIssue', 'draft, own',               true],
  ['province admin', 'update',   'ProvinceIssue', 'draft, other',             false],
  ['province admin', 'read',     'ProvinceIssue', 'draft, other',             false],
  ['province admin', 'read',     'ProvinceIssue', 'published, other',         true],
  ['province admin', 'create',   'Call',          'own',                      true],
  ['province admin', 'delete',   'Call',          'other',                    false],
  ['province admin', 'read',     'Application',   'own, not mine',            true],
  ['province admin', 'update',   'Application',   'own',                      true],
  ['province admin', 'read',     'Application',   'other',                    false],
  ['province admin', 'update',   'Application',   'other',                    false],
  ['province admin', 'decide',   'Application',   'own',                      false],
  ['province admin', 'submit',   'Application',   'own',                      false],
  ['province admin', 'create',   'Assignment',    'own',                      true],
  ['province admin', 'delete',   'Assignment',    'own',                      true],
  ['province admin', 'create',   'Assignment',    'other',                    false],
  ['province admin', 'read',     'Review',        'own, not mine',            true],
  ['province admin', 'score',    'Review',        'own',                      false],
  ['province admin', 'read',     'Review',        'other',                    false],
  ['province admin', 'read',     'Membership',    'own',                      true],
  ['province admin', 'read',     'Membership',    'other',                    false],
  ['province admin', 'update',   'Membership',    'own',                      false],
  ['province admin', 'invite',   'Invitation',    'reviewer invite, own',     true],
  ['province admin', 'invite',   'Invitation',    'admin invite, own',        false],
  ['province admin', 'invite',   'Invitation',    'reviewer invite, other',   false],
  ['province admin', 'read',     'Invitation',    'admin invite, own',        true],
  ['province admin', 'read',     'Invitation',    'reviewer invite, other',   false],
  ['province admin', 'read',     'AuditLog',      'own',                      true],
  ['province admin', 'read',     'AuditLog',      'other',                    false],
  ['province admin', 'read',     'Province',      'own province, inactive',   true],
  ['province admin', 'update',   'Province',      'own province, inactive',   true],
  ['province admin', 'update',   'Province',      'other province, active',   false],
  ['province admin', 'update',   'Edition',       '-',                        false],
  ['province admin', 'create',   'Mentoring',     'own',                      true],
  ['province admin', 'invite',   'Mentoring',     'cohort, not named',        true],
  ['province admin', 'update',   'Mentoring',     'cohort, not named',        true],
  ['province admin', 'decide',   'Mentoring',     'cohort, not named',        false],
  ['province admin', 'read',     'Mentoring',     'other',                    false],
  ['province admin', 'update',   'CoCreation',    'own',                      true],
  ['province admin', 'read',     'CoCreation',    'other',                    false],
  ['province admin', 'update',   'CoCreation',    'other',                    false],
  // mentor: only the cohorts that name them; leads a cohort only as its named ERAT coordinator
  ['mentor',         'read',     'Mentoring',     'cohort, named',            true],
  ['mentor',         'update',   'Mentoring',     'cohort, named',            true],
  ['mentor',         'decide',   'Mentoring',     'cohort, named',            true],
  ['mentor',         'invite',   'Mentoring',     'cohort, named',            false],
  ['mentor',         'invite',   'Mentoring',     'cohort, coordinator',      true],
  ['mentor',         'read',     'Mentoring',     'cohort, not named',        false],
  ['mentor',         'update',   'Mentoring',     'cohort, not named',        false],
  ['mentor',         'read',     'Mentoring',     'cohort, other, named',     false],
  ['mentor',         'create',   'Mentoring',     'own',                      false],
  ['mentor',         'read',     'Application',   'own, mine',                false],
  ['mentor',         'read',     'Review',        'own',                      false],
  // reviewer (OPD staff): their own assignments and reviews in their province
  ['reviewer',       'read',     'Assignment',    'own, mine',                true],
  ['reviewer',       'read',     'Assignment',    'own, not mine',            false],
  ['reviewer',       'read',     'Assignment',    'other, mine',              false],
  ['reviewer',       'update',   'Assignment',    'own, mine',                false],
  ['reviewer',       'read',     'Review',        'own, mine',                true],
  ['reviewer',       'score',    'Review',        'own, mine',                true],
  ['reviewer',       'score',    'Review',        'own, not mine',            false],
  ['reviewer',       'score',    'Review',        'other, mine',              false],
  ['reviewer',       'update',   'Review',        'own, mine',                false],
  ['reviewer',       'read',     'Opd',           'own',                      true],
  ['reviewer',       'read',     'Opd',           'other',                    false],
  ['reviewer',       'update',   'Application',   'own, mine',                false],
  // issue 7: only the applications assigned to them (the row joins their assignment)
  ['reviewer',       'read',     'Application',   'own, mine',                true],
  ['reviewer',       'read',     'Application',   'own, not mine',            false],
  ['reviewer',       'read',     'Application',   'other, mine',              false],
  // applicant: their own applications
  ['applicant',      'create',   'Application',   'own',                      true],
  ['applicant',      'create',   'Application',   'other',                    false],
  ['applicant',      'read',     'Application',   'own, mine',                true],
  ['applicant',      'update',   'Application',   'own, mine',                true],
  ['applicant',      'submit',   'Application',   'own, mine',                true],
  ['applicant',      'withdraw', 'Application',   'own, mine',                true],
  ['applicant',      'delete',   'Application',   'own, mine',                false],
  ['applicant',      'decide',   'Application',   'own, mine',                false],
  ['applicant',      'read',     'Application',   'own, not mine',            false],
  ['applicant',      'withdraw', 'Application',   'own, not mine',            false],
  ['applicant',      'read',     'Application',   'other, mine',              false],
  ['applicant',      'read',     'Review',        'own, mine',                false],
  ['applicant',      'read',     'Opd',           'own',                      false],
  ['applicant',      'read',     'Mentoring',     'cohort, named',            false],
  // JIPPNas records (issue 15): Bappeda writes its own, national roles read all, anyone a public one.
  ['province admin', 'create',   'Innovation',    'own',                      true],
  ['province admin', 'update',   'Innovation',    'own',                      true],
  ['province admin', 'update',   'Innovation',    'other',                    false],
  ['province admin', 'read',     'Innovation',    'not public, other',        false],
  ['ministry',       'read',     'Innovation',    'not public, other',        true],
  ['ministry',       'update',   'Innovation',    'own',                      false],
  ['erat',           'read',     'Innovation',    'not public, other',        true],
  ['erat',           'create',   'Innovation',    'own',                      false],
  ['reviewer',       'read',     'Innovation',    'not public, other',        false],
  ['applicant',      'create',   'Innovation',    'own',                      false],
  ['signed out',     'read',     'Innovation',    'public, other',            true],
  ['signed out',     'read',     'Innovation',    'not public, other',        false],
  // issue 15: replication and impact
  ['ministry',       'create',   'Replication',   'ministry unit',            true],
  ['ministry',       'create',   'Replication',   'replication, own',         false],
  ['ministry',       'decide',   'Replication',   '-',                        true],
  ['ministry',       'read',     'Impact',        'other',                    true],
  ['ministry',       'decide',   'Impact',        'own',                      false],
  ['erat',           'read',     'Replication',   'replication, other',       true],
  ['erat',           'decide',   'Replication',   '-',                        false],
  ['erat',           'create',   'Replication',   'ministry unit',            false],
  ['province admin', 'create',   'Replication',   'replication, own',         true],
  ['province admin', 'create',   'Replication',   'replication, own regency', true],
  ['province admin', 'update',   'Replication',   'replication, own',         true],
  ['province admin', 'create',   'Replication',   'replication, other',       false],
  ['province admin', 'create',   'Replication',   'ministry unit',            false],
  ['province admin', 'decide',   'Replication',   '-',                        false],
  ['province admin', 'decide',   'Impact',        'own',                      true],
  ['province admin', 'decide',   'Impact',        'other',                    false],
  ['reviewer',       'read',     'Replication',   'replication, own',         false],
  ['reviewer',       'read',     'Impact',        'own',                      false],
  ['applicant',      'create',   'Impact',        'own, mine',                true],
  ['applicant',      'create',   'Impact',        'own, not mine',            false],
  ['applicant',      'create',   'Impact',        'other, mine',              false],
  ['applicant',      'decide',   'Impact',        'own, mine',                false],
  ['applicant',      'create',   'Replication',   'replication, own',         false],
  ['applicant',      'read',     'CoCreation',    'own',                      false],
  ['reviewer',       'read',     'CoCreation',    'own',                      false],
  ['mentor',         'update',   'CoCreation',    'own',                      false],
]

describe('permissions by role', () => {
  it.each(table)('%s: %s %s (%s) → %s', (who, action, type, record, allowed) => {
    const ability = defineAbilityFor(actors[who])
    expect(ability.can(action, subject(type, { ...records[record] }))).toBe(allowed)
  })
})

describe('several memberships', () => {
  it('accumulate: a reviewer in one province may apply in another', () => {
    const ability = defineAbilityFor(actor(member('reviewer', P), member('applicant', Q)))
    expect(ability.can('score', subject('Review', { province_id: P, reviewer_id: ME }))).toBe(true)
    expect(ability.can('submit', subject('Application', { province_id: Q, applicant_id: ME }))).toBe(true)
    expect(ability.can('submit', subject('Application', { province_id: P, applicant_id: ME }))).toBe(false)
    expect(ability.can('score', subject('Review', { province_id: Q, reviewer_id: ME }))).toBe(false)
  })

  it('a restriction wins whatever the order of the memberships (ERAT who also reviews cannot score)', () => {
    const review = { province_id: P, reviewer_id: ME }
    for (const memberships of [
      [member('erat'), member('reviewer', P)],
      [member('reviewer', P), member('erat')],
    ]) {
      const ability = defineAbilityFor(actor(...memberships))
      expect(ability.can('score', subject('Review', { ...review }))).toBe(false)
      expect(ability.can('read', subject('Review', { ...review }))).toBe(true)
    }
  })

  it('a province role without a province grants nothing, not rows without a province', () => {
    const ability = defineAbilityFor(actor({ role: 'province_admin', provinceId: null }))
    expect(ability.can('read', subject('Application', { province_id: null }))).toBe(false)
    expect(ability.can('read', subject('Account', { id: ME }))).toBe(true)
  })

  it('a national role ignores a province it should not have', () => {
    const ability = defineAbilityFor(actor(member('ministry', P)))
    expect(ability.can('read', subject('Application', { province_id: Q }))).toBe(true)
  })

  it('a role this code does not know grants nothing', () => {
    const ability = defineAbilityFor(actor({ role: 'superuser' as Role, provinceId: P }))
    expect(ability.can('read', subject('Application', { province_id: P }))).toBe(false)
  })
})

describe('role helpers', () => {
  const someone = actor(member('reviewer', P), member('applicant', P), member('applicant', Q), member('erat', P))

  it('rolesIn lists the roles held in one province, or the national ones for null', () => {
    expect(rolesIn(someone, P)).toEqual(['reviewer', 'applicant'])
    expect(rolesIn(someone, Q)).toEqual(['applicant'])
    expect(rolesIn(someone, 'nowhere')).toEqual([])
    expect(rolesIn(someone, null)).toEqual(['erat'])
    expect(rolesIn(null, P)).toEqual([])
    expect(rolesIn(actor({ role: 'reviewer', provinceId: null }), null)).toEqual([])
  })

  it('hasNationalRole is true for ministry and ERAT only', () => {
    expect(hasNationalRole(someone)).toBe(true)
    expect(hasNationalRole(actors.ministry)).toBe(true)
    expect(hasNationalRole(actors['province admin'])).toBe(false)
    expect(hasNationalRole(actor())).toBe(false)
    expect(hasNationalRole(null)).toBe(false)
  })
})
