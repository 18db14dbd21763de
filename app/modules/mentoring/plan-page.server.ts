import { parseWithZod } from '@conform-to/zod'
import { invalid } from '#app/modules/errors/errors.ts'
import type { UploadedForm } from '#app/modules/storage/upload.server.ts'
import type { PageContext } from './cohort-page.server.ts'
import { evidenceSchema, milestoneSchema, signOffSchema } from './mentoring.schema.ts'
import { attempt, badInput, type PageOutcome } from './page-reply.server.ts'
import { addEvidence, addMilestone, addOwnEvidence, signOff } from './plans.server.ts'

// The intents of a finalist's plan page (routes/p.$province.mentoring.$cohort.plans.$application.tsx),
// one function each: a milestone of its own, evidence (words, link, file), a mentor's sign-off;
// and the finalist's own evidence from their mentoring page.

type Ids = { cohortId: string; applicationId: string }
type Intent = (c: PageContext, ids: Ids, upload: UploadedForm) => Promise<PageOutcome>

const here = (c: PageContext, ids: Ids) => `/p/${c.province.slug}/mentoring/${ids.cohortId}/plans/${ids.applicationId}`

const milestone: Intent = async (c, ids, { fields }) => {
  const submission = parseWithZod(fields, { schema: milestoneSchema })
  if (submission.status !== 'success') return badInput('milestone', submission.error)
  return attempt(
    'milestone',
    () => addMilestone(c.db, c.actor, c.province, ids, submission.value.title),
    `${here(c, ids)}?done=milestone`,
  )
}

const evidence: Intent = async (c, ids, { fields, files, tooLarge }) => {
  const form = `evidence:${String(fields.get('milestone'))}`
  if (tooLarge) return badInput(form, { file: ['mentoring:errors.fileTooLarge'] })
  const submission = parseWithZod(fields, { schema: evidenceSchema })
  if (submission.status !== 'success') return badInput(form, submission.error)
  const { intent: _, ...input } = submission.value
  return attempt(
    form,
    () => addEvidence(c.db, c.actor, c.province, ids, input, files.get('file') ?? null, c.now),
    `${here(c, ids)}?done=evidence`,
  )
}

const signOffIntent: Intent = async (c, ids, { fields }) => {
  const submission = parseWithZod(fields, { schema: signOffSchema })
  if (submission.status !== 'success') return badInput('signOff', submission.error)
  const id = submission.value.milestone
  return attempt(
    `signOff:${id}`,
    () => signOff(c.db, c.actor, c.province, ids, id, c.now),
    `${here(c, ids)}?done=signedOff`,
  )
}

const INTENTS: Record<string, Intent> = { milestone, evidence, signOff: signOffIntent }

/** Runs the plan page's intent; an unknown one is bad input. */
export function runPlanIntent(c: PageContext, ids: Ids, upload: UploadedForm): Promise<PageOutcome> {
  const name = String(upload.fields.get('intent'))
  // A tampered button form: the error page says so (400).
  if (!Object.hasOwn(INTENTS, name)) throw invalid('errors.badRequestBody')
  return (INTENTS[name] as Intent)(c, ids, upload)
}

/** A finalist's evidence on their own plan (routes/p.$province.apply.$application.mentoring.tsx). */
export async function runOwnEvidence(
  c: { db: PageContext['db']; slug: string; now: Date },
  owner: { provinceId: string; userId: string; ip: string | null },
  applicationId: string,
  { fields, files, tooLarge }: UploadedForm,
): Promise<PageOutcome> {
  const form = `evidence:${String(fields.get('milestone'))}`
  if (tooLarge) return badInput(form, { file: ['mentoring:errors.fileTooLarge'] })
  const submission = parseWithZod(fields, { schema: evidenceSchema })
  if (submission.status !== 'success') return badInput(form, submission.error)
  const { intent: _, ...input } = submission.value
  return attempt(
    form,
    () => addOwnEvidence(c.db, owner, applicationId, input, files.get('file') ?? null, c.now),
    `/p/${c.slug}/apply/${applicationId}/mentoring?done=evidence`,
  )
}
