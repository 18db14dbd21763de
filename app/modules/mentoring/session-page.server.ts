import { parseWithZod } from '@conform-to/zod'
import { invalid } from '#app/modules/errors/errors.ts'
import { action as addActionIntent, type PageContext } from './cohort-page.server.ts'
import { attendanceSchema, noteSchema } from './mentoring.schema.ts'
import { attempt, badInput, type PageOutcome } from './page-reply.server.ts'
import { addNote, takeAttendance } from './sessions.server.ts'

// The intents of a session page (routes/p.$province.mentoring.$cohort.sessions.$session.tsx),
// one function each: attendance, a note, an action item from the session.

type Intent = (c: PageContext, ids: { cohortId: string; sessionId: string }, formData: FormData) => Promise<PageOutcome>

const here = (c: PageContext, ids: { cohortId: string; sessionId: string }) =>
  `/p/${c.province.slug}/mentoring/${ids.cohortId}/sessions/${ids.sessionId}`

const attendance: Intent = async (c, ids, formData) => {
  const submission = parseWithZod(formData, { schema: attendanceSchema })
  if (submission.status !== 'success') return badInput('attendance', submission.error)
  return attempt(
    'attendance',
    () => takeAttendance(c.db, c.actor, c.province, ids, submission.value.present, c.now),
    `${here(c, ids)}?done=attendance`,
  )
}

const note: Intent = async (c, ids, formData) => {
  const submission = parseWithZod(formData, { schema: noteSchema })
  if (submission.status !== 'success') return badInput('note', submission.error)
  const { audience, body } = submission.value
  return attempt('note', () => addNote(c.db, c.actor, c.province, ids, { audience, body }), `${here(c, ids)}?done=note`)
}

const action: Intent = (c, ids, formData) => {
  formData.set('session', ids.sessionId)
  return addActionIntent(c, ids.cohortId, formData)
}

const INTENTS: Record<string, Intent> = { attendance, note, action }

/** Runs the session page's intent; an unknown one is bad input. */
export function runSessionIntent(
  c: PageContext,
  ids: { cohortId: string; sessionId: string },
  formData: FormData,
): Promise<PageOutcome> {
  const name = String(formData.get('intent'))
  // A tampered button form: the error page says so (400).
  if (!Object.hasOwn(INTENTS, name)) throw invalid('errors.badRequestBody')
  return (INTENTS[name] as Intent)(c, ids, formData)
}
