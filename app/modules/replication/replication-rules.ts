// The rules of replication (issue 15), pure: KemenPANRB's three forms (2024), which
// statuses follow which, and whether the form needs a word on what changed.

/** Adoption takes an innovation as it is; adaptation fits it to local conditions; modification changes its design. */
export const REPLICATION_FORMS = ['adoption', 'adaptation', 'modification'] as const
export type ReplicationForm = (typeof REPLICATION_FORMS)[number]

export const REPLICATION_STATUSES = ['planned', 'running', 'completed', 'stopped'] as const
export type ReplicationStatus = (typeof REPLICATION_STATUSES)[number]

/** Who replicates: the province itself, one of its kabupaten/kota, or a ministry unit (e.g. a Kemensos centre). */
export const REPLICATION_LEVELS = ['province', 'regency', 'ministry'] as const
export type ReplicationLevel = (typeof REPLICATION_LEVELS)[number]

/** An adaptation or a modification says what changed; an adoption may leave it empty. */
export function needsChanges(form: ReplicationForm): boolean {
  return form !== 'adoption'
}

const NEXT: Record<ReplicationStatus, readonly ReplicationStatus[]> = {
  planned: ['running', 'stopped'],
  running: ['completed', 'stopped'],
  completed: [],
  stopped: [],
}

/** The statuses a replication may move to from `status` (completed and stopped are final). */
export function nextStatuses(status: ReplicationStatus): readonly ReplicationStatus[] {
  return NEXT[status]
}

export function canMove(from: ReplicationStatus, to: ReplicationStatus): boolean {
  return NEXT[from].includes(to)
}
