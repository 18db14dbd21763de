import { parseWithZod } from '@conform-to/zod'
import type { AppLoadContext } from '@remix-run/node'
import type { Language } from '#app/i18n/config.ts'
import { requestMeta, type Viewer } from '#app/modules/auth/viewer.server.ts'
import { invalid } from '#app/modules/errors/errors.ts'
import type { DB } from '#db/client.ts'
import {
  actionSchema,
  actionStateSchema,
  buildCohortSchema,
  inviteMentorSchema,
  sessionSchema,
} from './mentoring.schema.ts'
import { buildCohort, inviteMentor, type MentoringActor, type ProvinceRef, syncFinalists } from './mentoring.server.ts'
import { attempt, badInput, type PageOutcome } from './page-reply.server.ts'
import { addAction, scheduleSession, setActionState } from './sessions.server.ts'

// The intents of the mentoring home and cohort pages (routes/p.$province.mentoring._index.tsx,
// routes/p.$province.mentoring.$cohort._index.tsx), one function each: the form is parsed
// here with conform, the workflow receives parsed values, the answer is a redirect or a reply.

export interface PageContext {
  db: DB
  actor: MentoringActor
  province: ProvinceRef
  now: Date
  origin: string
  locale: Language
  actorName: string
}

const home = (c: PageContext) => `/p/${c.province.slug}/mentoring`
const cohortPath = (c: PageContext, cohortId: string) => `${home(c)}/${cohortId}`

/** Starts the cohort of an edition (the home page's one form). */
export async function runHomeIntent(c: PageContext, formData: FormData): Promise<PageOutcome> {
  const submission = parseWithZod(formData, { schema: buildCohortSchema })
  if (submission.status !== 'success') return badInput('build', submission.error)
  let id = ''
  const outcome = await attempt(
    'build',
    async () => {
      id = await buildCohort(c.db, c.actor, c.province, submission.value.edition)
    },
    '',
  )
  return 'redirect' in outcome ? { redirect: `${cohortPath(c, id)}?done=built` } : outcome
}

type Intent = (c: PageContext, cohortId: string, formData: FormData) => Promise<PageOutcome>

const sync: Intent = (c, cohortId) =>
  attempt('sync', () => syncFinalists(c.db, c.actor, c.province, cohortId), `${cohortPath(c, cohortId)}?done=synced`)

const invite: Intent = async (c, cohortId, formData) => {
  const submission = parseWithZod(formData, { schema: inviteMentorSchema })
  if (submission.status !== 'success') return badInput('invite', submission.error)
  return attempt(
    'invite',
    () =>
      inviteMentor(c.db, c.actor, c.province, cohortId, submission.value, {
        inviterName: c.actorName,
        locale: c.locale,
        origin: c.origin,
        now: c.now,
      }),
    `${cohortPath(c, cohortId)}?done=invited`,
  )
}

const session: Intent = async (c, cohortId, formData) => {
  const submission = parseWithZod(formData, { schema: sessionSchema })
  if (submission.status !== 'success') return badInput('session', submission.error)
  let id = ''
  const outcome = await attempt(
    'session',
    async () => {
      id = await scheduleSession(c.db, c.actor, c.province, cohortId, submission.value)
    },
    '',
  )
  return 'redirect' in outcome ? { redirect: `${cohortPath(c, cohortId)}/sessions/${id}?done=scheduled` } : outcome
}

/** Adds an action item; back to the page it came from (the cohort, or the session it belongs to). */
export const action: Intent = async (c, cohortId, formData) => {
  const submission = parseWithZod(formData, { schema: actionSchema })
  if (submission.status !== 'success') return badInput('action', submission.error)
  const { intent: _, ...input } = submission.value
  const back = input.session ? `${cohortPath(c, cohortId)}/sessions/${input.session}` : cohortPath(c, cohortId)
  return attempt('action', () => addAction(c.db, c.actor, c.province, cohortId, input), `${back}?done=action`)
}

const actionState: Intent = async (c, cohortId, formData) => {
  const submission = parseWithZod(formData, { schema: actionStateSchema })
  if (submission.status !== 'success') return badInput('actionState', submission.error)
  const { item, state } = submission.value
  return attempt(
    `actionState:${item}`,
    () => setActionState(c.db, c.actor, c.province, cohortId, item, state, c.now),
    `${cohortPath(c, cohortId)}?done=state`,
  )
}

const INTENTS: Record<string, Intent> = { sync, invite, session, action, actionState }

/** Runs the cohort page's intent; an unknown one is bad input (400). */
export function runCohortIntent(c: PageContext, cohortId: string, formData: FormData): Promise<PageOutcome> {
  const name = String(formData.get('intent'))
  // A tampered button form: the error page says so (400).
  if (!Object.hasOwn(INTENTS, name)) throw invalid('errors.badRequestBody')
  return (INTENTS[name] as Intent)(c, cohortId, formData)
}

/** The context every mentoring page intent runs with, from the request and its guard. */
export function pageContext(
  request: Request,
  context: AppLoadContext,
  viewer: Viewer,
  province: ProvinceRef,
): PageContext {
  const meta = requestMeta(request, context)
  return {
    db: context.db,
    actor: mentoringActor(viewer, meta.ip),
    province,
    now: meta.now,
    origin: meta.origin,
    locale: viewer.user.locale as Language,
    actorName: viewer.user.name,
  }
}

/** The viewer as the workflows see them. */
export const mentoringActor = (viewer: Viewer, ip: string | null): MentoringActor => ({
  userId: viewer.user.id,
  ability: viewer.ability,
  ip,
})
