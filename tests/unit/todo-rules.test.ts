import { describe, expect, it } from 'vitest'
import { buildTodo, type TodoFacts } from '#app/modules/workspace/todo-rules.ts'

const nothing: TodoFacts = {
  draftIssues: 0,
  validatedIssues: 0,
  missingChecklistItems: 0,
  awaitingScreening: 0,
  pendingInvitations: 0,
  scoresMissing: 0,
  reviewClosesAt: null,
  selectionAwaitsMinistry: false,
}

describe('the Bappeda to-do list', () => {
  it('is empty when nothing waits', () => {
    expect(buildTodo(nothing)).toEqual([])
  })

  it('lists only what has something to do, in the order the programme runs, with links and deadlines', () => {
    const closes = new Date('2026-12-01T14:59:00Z')
    const todo = buildTodo({
      ...nothing,
      validatedIssues: 2,
      awaitingScreening: 5,
      scoresMissing: 7,
      reviewClosesAt: closes,
      selectionAwaitsMinistry: true,
    })
    expect(todo).toEqual([
      { key: 'publishIssues', count: 2, href: 'issues', deadline: null },
      { key: 'screen', count: 5, href: 'screening', deadline: null },
      { key: 'scores', count: 7, href: 'review', deadline: closes },
      { key: 'selection', count: 1, href: 'selection', deadline: null },
    ])
  })
})
