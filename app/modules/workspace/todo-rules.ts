// What a Bappeda admin has to do now (issue 13), from counts read live: pure, no I/O.

export type TodoKey =
  | 'validateIssues'
  | 'publishIssues'
  | 'checklist'
  | 'screen'
  | 'invitations'
  | 'scores'
  | 'selection'

export interface TodoItem {
  key: TodoKey
  count: number
  /** Where it is done, relative to the province's manage area ('' is the team on the home). */
  href: string
  /** The instant it must be done by, when there is one (shown in the province's zone). */
  deadline: Date | null
}

export interface TodoFacts {
  draftIssues: number
  validatedIssues: number
  missingChecklistItems: number
  awaitingScreening: number
  pendingInvitations: number
  /** Scores still missing on assignments of the call under review (assigned − scored). */
  scoresMissing: number
  reviewClosesAt: Date | null
  /** The selection waits for the ministry's confirmation. */
  selectionAwaitsMinistry: boolean
}

/** The to-do list in the order the programme runs; only what has something to do. */
export function buildTodo(f: TodoFacts): TodoItem[] {
  const items: TodoItem[] = [
    { key: 'validateIssues', count: f.draftIssues, href: 'issues', deadline: null },
    { key: 'publishIssues', count: f.validatedIssues, href: 'issues', deadline: null },
    { key: 'checklist', count: f.missingChecklistItems, href: 'checklist', deadline: null },
    { key: 'invitations', count: f.pendingInvitations, href: '', deadline: null },
    { key: 'screen', count: f.awaitingScreening, href: 'screening', deadline: null },
    { key: 'scores', count: f.scoresMissing, href: 'review', deadline: f.reviewClosesAt },
    { key: 'selection', count: f.selectionAwaitsMinistry ? 1 : 0, href: 'selection', deadline: null },
  ]
  return items.filter((i) => i.count > 0)
}
