import { z } from 'zod'
import { calendarDay, optionalLines as optionalLinesField, requiredText } from '#app/modules/validation/fields.ts'
import { MAX_NAME } from './regency-rules.ts'

// Shared by the co-creation and kabupaten/kota forms (client-side validation) and their
// actions (the real check). Messages are translation keys of the `cocreation` namespace.
export const E = {
  required: 'cocreation:errors.required' as const,
  tooLong: 'cocreation:errors.tooLong' as const,
  date: 'cocreation:errors.date' as const,
  choose: 'cocreation:errors.choose' as const,
  code: 'cocreation:regencies.errors.code' as const,
  invited: 'cocreation:errors.invited' as const,
  presentNotInvited: 'cocreation:errors.presentNotInvited' as const,
  nextMeeting: 'cocreation:errors.nextMeeting' as const,
}

const ids = (message: string) => z.array(z.string().uuid(message)).max(100, E.tooLong).default([])

/** One kabupaten/kota typed in: its BPS code (the province's prefix is checked by the workflow) and name. */
export const regencySchema = z.object({
  intent: z.literal('add'),
  code: z
    .string({ required_error: E.required })
    .trim()
    .regex(/^[0-9]{4}$/, E.code),
  name: requiredText(MAX_NAME, E),
})
export type RegencyInput = z.infer<typeof regencySchema>

/** The import form: only its intent is a field, the CSV is a file read by the page. */
export const regencyImportSchema = z.object({ intent: z.literal('import'), file: z.unknown().optional() })

const eventFields = z.object({
  held_on: calendarDay(E),
  place: requiredText(200, E),
  regency_code: z
    .string()
    .trim()
    .regex(/^[0-9]{4}$/, E.choose)
    .optional(),
  organiser_kind: z.enum(['bappeda', 'erat'], { required_error: E.choose, invalid_type_error: E.choose }),
  organiser_name: requiredText(200, E),
  invited: ids(E.choose).pipe(z.array(z.string()).min(1, E.invited)),
  present: ids(E.choose),
  finalists: ids(E.choose),
  topics: ids(E.choose),
  outcomes: optionalLinesField(4000, E.tooLong),
  next_meeting_on: calendarDay(E).optional(),
  // The minutes are not a field: a file read by the page and checked by content on the server.
})

/** A co-creation event as the form sends it; who came must have been invited, the next meeting comes later. */
export const eventSchema = eventFields.superRefine((v, ctx) => {
  const invited = new Set(v.invited)
  if (v.present.some((id) => !invited.has(id))) {
    ctx.addIssue({ code: 'custom', path: ['present'], message: E.presentNotInvited })
  }
  if (v.next_meeting_on && v.next_meeting_on <= v.held_on) {
    ctx.addIssue({ code: 'custom', path: ['next_meeting_on'], message: E.nextMeeting })
  }
})
export type EventInput = z.infer<typeof eventSchema>
