import { parseWithZod } from '@conform-to/zod'
import type { AppLoadContext } from '@remix-run/node'
import { requestMeta, type Viewer } from '#app/modules/auth/viewer.server.ts'
import { invalid, refusal } from '#app/modules/errors/errors.ts'
import type { UploadedForm } from '#app/modules/storage/upload.server.ts'
import type { ProvinceRef } from '#app/modules/tenancy/province.queries.server.ts'
import type { DB } from '#db/client.ts'
import {
  createMouSchema,
  deliverableDoneSchema,
  deliverableSchema,
  editMouSchema,
  joinSchema,
  reportSchema,
  reviewReportSchema,
  signSchema,
  terminateSchema,
  transitionSchema,
} from './mou.schema.ts'
import {
  addDeliverable,
  createMou,
  editMou,
  joinMou,
  type MouActor,
  markDeliverableDone,
  moveMou,
  reviewReport,
  signMou,
  submitReport,
  terminateMou,
} from './mou.server.ts'

// The intents of the MoU pages (routes/p.$province.manage.mous._index.tsx, …mous.$mou.tsx,
// …apply.$application.mous.tsx), one function each: parsed here with conform, the
// workflow gets parsed values, the answer is a redirect (Post/Redirect/Get) or the
// page again with its form's localised errors.

export interface MouPageContext {
  db: DB
  actor: MouActor
  slug: string
  origin: string
}

/** The context of a MoU page's intent, from the request and its guard. */
export function mouPageContext(request: Request, context: AppLoadContext, viewer: Viewer, province: ProvinceRef) {
  const meta = requestMeta(request, context)
  return {
    db: context.db,
    actor: {
      provinceId: province.id,
      userId: viewer.user.id,
      ip: meta.ip,
      now: meta.now,
      timeZone: province.time_zone,
    },
    slug: province.slug,
    origin: meta.origin,
  } satisfies MouPageContext
}

/** What an intent answers: a redirect after a change, or the page again with its form's errors and typed values. */
export interface MouReply {
  form: string
  errors?: Record<string, string[] | null>
  refused?: string
  values?: Record<string, string>
}
export type PageOutcome = { redirect: string } | { reply: MouReply; status: number }

/** The typed text fields of a form, given back so nothing typed is lost (files cannot be). */
const typed = (fields: FormData) =>
  Object.fromEntries([...fields.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'))

const badInput = (form: string, errors: Record<string, string[] | null> | null | undefined, fields?: FormData) => ({
  reply: { form, errors: errors ?? {}, values: fields ? typed(fields) : undefined },
  status: 400,
})

/** Runs a change and redirects to `done`; a refusal comes back on its field (400) or above the form. */
async function attempt(
  form: string,
  change: () => Promise<unknown>,
  done: string,
  fields?: FormData,
): Promise<PageOutcome> {
  try {
    await change()
  } catch (error) {
    const no = refusal(error)
    const values = fields ? typed(fields) : undefined
    if (no.field) return { reply: { form, errors: { [no.field]: [no.key] }, values }, status: 400 }
    return { reply: { form, refused: no.key, values }, status: no.status }
  }
  return { redirect: done }
}

const list = (c: MouPageContext) => `/p/${c.slug}/manage/mous`

/** The list page's one form: a new MoU (a draft), then its page. */
export async function runCreateMou(c: MouPageContext, formData: FormData): Promise<PageOutcome> {
  const submission = parseWithZod(formData, { schema: createMouSchema })
  if (submission.status !== 'success') return badInput('create', submission.error, formData)
  const { intent: _, ...input } = submission.value
  let id = ''
  const outcome = await attempt(
    'create',
    async () => {
      id = await createMou(c.db, c.actor, input)
    },
    '',
    formData,
  )
  return 'redirect' in outcome ? { redirect: `${list(c)}/${id}?done=created` } : outcome
}

type Intent = (c: MouPageContext, mouId: string, upload: UploadedForm) => Promise<PageOutcome>
const here = (c: MouPageContext, mouId: string, done: string) => `${list(c)}/${mouId}?done=${done}`

const transition: Intent = async (c, mouId, { fields }) => {
  const submission = parseWithZod(fields, { schema: transitionSchema })
  if (submission.status !== 'success') throw invalid('errors.badRequestBody')
  const to = submission.value.to
  return attempt('transition', () => moveMou(c.db, c.actor, mouId, to), here(c, mouId, to))
}

const sign: Intent = async (c, mouId, { fields, files, tooLarge }) => {
  const submission = parseWithZod(fields, { schema: signSchema })
  const document = files.get('document')
  const fileProblem = tooLarge ? 'mou:errors.documentTooLarge' : document ? null : 'mou:errors.documentRequired'
  if (submission.status !== 'success' || fileProblem || !document) {
    const errors = { ...(submission.status === 'success' ? {} : submission.error) }
    if (fileProblem) errors.document = [fileProblem]
    return badInput('sign', errors, fields)
  }
  const { intent: _, ...input } = submission.value
  return attempt('sign', () => signMou(c.db, c.actor, mouId, input, document), here(c, mouId, 'sign'), fields)
}

const terminate: Intent = async (c, mouId, { fields }) => {
  const submission = parseWithZod(fields, { schema: terminateSchema })
  if (submission.status !== 'success') return badInput('terminate', submission.error, fields)
  return attempt(
    'terminate',
    () => terminateMou(c.db, c.actor, mouId, submission.value.reason),
    here(c, mouId, 'terminate'),
  )
}

const deliverable: Intent = async (c, mouId, { fields }) => {
  const submission = parseWithZod(fields, { schema: deliverableSchema })
  if (submission.status !== 'success') return badInput('deliverable', submission.error, fields)
  const { intent: _, ...input } = submission.value
  return attempt('deliverable', () => addDeliverable(c.db, c.actor, mouId, input), here(c, mouId, 'deliverable'))
}

const deliverableDone: Intent = async (c, mouId, { fields }) => {
  const submission = parseWithZod(fields, { schema: deliverableDoneSchema })
  if (submission.status !== 'success') throw invalid('errors.badRequestBody')
  const item = submission.value.deliverable
  return attempt(
    `deliverableDone:${item}`,
    () => markDeliverableDone(c.db, c.actor, mouId, item),
    here(c, mouId, 'deliverableDone'),
  )
}

const review: Intent = async (c, mouId, { fields }) => {
  const form = `review:${String(fields.get('report'))}`
  const submission = parseWithZod(fields, { schema: reviewReportSchema })
  if (submission.status !== 'success') return badInput(form, submission.error, fields)
  const { intent: _, ...input } = submission.value
  return attempt(
    form,
    () => reviewReport(c.db, c.actor, mouId, input, c.origin, c.slug),
    here(c, mouId, input.decision === 'accept' ? 'accepted' : 'returned'),
  )
}

const join: Intent = async (c, mouId, { fields }) => {
  const submission = parseWithZod(fields, { schema: joinSchema })
  if (submission.status !== 'success') return badInput('join', submission.error, fields)
  const { intent: _, ...input } = submission.value
  return attempt('join', () => joinMou(c.db, c.actor, mouId, input), here(c, mouId, 'joined'), fields)
}

const editDraft: Intent = async (c, mouId, { fields }) => {
  const submission = parseWithZod(fields, { schema: editMouSchema })
  if (submission.status !== 'success') return badInput('edit', submission.error, fields)
  const { intent: _, ...input } = submission.value
  return attempt('edit', () => editMou(c.db, c.actor, mouId, input), here(c, mouId, 'edited'), fields)
}

const INTENTS: Record<string, Intent> = {
  edit: editDraft,
  transition,
  sign,
  terminate,
  deliverable,
  deliverableDone,
  review,
  join,
}

/** Runs the MoU page's intent; an unknown one is bad input (400). */
export function runMouIntent(c: MouPageContext, mouId: string, upload: UploadedForm): Promise<PageOutcome> {
  const name = String(upload.fields.get('intent'))
  if (!Object.hasOwn(INTENTS, name)) throw invalid('errors.badRequestBody')
  return (INTENTS[name] as Intent)(c, mouId, upload)
}

/** The venture's one form: a quarter's report, back to its MoU page. */
export async function runOwnReport(c: MouPageContext, applicationId: string, formData: FormData): Promise<PageOutcome> {
  const form = `report:${String(formData.get('mou'))}:${String(formData.get('quarter'))}`
  const submission = parseWithZod(formData, { schema: reportSchema })
  if (submission.status !== 'success') return badInput(form, submission.error, formData)
  const { intent: _, ...input } = submission.value
  return attempt(
    form,
    () => submitReport(c.db, c.actor, applicationId, input, c.origin, c.slug),
    `/p/${c.slug}/apply/${applicationId}/mous?done=report`,
    formData,
  )
}
