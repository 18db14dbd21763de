import { parseWithZod } from '@conform-to/zod'
import { invariant, refusal } from '#app/modules/errors/errors.ts'
import type { ProvinceRef } from '#app/modules/tenancy/province.queries.server.ts'
import { firstError } from '#app/modules/validation/form-errors.ts'
import type { DB } from '#db/client.ts'
import { declareSchema, type ScoreEntry } from './scoring.schema.ts'
import { declare, type ReviewActor, saveScores } from './scoring.server.ts'

// The intents of the reviewer's page (routes/p.$province.review.$application._index.tsx),
// one function each: the declaration is parsed here at the boundary with parseWithZod; the
// score sheet is read by saveScores, whose fields are the call's criteria, known only inside
// its transaction (docs/ARCHITECTURE.md#errors).

/** What the page shows after an intent that did not redirect. */
export type ReviewReply = {
  refused?: string
  declareError?: string
  errors?: Record<string, string>
  entries?: ScoreEntry[]
}

/** A redirect, or the reply and its status. */
export type ReviewOutcome = { redirect: string } | { reply: ReviewReply; status: number }

/** The page an intent runs on: the application, its province, and the request's origin and clock. */
export interface ReviewPage {
  applicationId: string
  province: Pick<ProvinceRef, 'slug' | 'name'>
  origin: string
  now: Date
}

type Intent = (db: DB, actor: ReviewActor, page: ReviewPage, formData: FormData) => Promise<ReviewOutcome>

const declareIntent: Intent = async (db, actor, page, formData) => {
  const submission = parseWithZod(formData, { schema: declareSchema })
  if (submission.status !== 'success') {
    return { reply: { declareError: firstError(submission.error, 'review:declare.errors.kind') }, status: 400 }
  }
  const { slug, name } = page.province
  const notice = { origin: page.origin, slug, provinceName: name }
  const outcome = await declare(db, actor, page.applicationId, submission.value, page.now, notice)
  return { redirect: outcome === 'conflict' ? `/p/${slug}/review?done=conflict` : pagePath(page) }
}

/** Save and save-and-next: the form's `intent` tells saveScores which one. */
const saveIntent: Intent = async (db, actor, page, formData) => {
  const result = await saveScores(db, actor, page.applicationId, formData.entries(), page.now)
  if (result.kind === 'invalid') return { reply: { errors: result.errors, entries: result.entries }, status: 400 }
  const { slug } = page.province
  // Say what happened: an empty or unchanged sheet saved nothing, and the page says so.
  const said = result.changed > 0 ? '?saved=1' : '?saved=0'
  if (result.wantsNext) {
    return { redirect: result.next ? `/p/${slug}/review/${result.next}${said}` : `/p/${slug}/review?done=finished` }
  }
  return { redirect: `${pagePath(page)}${said}` }
}

const INTENTS: Record<string, Intent> = { declare: declareIntent, save: saveIntent, save_next: saveIntent }

const pagePath = (page: ReviewPage) => `/p/${page.province.slug}/review/${page.applicationId}`

/**
 * Runs the form's intent. The form echoes the page's application id: a different one is
 * an edited form (404, like any application that is not theirs). A refusal is shown
 * above the page (409); an unknown intent is a 400 with its own message.
 */
export async function runReviewIntent(
  db: DB,
  actor: ReviewActor,
  page: ReviewPage,
  formData: FormData,
): Promise<ReviewOutcome> {
  const echoed = formData.get('application')
  invariant(typeof echoed === 'string' && echoed.toLowerCase() === page.applicationId)
  const name = String(formData.get('intent'))
  if (!Object.hasOwn(INTENTS, name)) return { reply: { refused: 'review:errors.intent' }, status: 400 }
  try {
    return await INTENTS[name]!(db, actor, page, formData)
  } catch (error) {
    return { reply: { refused: refusal(error).key }, status: 409 }
  }
}
