import { parseWithZod } from '@conform-to/zod'
import type { AppLoadContext } from '@remix-run/node'
import { requestMeta, type Viewer } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { firstErrors } from '#app/modules/validation/form-errors.ts'
import type { InnovationFormReply } from '#app/ui/innovation-form.tsx'
import type { DB } from '#db/client.ts'
import { innovationSchema, retrySchema } from './jippnas.schema.ts'
import { createInnovation, type JippnasActor, retryNow, updateInnovation } from './jippnas.server.ts'

// The intents of the record pages (routes/p.$province.manage.innovations.new.$application.tsx
// and routes/p.$province.manage.innovations.$innovation.tsx): the form is parsed here with
// conform, the workflow receives parsed values, the answer is a redirect or a 400/409 reply.

export type PageOutcome = { redirect: string } | { reply: PageReply; status: 400 | 409 }
export type PageReply = { form: InnovationFormReply } | { refused: string }

export interface PageContext {
  db: DB
  actor: JippnasActor
  slug: string
  now: Date
  configured: boolean
  kick: () => void
}

export function pageContext(
  request: Request,
  context: AppLoadContext,
  viewer: Viewer,
  province: { id: string; slug: string },
): PageContext {
  const meta = requestMeta(request, context)
  return {
    db: context.db,
    actor: { provinceId: province.id, userId: viewer.user.id, ip: meta.ip },
    slug: province.slug,
    now: meta.now,
    configured: context.jippnas?.configured ?? false,
    kick: () => context.jippnas?.kick(),
  }
}

const typed = (formData: FormData): InnovationFormReply['values'] => {
  const values: Record<string, string> = {}
  for (const name of [
    'title',
    'summary',
    'province_issue',
    'regency',
    'opd',
    'venture_name',
    'started_on',
    'status',
    'stop_reason',
    'is_public',
  ]) {
    const value = formData.get(name)
    if (typeof value === 'string') values[name] = value
  }
  return values
}

const recordPath = (c: PageContext, id: string) => `/p/${c.slug}/manage/innovations/${id}`

async function save(
  c: PageContext,
  formData: FormData,
  write: (input: typeof innovationSchema._output) => Promise<string>,
) {
  const submission = parseWithZod(formData, { schema: innovationSchema })
  if (submission.status !== 'success') {
    return { reply: { form: { errors: firstErrors(submission.error), values: typed(formData) } }, status: 400 as const }
  }
  try {
    const path = await write(submission.value)
    c.kick()
    return { redirect: path }
  } catch (error) {
    const no = refusal(error)
    const errors = no.field ? { [no.field]: no.key } : { '': no.key }
    return { reply: { form: { errors, values: typed(formData) } }, status: no.field ? (400 as const) : (409 as const) }
  }
}

/** Makes the record of a finalist. */
export function runCreate(c: PageContext, applicationId: string, formData: FormData): Promise<PageOutcome> {
  return save(c, formData, async (input) => {
    const id = await createInnovation(c.db, c.actor, applicationId, input, c.now)
    return `${recordPath(c, id)}?done=created`
  })
}

/** The record page: save the form, or "retry now". */
export async function runRecordIntent(c: PageContext, id: string, formData: FormData): Promise<PageOutcome> {
  if (formData.get('intent') === 'retry') {
    const submission = parseWithZod(formData, { schema: retrySchema })
    if (submission.status !== 'success') return { reply: { refused: 'jippnas:errors.nothingToRetry' }, status: 400 }
    try {
      await retryNow(c.db, c.actor, id, c.configured, c.now)
    } catch (error) {
      return { reply: { refused: refusal(error).key }, status: 409 }
    }
    c.kick()
    return { redirect: `${recordPath(c, id)}?done=retried` }
  }
  return save(c, formData, async (input) => {
    const changed = await updateInnovation(c.db, c.actor, id, input, c.now)
    return `${recordPath(c, id)}?done=${changed ? 'saved' : 'unchanged'}`
  })
}
