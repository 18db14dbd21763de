import { z } from 'zod'
import { normaliseWebsite } from '#app/modules/applications/venture.schema.ts'
import {
  calendarDay,
  optionalLines as optionalLinesField,
  optionalText as optionalTextField,
  requiredText,
} from '#app/modules/validation/fields.ts'
import {
  ACTION_STATES,
  EXPERTISE_MAX,
  MENTOR_KINDS,
  NOTE_AUDIENCES,
  parseTags,
  SESSION_MODES,
} from './mentoring-rules.ts'

// The mentoring forms (issue 14), parsed at the route boundary with conform. Messages
// are translation keys of the `mentoring` namespace.

export const E = {
  required: 'mentoring:errors.required' as const,
  tooLong: 'mentoring:errors.tooLong' as const,
  email: 'mentoring:errors.email' as const,
  choose: 'mentoring:errors.choose' as const,
  date: 'mentoring:errors.date' as const,
  dateTime: 'mentoring:errors.dateTime' as const,
  duration: 'mentoring:errors.duration' as const,
  link: 'mentoring:errors.link' as const,
  place: 'mentoring:errors.place' as const,
  tags: 'mentoring:errors.tags' as const,
  evidence: 'mentoring:errors.evidence' as const,
}

const text = (max: number) => requiredText(max, E)
const optionalText = (max: number) => optionalTextField(max, E.tooLong)
const optionalLines = (max: number) => optionalLinesField(max, E.tooLong)
const lines = (max: number) =>
  optionalLinesField(max, E.tooLong).pipe(z.string({ required_error: E.required }).min(1, E.required))
const id = z.string({ required_error: E.choose }).uuid(E.choose)
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: E.choose }) })
const ids = z.array(z.string().uuid(E.choose)).default([])

/** A web address (https added when missing), at most 500 characters. */
const webLink = z
  .string()
  .trim()
  .max(500, E.tooLong)
  .transform((value, ctx) => {
    const url = normaliseWebsite(value)
    if (url === null || url.length > 500) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: E.link })
      return z.NEVER
    }
    return url
  })

export const buildCohortSchema = z.object({ intent: z.literal('build'), edition: id })

export const inviteMentorSchema = z.object({
  intent: z.literal('invite'),
  name: text(120),
  email: z.string({ required_error: E.required }).trim().max(254, E.tooLong).email(E.email),
  kind: choice(MENTOR_KINDS),
  organisation: text(200),
  expertise: z
    .string()
    .max(500, E.tooLong)
    .optional()
    .transform((v) => parseTags(v ?? ''))
    .refine((tags) => tags.length <= EXPERTISE_MAX && tags.every((t) => t.length <= 60), E.tags),
})
export type InviteMentorInput = z.infer<typeof inviteMentorSchema>

export const sessionSchema = z
  .object({
    intent: z.literal('session'),
    starts_at: z
      .string({ required_error: E.dateTime })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, E.dateTime)
      .refine((v) => !Number.isNaN(Date.parse(`${v}:00Z`)), E.dateTime),
    duration_minutes: z
      .number({ required_error: E.duration, invalid_type_error: E.duration })
      .int(E.duration)
      .min(15, E.duration)
      .max(600, E.duration),
    mode: choice(SESSION_MODES),
    link: webLink.optional(),
    place: optionalText(300),
    agenda: lines(4000),
    mentors: ids,
    finalists: ids,
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'online' && !v.link) ctx.addIssue({ code: 'custom', path: ['link'], message: E.link })
    if (v.mode === 'offline' && !v.place) ctx.addIssue({ code: 'custom', path: ['place'], message: E.place })
  })
export type SessionInput = z.infer<typeof sessionSchema>

export const attendanceSchema = z.object({ intent: z.literal('attendance'), present: ids })

export const noteSchema = z.object({
  intent: z.literal('note'),
  audience: choice(NOTE_AUDIENCES),
  body: lines(4000),
})

export const actionSchema = z.object({
  intent: z.literal('action'),
  title: text(300),
  owner: id,
  due_on: calendarDay({ required: E.date, date: E.date }),
  application: z.string().uuid(E.choose).optional(),
  session: z.string().uuid(E.choose).optional(),
})
export type ActionInput = z.infer<typeof actionSchema>

export const actionStateSchema = z.object({ intent: z.literal('actionState'), item: id, state: choice(ACTION_STATES) })

export const milestoneSchema = z.object({ intent: z.literal('milestone'), title: text(200) })

/** Evidence in words, a link, or a file (checked by content in the workflow); at least one. */
export const evidenceSchema = z.object({
  intent: z.literal('evidence'),
  milestone: id,
  text: optionalLines(4000),
  link: webLink.optional(),
})
export type EvidenceInput = z.infer<typeof evidenceSchema>

export const signOffSchema = z.object({ intent: z.literal('signOff'), milestone: id })
