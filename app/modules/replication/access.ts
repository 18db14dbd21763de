import { type AppAbility, subject } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the replication pages (issue 15), in one place so loaders, actions
// and the UI ask the same question (docs/ARCHITECTURE.md#authorization). Bappeda records
// and updates the replications of its province and its kabupaten/kota; the ministry
// records its own units' replications and recommends innovations; ministry and ERAT
// read everything.

type P = { id: string }

const provinceReplication = (p: P) => subject('Replication', { province_id: p.id, level: 'province' })

/** May open the province's replication page (Bappeda, national roles). */
export const canOpenReplications = (ability: AppAbility, p: P) => ability.can('read', provinceReplication(p))

/** May record a replication by the province or one of its kabupaten/kota (Bappeda). */
export const canRecordReplication = (ability: AppAbility, p: P) => ability.can('create', provinceReplication(p))

/** May change a replication's status: only the recording side (Bappeda of the recording province; the ministry for its units). */
export const canUpdateReplication = (ability: AppAbility, r: { province_id: string; level: string }) =>
  r.level === 'ministry'
    ? ability.can('create', subject('Replication', { level: 'ministry' }))
    : ability.can('update', subject('Replication', r))

/** May read the national replication view (ministry, ERAT). */
export const canReadAllReplications = (ability: AppAbility) => ability.can('read', 'Replication')

/** May record a replication by a ministry unit (ministry). */
export const canRecordMinistryReplication = (ability: AppAbility) =>
  ability.can('create', subject('Replication', { level: 'ministry' }))

/** May mark an innovation recommended for replication (ministry). */
export const canRecommend = (ability: AppAbility) => ability.can('decide', 'Replication')
