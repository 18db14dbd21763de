import { parseWithZod } from '@conform-to/zod'
import type { Language } from '#app/i18n/config.ts'
import type { RequestMeta } from '#app/modules/auth/accounts.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import type { DB } from '#db/client.ts'
import { type EventPageForm, eventPageSchema } from './final-night.schema.ts'
import {
  addAward,
  chooseWinner,
  drawPitchOrder,
  inviteParticipant,
  moveEvent,
  type Organiser,
  refreshFinalists,
  removeAward,
  revokeParticipant,
  saveRubric,
  setPitchOrder,
  updateDetails,
} from './final-night.server.ts'

// The intents of the organiser's event page (routes/national.final-night.$event.tsx), one
// function each: the form is parsed at the boundary with conform, the workflow gets
// parsed values, and a refusal becomes the page's reply on the form it came from.

type Intent = EventPageForm['intent']
/** What the page shows after a post: on which form, error keys or a done key; provinces whose portal changed. */
export interface EventPageReply {
  status: number
  form: Intent | 'unknown'
  errors?: string[]
  done?: string
  portal?: string[]
}

interface Ctx {
  db: DB
  actor: Organiser
  eventId: string
  meta: RequestMeta & { locale: Language }
}

type Handler<I extends Intent> = (
  ctx: Ctx,
  value: Extract<EventPageForm, { intent: I }>,
) => Promise<Omit<EventPageReply, 'status' | 'form'> | undefined>

const handlers: { [I in Intent]: Handler<I> } = {
  details: async ({ db, actor, eventId, meta }, v) => {
    await updateDetails(db, actor, eventId, v, meta.now)
    return { done: 'final-night:done.details' }
  },
  sync: async ({ db, actor, eventId, meta }) => {
    await refreshFinalists(db, actor, eventId, meta.now)
    return { done: 'final-night:done.sync' }
  },
  draw: async ({ db, actor, eventId, meta }) => {
    await drawPitchOrder(db, actor, eventId, meta.now)
    return { done: 'final-night:done.draw' }
  },
  order: async ({ db, actor, eventId, meta }, v) => {
    await setPitchOrder(db, actor, eventId, v.order, meta.now)
    return { done: 'final-night:done.order' }
  },
  rubric: async ({ db, actor, eventId }, v) => {
    await saveRubric(db, actor, eventId, v.criteria)
    return { done: 'final-night:done.rubric' }
  },
  addAward: async ({ db, actor, eventId }, v) => {
    await addAward(db, actor, eventId, { id: v.titleId, en: v.titleEn })
    return { done: 'final-night:done.award' }
  },
  removeAward: async ({ db, actor, eventId }, v) => {
    await removeAward(db, actor, eventId, v.award)
    return { done: 'final-night:done.award' }
  },
  winner: async ({ db, actor, eventId }, v) => {
    await chooseWinner(db, actor, eventId, v.award, v.pitch || null)
    return { done: 'final-night:done.winner' }
  },
  invite: async ({ db, actor, eventId, meta }, v) => {
    await inviteParticipant(db, actor, eventId, v, meta)
    return { done: 'final-night:done.invited' }
  },
  revoke: async ({ db, actor, eventId, meta }, v) => {
    await revokeParticipant(db, actor, eventId, v.participant, meta.now)
    return { done: 'final-night:done.revoked' }
  },
  open: (ctx) => move(ctx, 'voting', 'final-night:done.open'),
  reopen: (ctx) => move(ctx, 'voting', 'final-night:done.open'),
  close: (ctx) => move(ctx, 'closed', 'final-night:done.close'),
  confirm: (ctx) => move(ctx, 'confirmed', 'final-night:done.confirm'),
  publish: (ctx) => move(ctx, 'published', 'final-night:done.publish'),
}

async function move(ctx: Ctx, target: 'voting' | 'closed' | 'confirmed' | 'published', done: string) {
  const result = await moveEvent(ctx.db, ctx.actor, ctx.eventId, target, ctx.meta.now)
  return { done, portal: target === 'published' && !result.already ? result.provinces : undefined }
}

/** Parses the post, runs its intent; invalid input answers 400 with its keys, a refusal 409 (400 on a field). */
export async function handleEventPost(ctx: Ctx, formData: FormData): Promise<EventPageReply> {
  const submission = parseWithZod(formData, { schema: eventPageSchema })
  const intent = String(formData.get('intent') ?? '')
  const form = (intent in handlers ? intent : 'unknown') as Intent | 'unknown'
  if (submission.status !== 'success') {
    const reply = submission.reply()
    const errors = [...new Set(Object.values(reply.error ?? {}).flatMap((e) => e ?? []))]
    return { status: 400, form, errors: errors.length > 0 ? errors : ['final-night:errors.invalid'] }
  }
  const value = submission.value
  const handler = handlers[value.intent] as Handler<typeof value.intent>
  try {
    const outcome = await handler(ctx, value as never)
    return { status: 200, form: value.intent, ...outcome }
  } catch (error) {
    const no = refusal(error)
    return { status: no.field ? 400 : no.status, form: value.intent, errors: [no.key] }
  }
}
