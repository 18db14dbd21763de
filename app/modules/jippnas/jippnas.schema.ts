import { z } from 'zod'
import { calendarDay, cleanText, optionalText, requiredText } from '#app/modules/validation/fields.ts'

// The record form (Bappeda) and the "retry now" button, parsed with conform's
// parseWithZod where the request comes in. Messages are `jippnas:` translation keys.

export const E = {
  required: 'jippnas:errors.required' as const,
  tooLong: 'jippnas:errors.tooLong' as const,
  date: 'jippnas:errors.date' as const,
  choose: 'jippnas:errors.choose' as const,
  stopReason: 'jippnas:errors.stopReason' as const,
}

const id = z.string({ required_error: E.choose }).uuid(E.choose)

export const innovationSchema = z
  .object({
    title: requiredText(200, E),
    summary: z
      .string({ required_error: E.required })
      .transform((v) => cleanText(v, { multiline: true }))
      .pipe(z.string().trim().min(1, E.required).max(4000, E.tooLong)),
    province_issue: id,
    regency: z
      .string()
      .regex(/^[0-9]{4}$/, E.choose)
      .optional(),
    opd: id.optional(),
    venture_name: requiredText(200, E),
    started_on: calendarDay(E),
    status: z.enum(['running', 'continuing', 'stopped'], { required_error: E.choose, invalid_type_error: E.choose }),
    stop_reason: optionalText(1000, E.tooLong),
    is_public: z.literal('on').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'stopped' && !v.stop_reason) {
      ctx.addIssue({ code: 'custom', path: ['stop_reason'], message: E.stopReason })
    }
  })
export type InnovationInput = z.infer<typeof innovationSchema>

/** The new-record form names the finalist application it comes from. */
export const newInnovationSchema = z.object({ finalist: id }).and(innovationSchema)

/** The record page's buttons. */
export const retrySchema = z.object({ intent: z.literal('retry') })
