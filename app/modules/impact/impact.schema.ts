import { z } from 'zod'
import { calendarDay, optionalLines, requiredText } from '#app/modules/validation/fields.ts'

// The impact forms (issue 15): a measurement entered by the venture, Bappeda's decision
// on it. Messages are translation keys of the `impact` namespace.

export const E = {
  required: 'impact:errors.required' as const,
  tooLong: 'impact:errors.tooLong' as const,
  choose: 'impact:errors.choose' as const,
  date: 'impact:errors.date' as const,
  number: 'impact:errors.number' as const,
}

const id = z.string({ required_error: E.choose }).uuid(E.choose)

/** "1.234,5", "1234.5" or "-3" → a number; anything else is refused with a message. */
const decimal = z
  .string({ required_error: E.required })
  .trim()
  .min(1, E.required)
  .transform((v, ctx) => {
    const plain = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(v) ? v.replace(/\./g, '').replace(',', '.') : v.replace(',', '.')
    const n = /^-?\d{1,12}(\.\d{1,6})?$/.test(plain) ? Number(plain) : Number.NaN
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: E.number })
      return z.NEVER
    }
    return n
  })

/** `indicator` is "app:<id>" (the application's) or "issue:<id>" (the province issue's baseline). */
export const measurementSchema = z.object({
  intent: z.literal('measure'),
  indicator: z.string({ required_error: E.choose }).regex(/^(app|issue):[0-9a-f-]{36}$/i, E.choose),
  value: decimal,
  measuredOn: calendarDay(E),
  source: requiredText(200, E),
  note: optionalLines(1000, E.tooLong),
})

export const confirmSchema = z.object({ intent: z.literal('confirm'), measurement: id })

export const returnSchema = z.object({
  intent: z.literal('return'),
  measurement: id,
  reason: requiredText(1000, E),
})

export type MeasurementInput = z.infer<typeof measurementSchema>
