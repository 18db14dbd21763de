import { z } from 'zod'
import { JUSTIFICATION_MAX, JUSTIFICATION_MIN, RETURN_NOTE_MAX } from './selection-rules.ts'

// Forms of the ranking and selection pages (issue 7), shared by the pages and the
// actions. Messages are translation keys of the `selection` namespace.

export const SE = {
  justificationShort: 'selection:errors.justificationShort' as const,
  justificationLong: 'selection:errors.justificationLong' as const,
  noteRequired: 'selection:errors.noteRequired' as const,
  noteLong: 'selection:errors.noteLong' as const,
  invalid: 'selection:errors.invalid' as const,
}

const text = (s: unknown) => (typeof s === 'string' ? s.replace(/\r\n?/g, '\n').trim() : '')
const uuid = z
  .string({ required_error: SE.invalid })
  .uuid(SE.invalid)
  .transform((s) => s.toLowerCase())

/** The admin's choice of ranking method. */
export const methodSchema = z.object({
  intent: z.literal('method'),
  method: z.enum(['mean', 'zscore'], { errorMap: () => ({ message: SE.invalid }) }),
})

/** Bappeda's forms on the selection page. */
export const selectionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('shortlist'), application: uuid }),
    z.object({ intent: z.literal('remove'), application: uuid }),
    z.object({
      intent: z.literal('finalist'),
      application: uuid,
      justification: z
        .preprocess(text, z.string({ required_error: SE.justificationShort }))
        .pipe(z.string().min(JUSTIFICATION_MIN, SE.justificationShort).max(JUSTIFICATION_MAX, SE.justificationLong)),
    }),
    z.object({ intent: z.literal('submit') }),
    z.object({ intent: z.literal('publish') }),
  ],
  { errorMap: () => ({ message: SE.invalid }) },
)

/** The ministry's forms on a province's selection. */
export const decisionSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('confirm') }),
    z.object({
      intent: z.literal('return'),
      note: z
        .preprocess(text, z.string({ required_error: SE.noteRequired }))
        .pipe(z.string().min(1, SE.noteRequired).max(RETURN_NOTE_MAX, SE.noteLong)),
    }),
    z.object({ intent: z.literal('publish') }),
  ],
  { errorMap: () => ({ message: SE.invalid }) },
)
