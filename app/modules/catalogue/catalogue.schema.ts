import { z } from 'zod'
import {
  calendarDay,
  optionalLines as optionalLinesField,
  optionalText as optionalTextField,
  requiredText,
} from '#app/modules/validation/fields.ts'

// Shared by the catalogue forms (client-side validation) and the actions (the real
// check). Messages are translation keys, turned into text by the form components.
export const E = {
  required: 'catalogue:errors.required' as const,
  tooLong: 'catalogue:errors.tooLong' as const,
  email: 'catalogue:errors.email' as const,
  phone: 'catalogue:errors.phone' as const,
  shortName: 'catalogue:errors.shortName' as const,
  date: 'catalogue:errors.date' as const,
  choose: 'catalogue:errors.choose' as const,
  number: 'catalogue:errors.number' as const,
  year: 'catalogue:errors.year' as const,
  priority: 'catalogue:errors.priority' as const,
  participants: 'catalogue:errors.participants' as const,
  regency: 'catalogue:errors.regency' as const,
}

const text = (max: number) => requiredText(max, E)
const optionalText = (max: number) => optionalTextField(max, E.tooLong)
const optionalLines = (max: number) => optionalLinesField(max, E.tooLong)
const id = z.string({ required_error: E.choose }).uuid(E.choose)

/** A calendar day as `<input type="date">` sends it, and a real one (no 31 February). */
export const dateField = calendarDay(E)

const opdFields = z.object({
  name: text(200),
  // Short names appear in lists and on the portal ("Dinkes", "PUPR", "DP3A").
  short_name: text(40).pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N} .&/-]*$/u, E.shortName)),
  head_name: optionalText(120),
  contact_email: z.string().trim().max(254, E.tooLong).email(E.email).optional(),
  contact_phone: z
    .string()
    .trim()
    .max(20, E.tooLong)
    .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, E.phone)
    .optional(),
  // A provincial OPD, or a kabupaten/kota agency with the BPS code of its regency (issue 15).
  level: z.enum(['province', 'regency'], { invalid_type_error: E.choose }).default('province'),
  regency_code: z
    .string()
    .trim()
    .regex(/^[0-9]{4}$/, E.regency)
    .optional(),
})

export const opdSchema = opdFields.superRefine((v, ctx) => {
  if (v.level === 'regency' && !v.regency_code)
    ctx.addIssue({ code: 'custom', path: ['regency_code'], message: E.regency })
})
export type OpdInput = z.infer<typeof opdSchema>

/** Row actions on the OPD list; the id is looked up inside the province. */
export const opdRowSchema = z.object({
  intent: z.enum(['deactivate', 'reactivate', 'delete']),
  opd: z.string().uuid(),
})

export const fgdSchema = z.object({
  held_on: dateField,
  place: text(200),
  facilitator: optionalText(200),
  summary: optionalLines(2000),
  participants: z.array(z.string().uuid(E.participants), { required_error: E.participants }).min(1, E.participants),
})
export type FgdInput = z.infer<typeof fgdSchema>
/** The FGD form as the browser holds it: the fields plus the minutes file (checked by content on the server). */
export const fgdFormSchema = fgdSchema.extend({ minutes: z.unknown().optional() })

export const fgdDeleteSchema = z.object({ intent: z.literal('delete'), fgd: z.string().uuid() })

export const issueCreateSchema = z.object({
  national_issue: id,
  title_id: text(200),
  title_en: text(200),
  lead_opd: id,
})
export type IssueCreateInput = z.infer<typeof issueCreateSchema>

export const issueEditSchema = z.object({
  intent: z.literal('save'),
  title_id: text(200),
  title_en: text(200),
  description_id: optionalLines(4000),
  description_en: optionalLines(4000),
  lead_opd: id,
  supporting: z.array(z.string().uuid(E.choose)).max(50).default([]),
  priority: z
    .number({ required_error: E.required, invalid_type_error: E.priority })
    .int(E.priority)
    .min(1, E.priority)
    .max(99, E.priority),
})
export type IssueEditInput = z.infer<typeof issueEditSchema>

/** "27,8" (Indonesian decimal comma) and "27.8" are the same baseline value. */
export const decimalField = z
  .string({ required_error: E.required })
  .trim()
  .transform((s) => s.replace(',', '.'))
  .pipe(z.string().regex(/^-?\d{1,12}(\.\d{1,6})?$/, E.number))

export const indicatorSchema = z.object({
  intent: z.literal('addIndicator'),
  name_id: text(200),
  name_en: text(200),
  value: decimalField,
  unit: text(40),
  year: z
    .number({ required_error: E.required, invalid_type_error: E.year })
    .int(E.year)
    .min(1945, E.year)
    .max(2100, E.year),
  source: text(200),
})
export type IndicatorInput = z.infer<typeof indicatorSchema>

export const removeIndicatorSchema = z.object({ intent: z.literal('removeIndicator'), indicator: z.string().uuid() })
export const validateIssueSchema = z.object({ intent: z.literal('validate'), fgd: id })
export const issueStatusSchema = z.object({ intent: z.enum(['publish', 'unpublish', 'delete']) })
