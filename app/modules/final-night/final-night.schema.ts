import { z } from 'zod'
import { calendarDay, optionalLines, optionalText, requiredText } from '#app/modules/validation/fields.ts'
import { MAX_CRITERIA, SCORE_MAX, SCORE_MIN, weightsValid } from './final-night-rules.ts'

// Forms of the Final Night pages (issue 14), shared by the pages and the actions.
// Messages are translation keys of the `final-night` namespace.

export const FE = {
  required: 'final-night:errors.required' as const,
  tooLong: 'final-night:errors.tooLong' as const,
  invalid: 'final-night:errors.invalid' as const,
  dateTime: 'final-night:errors.dateTime' as const,
  minutes: 'final-night:errors.minutes' as const,
  email: 'final-night:errors.email' as const,
  weightsSum: 'final-night:errors.weightsSum' as const,
  weight: 'final-night:errors.weight' as const,
  score: 'final-night:errors.score' as const,
  order: 'final-night:errors.order' as const,
  date: 'final-night:errors.date' as const,
}

const uuid = z
  .string({ required_error: FE.invalid })
  .uuid(FE.invalid)
  .transform((s) => s.toLowerCase())
const text = (max: number) => requiredText(max, { required: FE.required, tooLong: FE.tooLong })
const int = (min: number, max: number, message: string) =>
  z.coerce
    .number({ invalid_type_error: message, required_error: message })
    .int(message)
    .min(min, message)
    .max(max, message)

/** Date and time as `<input type="datetime-local">` sends it, in the event's zone (Jakarta). */
const localDateTime = z
  .string({ required_error: FE.dateTime })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, FE.dateTime)
  .refine((v) => !Number.isNaN(new Date(`${v}:00Z`).getTime()), FE.dateTime)

const details = {
  startsAt: localDateTime,
  venue: text(200),
  city: text(100),
  programme: optionalLines(4000, FE.tooLong),
  minutes: int(1, 60, FE.minutes),
}

/** The ministry creates the event of an edition. */
export const createEventSchema = z.object({ edition: uuid, ...details })

/** The organiser's forms on the event page. */
export const eventPageSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('details'), ...details }),
    z.object({ intent: z.literal('sync') }),
    z.object({ intent: z.literal('draw') }),
    z.object({
      intent: z.literal('order'),
      order: z
        .array(z.object({ pitch: uuid, position: int(1, 500, FE.order) }), { required_error: FE.order })
        .min(1, FE.order),
    }),
    z.object({
      intent: z.literal('rubric'),
      criteria: z
        .array(
          z.object({
            titleId: optionalText(120, FE.tooLong),
            titleEn: optionalText(120, FE.tooLong),
            weight: z.preprocess((v) => (v === '' ? undefined : v), int(1, 100, FE.weight).optional()),
          }),
          { required_error: FE.weightsSum },
        )
        .transform((rows) => rows.filter((r) => r.titleId || r.titleEn || r.weight !== undefined))
        .pipe(
          z
            .array(
              z.object({
                titleId: z.string({ required_error: FE.required }).min(1, FE.required),
                titleEn: z.string({ required_error: FE.required }).min(1, FE.required),
                weight: z.number({ required_error: FE.weight }),
              }),
            )
            .min(1, FE.weightsSum)
            .max(MAX_CRITERIA, FE.invalid)
            .refine((rows) => weightsValid(rows.map((r) => r.weight)), FE.weightsSum),
        ),
    }),
    z.object({ intent: z.literal('addAward'), titleId: text(120), titleEn: text(120) }),
    z.object({ intent: z.literal('removeAward'), award: uuid }),
    z.object({ intent: z.literal('winner'), award: uuid, pitch: z.union([uuid, z.literal('')]).default('') }),
    z.object({
      intent: z.literal('invite'),
      kind: z.enum(['juror', 'guest'], { errorMap: () => ({ message: FE.invalid }) }),
      affiliation: z.enum(['ministry', 'investor', 'partner', 'local_government'], {
        errorMap: () => ({ message: FE.invalid }),
      }),
      name: text(120),
      email: z.string({ required_error: FE.email }).trim().toLowerCase().max(254, FE.email).email(FE.email),
      organisation: optionalText(200, FE.tooLong),
    }),
    z.object({ intent: z.literal('revoke'), participant: uuid }),
    z.object({ intent: z.literal('open') }),
    z.object({ intent: z.literal('close') }),
    z.object({ intent: z.literal('reopen') }),
    z.object({ intent: z.literal('confirm') }),
    z.object({ intent: z.literal('publish') }),
  ],
  { errorMap: () => ({ message: FE.invalid }) },
)
export type EventPageForm = z.infer<typeof eventPageSchema>

/** A juror's scores for one pitch; `key` is the form render's idempotency key. */
export const scoreSchema = z.object({
  intent: z.literal('score'),
  key: uuid,
  scores: z
    .array(z.object({ criterion: uuid, score: int(SCORE_MIN, SCORE_MAX, FE.score) }), { required_error: FE.score })
    .min(1, FE.score),
})

/** A juror declares a conflict of interest with a pitch. */
export const conflictSchema = z.object({
  intent: z.literal('conflict'),
  reason: z.enum(['invested', 'advised', 'other'], { errorMap: () => ({ message: FE.invalid }) }),
})

export const jurorPitchSchema = z.discriminatedUnion('intent', [scoreSchema, conflictSchema], {
  errorMap: () => ({ message: FE.invalid }),
})

/** A guest registers interest in a finalist. */
export const interestSchema = z.object({
  intent: z.literal('interest'),
  pitch: uuid,
  kind: z.enum(['investment', 'pilot', 'partnership', 'replication'], { errorMap: () => ({ message: FE.invalid }) }),
  message: optionalLines(2000, FE.tooLong),
})

/** A follow-up of an accepted interest (guest or finalist). */
export const followupSchema = z.object({
  intent: z.literal('followup'),
  interest: uuid,
  kind: z.enum(['meeting_held', 'term_sheet', 'mou_drafted'], { errorMap: () => ({ message: FE.invalid }) }),
  happenedOn: calendarDay({ required: FE.date, date: FE.date }),
  note: optionalLines(2000, FE.tooLong),
})

export const guestPageSchema = z.discriminatedUnion('intent', [interestSchema, followupSchema], {
  errorMap: () => ({ message: FE.invalid }),
})

/** The finalist accepts or declines an interest, or records a follow-up. */
export const finalistPageSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('decide'),
      interest: uuid,
      decision: z.enum(['accepted', 'declined'], { errorMap: () => ({ message: FE.invalid }) }),
    }),
    followupSchema,
  ],
  { errorMap: () => ({ message: FE.invalid }) },
)
