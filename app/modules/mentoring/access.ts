import type { Viewer } from '#app/modules/auth/viewer.server.ts'
import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the mentoring pages (issue 14), in one place so loaders, actions and
// the UI ask the same question (docs/ARCHITECTURE.md#authorization). A cohort is checked
// as the row tagged with the ids of its mentors and of its ERAT coordinators: Bappeda
// runs its province's cohorts; a mentor sees and works on only the cohorts that name
// them; ministry and ERAT read every cohort and change none, unless an ERAT coordinator
// is named on the cohort (then their mentor membership lets them lead it).

type P = { id: string }

/** The ids a cohort's checks need. */
export interface CohortKey {
  province_id: string
  mentor_ids: readonly string[]
  coordinator_ids: readonly string[]
}

const cohort = (c: CohortKey) =>
  subject('Mentoring', {
    province_id: c.province_id,
    mentor_ids: [...c.mentor_ids],
    coordinator_ids: [...c.coordinator_ids],
  })

/**
 * May open the province's mentoring pages at all: asks whether the viewer could read a
 * cohort of this province that names them (Bappeda, national roles, the province's mentors).
 */
export const canOpenMentoring = (ability: AppAbility, p: P, viewer: Pick<Viewer, 'user'>) =>
  ability.can('read', cohort({ province_id: p.id, mentor_ids: [viewer.user.id], coordinator_ids: [viewer.user.id] }))

/** May start the province's cohort of an edition from its finalists (Bappeda). */
export const canBuildCohort = (ability: AppAbility, p: P) =>
  ability.can('create', cohort({ province_id: p.id, mentor_ids: [], coordinator_ids: [] }))

/** May see the cohort: its finalists, mentors, sessions, notes, action items and plans. */
export const canReadCohort = (ability: AppAbility, c: CohortKey) => ability.can('read', cohort(c))

/** May schedule sessions, take attendance, write notes and action items, add milestones and evidence. */
export const canWorkOnCohort = (ability: AppAbility, c: CohortKey) => ability.can('update', cohort(c))

/** May invite mentors and bring the finalists up to date (Bappeda, the cohort's named ERAT coordinators). */
export const canLeadCohort = (ability: AppAbility, c: CohortKey) => ability.can('invite', cohort(c))

/** May sign a milestone off (the cohort's mentors, never Bappeda alone). */
export const canSignOff = (ability: AppAbility, c: CohortKey) => ability.can('decide', cohort(c))

/** May read every province's mentoring (ministry and ERAT), for the national overview. */
export const canReadAllMentoring = (ability: AppAbility) => ability.can('read', 'Mentoring')

/**
 * May open an evidence file: whoever may open mentoring pages, or an applicant of the
 * province (the file's plan must then be their own finalist application).
 */
export const canOpenEvidence = (ability: AppAbility, p: P, viewer: Pick<Viewer, 'user'>) =>
  canOpenMentoring(ability, p, viewer) ||
  ability.can('read', subject('Application', { province_id: p.id, applicant_id: viewer.user.id }))
