import { z } from 'zod'
import { optionalLines as optionalLinesField } from '#app/modules/validation/fields.ts'

// Shared by the call forms (client-side validation) and the actions (the real check).
// Messages are translation keys, turned into text by the form components. Dates are
// what `<input type="datetime-local">` sends: the province's wall-clock time.
export const E = {
  required: 'calls:errors.required' as const,
  tooLong: 'calls:errors.tooLong' as const,
  email: 'calls:errors.email' as const,
  phone: 'calls:errors.phone' as const,
  dateTime: 'calls:errors.dateTime' as const,
  order: 'calls:errors.order' as const,
  outsideEdition: 'calls:errors.outsideEdition' as const,
  overlap: 'calls:errors.overlap' as const,
  maxApplications: 'calls:errors.maxApplications' as const,
  notLater: 'calls:errors.notLater' as const,
  alreadyClosed: 'calls:errors.alreadyClosed' as const,
  notPublished: 'calls:errors.notPublished' as const,
  datesLocked: 'calls:errors.datesLocked' as const,
  noEdition: 'calls:errors.noEdition' as const,
  checklistIncomplete: 'calls:errors.checklistIncomplete' as const,
  deletePublished: 'calls:errors.deletePublished' as const,
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/** A real wall-clock minute ("2023-02-20T23:59"), no 31 February, no 24:00. */
export const localDateTime = z
  .string({ required_error: E.required, invalid_type_error: E.required })
  .trim()
  // Some browsers send seconds ("…T23:59:00"); the minute is what counts.
  .transform((s) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00$/.test(s) ? s.slice(0, 16) : s))
  .pipe(
    z
      .string()
      .regex(LOCAL, E.dateTime)
      .refine((s) => {
        const d = new Date(`${s}:00Z`)
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 16) === s
      }, E.dateTime),
  )

const optionalLines = (max: number) => optionalLinesField(max, E.tooLong)
const phone = z
  .string()
  .trim()
  .max(20, E.tooLong)
  .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, E.phone)
  .optional()

const callFields = z.object({
  opens_at: localDateTime,
  closes_at: localDateTime,
  eligibility_id: optionalLines(4000),
  eligibility_en: optionalLines(4000),
  faq_id: optionalLines(8000),
  faq_en: optionalLines(8000),
  max_applications: z
    .number({ required_error: E.required, invalid_type_error: E.maxApplications })
    .int(E.maxApplications)
    .min(1, E.maxApplications)
    .max(10, E.maxApplications)
    .default(1),
  helpdesk_phone: phone,
  helpdesk_whatsapp: phone,
  helpdesk_email: z.string().trim().max(254, E.tooLong).email(E.email).optional(),
})

/**
 * A call's dates and details. The ordering check compares wall-clock strings of one
 * zone, which is exact for Indonesia (no daylight saving) and lets the browser say
 * it early; the server checks instants again (call-rules.ts).
 */
export const callSchema = callFields.refine((v) => v.closes_at > v.opens_at, {
  message: E.order,
  path: ['closes_at'],
})
export type CallInput = z.infer<typeof callSchema>

/** Moving a published call's closing later, before it closes. */
export const extendSchema = z.object({ intent: z.literal('extend'), closes_at: localDateTime })
export type ExtendInput = z.infer<typeof extendSchema>

/** Buttons on a call's page that carry no fields. */
export const callStatusSchema = z.object({ intent: z.enum(['publish', 'delete']) })
