import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { invalid, refusal } from '#app/modules/errors/errors.ts'
import type { DB } from '#db/client.ts'
import {
  assignSchema,
  editionEditSchema,
  milestoneRemoveSchema,
  milestoneSchema,
  phaseAddSchema,
  phaseRemoveSchema,
  unassignSchema,
} from './programme.schema.ts'
import {
  addPhase,
  assignProvince,
  type ProgrammeActor,
  removeMilestone,
  removePhase,
  setMilestone,
  unassignProvince,
  updateEdition,
} from './programme.server.ts'

// The intents of the edition page (routes/national.editions.$edition.tsx), one function
// each: the form is parsed here with conform at the boundary, the workflow receives
// parsed values, and a refusal becomes the page's reply for the form it came from.

/** What the page shows after an intent: on which form, the conform result, a done or refused key. */
export type EditionOutcome = { form: string; result?: SubmissionResult<string[]>; done?: string; refused?: string }
/** The outcome, its status, and whether the public portal shows something that changed. */
export type EditionReply = { outcome: EditionOutcome; status: number; changed: boolean }

type Intent = (db: DB, actor: ProgrammeActor, slug: string, formData: FormData) => Promise<EditionReply>

const done = (form: string, key: string, result?: SubmissionResult<string[]>): EditionReply => ({
  outcome: { form, done: key, result },
  status: 200,
  changed: true,
})

/** A row button (remove, assign, unassign): a refusal is shown above the rows (409). */
async function rowAction(work: () => Promise<void>, form: string, key: string): Promise<EditionReply> {
  try {
    await work()
  } catch (error) {
    return { outcome: { form, refused: refusal(error).key }, status: 409, changed: false }
  }
  return done(form, key)
}

const saveEdition: Intent = async (db, actor, slug, formData) => {
  const submission = parseWithZod(formData, { schema: editionEditSchema })
  if (submission.status !== 'success')
    return { outcome: { form: 'edition', result: submission.reply() }, status: 400, changed: false }
  try {
    await updateEdition(db, actor, slug, submission.value)
  } catch (error) {
    const result = submission.reply(refusal(error).replyOptions())
    return { outcome: { form: 'edition', result }, status: 400, changed: false }
  }
  return done('edition', 'national:editions.saved', submission.reply({ resetForm: false }))
}

const saveMilestone: Intent = async (db, actor, slug, formData) => {
  const form = `milestone-${String(formData.get('phase'))}`
  const submission = parseWithZod(formData, { schema: milestoneSchema })
  if (submission.status !== 'success')
    return { outcome: { form, result: submission.reply() }, status: 400, changed: false }
  try {
    await setMilestone(db, actor, slug, submission.value)
  } catch (error) {
    return { outcome: { form, result: submission.reply(refusal(error).replyOptions()) }, status: 400, changed: false }
  }
  return done(form, 'national:milestones.saved', submission.reply({ resetForm: true }))
}

const addPhaseIntent: Intent = async (db, actor, slug, formData) => {
  const submission = parseWithZod(formData, { schema: phaseAddSchema })
  if (submission.status !== 'success')
    return { outcome: { form: 'addPhase', result: submission.reply() }, status: 400, changed: false }
  try {
    await addPhase(db, actor, slug, submission.value.number)
  } catch (error) {
    const result = submission.reply(refusal(error).replyOptions())
    return { outcome: { form: 'addPhase', result }, status: 400, changed: false }
  }
  return done('addPhase', 'national:phases.added', submission.reply({ resetForm: true }))
}

const removePhaseIntent: Intent = async (db, actor, slug, formData) => {
  const submission = parseWithZod(formData, { schema: phaseRemoveSchema })
  if (submission.status !== 'success') throw invalid('errors.genericBody')
  const { phase } = submission.value
  return rowAction(() => removePhase(db, actor, slug, phase), 'phases', 'national:phases.removed')
}

const assign: Intent = async (db, actor, slug, formData) => {
  const form = `assign-${String(formData.get('phase'))}`
  const submission = parseWithZod(formData, { schema: assignSchema })
  if (submission.status !== 'success')
    return { outcome: { form, refused: 'national:errors.choose' }, status: 400, changed: false }
  const { phase, province } = submission.value
  return rowAction(() => assignProvince(db, actor, slug, phase, province), form, 'national:phases.assigned')
}

const unassign: Intent = async (db, actor, slug, formData) => {
  const submission = parseWithZod(formData, { schema: unassignSchema })
  if (submission.status !== 'success') throw invalid('errors.genericBody')
  const { province } = submission.value
  return rowAction(() => unassignProvince(db, actor, slug, province), 'phases', 'national:phases.unassigned')
}

const removeMilestoneIntent: Intent = async (db, actor, slug, formData) => {
  const submission = parseWithZod(formData, { schema: milestoneRemoveSchema })
  if (submission.status !== 'success') throw invalid('errors.genericBody')
  const { milestone } = submission.value
  return rowAction(() => removeMilestone(db, actor, slug, milestone), 'phases', 'national:milestones.removed')
}

const INTENTS: Record<string, Intent> = {
  edition: saveEdition,
  milestone: saveMilestone,
  addPhase: addPhaseIntent,
  removePhase: removePhaseIntent,
  assign,
  unassign,
  removeMilestone: removeMilestoneIntent,
}

/** Runs the form's intent; an unknown one is a bad request. */
export function runEditionIntent(db: DB, actor: ProgrammeActor, slug: string, formData: FormData) {
  const name = String(formData.get('intent'))
  if (!Object.hasOwn(INTENTS, name)) throw invalid('errors.genericBody')
  return INTENTS[name]!(db, actor, slug, formData)
}
