import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { notFound, refusal } from '#app/modules/errors/errors.ts'
import type { DB } from '#db/client.ts'
import { memberSchema, removeMemberSchema, ventureSchema } from './venture.schema.ts'
import { addMember, removeMember, saveVenture, type VentureActor } from './ventures.server.ts'

// The intents of the venture profile page (routes/p.$province.apply.profile.tsx), one
// function each: the form is parsed here with conform at the boundary, the workflow
// receives parsed values; a success names the "done" message the page redirects to,
// a failure is the reply the page re-renders with everything typed.

/** The "done" messages a successful intent redirects to (?done=…). */
export const PROFILE_DONE = {
  created: 'venture:done.created',
  saved: 'venture:done.saved',
  memberAdded: 'venture:done.memberAdded',
  memberRemoved: 'venture:done.memberRemoved',
} as const
export type ProfileDone = keyof typeof PROFILE_DONE

/** What the page shows after a failed intent: on which form, the conform result, a refused key. */
export type ProfileReply = { form?: 'venture' | 'member'; result?: SubmissionResult<string[]>; refused?: string }
/** A redirect to a done message (and anchor), or a reply with its status. */
export type ProfileOutcome = { done: ProfileDone; anchor: string } | { reply: ProfileReply; status: 400 | 409 }

/** The workflow's database and actor, and how to forget input kept when the session expired. */
export interface ProfilePage {
  db: DB
  actor: VentureActor
  forgetRescue: () => Promise<void>
}

type Intent = (page: ProfilePage, formData: FormData) => Promise<ProfileOutcome>

const save: Intent = async ({ db, actor, forgetRescue }, formData) => {
  const submission = parseWithZod(formData, { schema: ventureSchema })
  if (submission.status !== 'success') return { reply: { form: 'venture', result: submission.reply() }, status: 400 }
  try {
    const { created } = await saveVenture(db, actor, submission.value)
    await forgetRescue()
    return { done: created ? 'created' : 'saved', anchor: '' }
  } catch (error) {
    const no = refusal(error)
    if (!no.field) throw no
    const result = submission.reply({ fieldErrors: { [no.field]: [no.key] } })
    return { reply: { form: 'venture', result }, status: 400 }
  }
}

const addMemberIntent: Intent = async ({ db, actor, forgetRescue }, formData) => {
  const submission = parseWithZod(formData, { schema: memberSchema })
  if (submission.status !== 'success') return { reply: { form: 'member', result: submission.reply() }, status: 400 }
  try {
    await addMember(db, actor, submission.value)
  } catch (error) {
    return { reply: { form: 'member', result: submission.reply(), refused: refusal(error).key }, status: 409 }
  }
  await forgetRescue()
  return { done: 'memberAdded', anchor: '#team' }
}

const removeMemberIntent: Intent = async ({ db, actor }, formData) => {
  const submission = parseWithZod(formData, { schema: removeMemberSchema })
  // An id that is not even a UUID cannot be a member of this venture.
  if (submission.status !== 'success') throw notFound()
  await removeMember(db, actor, submission.value.member)
  return { done: 'memberRemoved', anchor: '#team' }
}

const INTENTS: Record<string, Intent> = { save, addMember: addMemberIntent, removeMember: removeMemberIntent }

/** Runs the form's intent; an unknown one is a bad request shown as an empty reply. */
export async function runProfileIntent(page: ProfilePage, formData: FormData): Promise<ProfileOutcome> {
  const name = String(formData.get('intent'))
  if (!Object.hasOwn(INTENTS, name)) return { reply: {}, status: 400 }
  return INTENTS[name]!(page, formData)
}
