import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { invalid, notFound, refusal } from '#app/modules/errors/errors.ts'
import type { DB } from '#db/client.ts'
import {
  indicatorSchema,
  issueEditSchema,
  issueStatusSchema,
  removeIndicatorSchema,
  validateIssueSchema,
} from './catalogue.schema.ts'
import {
  addIndicator,
  deleteIssue,
  removeIndicator,
  setIssuePublished,
  updateIssue,
  validateIssue,
} from './issues.server.ts'
import type { CatalogueActor } from './opds.server.ts'

// The intents of a province's issue page (routes/p.$province.manage.issues.$issue.tsx), one
// function each: the form is parsed here with conform at the boundary, the workflow receives
// parsed values, and a refusal becomes the page's reply for the form it came from.

export type IssuePageForm = 'issue' | 'indicator' | 'validate' | 'status'
/** What the page shows after an intent: on which form, the conform result, a done or refused key. */
export type IssueOutcome = { form: IssuePageForm; result?: SubmissionResult<string[]>; done?: string; refused?: string }
/**
 * The outcome, its status, and whether the public portal shows something that changed;
 * or, once the issue is deleted, that the page is gone (the route sends the list).
 */
export type IssueReply = { outcome: IssueOutcome; status: number; changed: boolean } | { deleted: true }

type Intent = (db: DB, actor: CatalogueActor, issueId: string, formData: FormData) => Promise<IssueReply>

const reply = (outcome: IssueOutcome, status = 200, changed = false): IssueReply => ({ outcome, status, changed })

/** A refusal on a field goes back into the form (400) when it has one; otherwise it is shown above (409). */
function refused(
  form: IssuePageForm,
  error: unknown,
  result?: (field: string, key: string) => SubmissionResult<string[]>,
): IssueReply {
  const no = refusal(error)
  if (no.field && result) return reply({ form, result: result(no.field, no.key) }, 400)
  return reply({ form, refused: no.key }, 409)
}

const save: Intent = async (db, actor, issueId, formData) => {
  const submission = parseWithZod(formData, { schema: issueEditSchema })
  if (submission.status !== 'success') return reply({ form: 'issue', result: submission.reply() }, 400)
  let changed: boolean
  try {
    changed = await updateIssue(db, actor, issueId, submission.value)
  } catch (error) {
    return refused('issue', error, (field, key) => submission.reply({ fieldErrors: { [field]: [key] } }))
  }
  return reply({ form: 'issue', result: submission.reply(), done: 'catalogue:issues.saved' }, 200, changed)
}

const addIndicatorIntent: Intent = async (db, actor, issueId, formData) => {
  const submission = parseWithZod(formData, { schema: indicatorSchema })
  if (submission.status !== 'success') return reply({ form: 'indicator', result: submission.reply() }, 400)
  const changed = await addIndicator(db, actor, issueId, submission.value)
  const result = submission.reply({ resetForm: true })
  return reply({ form: 'indicator', result, done: 'catalogue:indicators.added' }, 200, changed)
}

const removeIndicatorIntent: Intent = async (db, actor, issueId, formData) => {
  const submission = parseWithZod(formData, { schema: removeIndicatorSchema })
  if (submission.status !== 'success') throw notFound()
  const changed = await removeIndicator(db, actor, issueId, submission.value.indicator)
  return reply({ form: 'indicator', done: 'catalogue:indicators.removed' }, 200, changed)
}

const validate: Intent = async (db, actor, issueId, formData) => {
  const submission = parseWithZod(formData, { schema: validateIssueSchema })
  if (submission.status !== 'success') return reply({ form: 'validate', result: submission.reply() }, 400)
  try {
    await validateIssue(db, actor, issueId, submission.value.fgd)
  } catch (error) {
    return refused('validate', error, (field, key) => submission.reply({ fieldErrors: { [field]: [key] } }))
  }
  return reply({ form: 'status', done: 'catalogue:issues.done.validate' })
}

/** Publish, unpublish or delete; anything else is a bad request. */
const setStatus: Intent = async (db, actor, issueId, formData) => {
  const submission = parseWithZod(formData, { schema: issueStatusSchema })
  if (submission.status !== 'success') throw invalid('errors.genericBody')
  const { intent } = submission.value
  let changed: boolean
  try {
    if (intent === 'delete') {
      await deleteIssue(db, actor, issueId)
      return { deleted: true }
    }
    changed = await setIssuePublished(db, actor, issueId, intent === 'publish')
  } catch (error) {
    return refused('status', error)
  }
  return reply({ form: 'status', done: `catalogue:issues.done.${intent}` }, 200, changed)
}

const INTENTS: Record<string, Intent> = {
  save,
  addIndicator: addIndicatorIntent,
  removeIndicator: removeIndicatorIntent,
  validate,
}

/** Runs the form's intent; the status buttons (publish, unpublish, delete) are the rest. */
export function runIssueIntent(db: DB, actor: CatalogueActor, issueId: string, formData: FormData) {
  const name = String(formData.get('intent'))
  return (Object.hasOwn(INTENTS, name) ? INTENTS[name]! : setStatus)(db, actor, issueId, formData)
}
