import { z } from 'zod'
import {
  calendarDay,
  optionalLines as optionalLinesField,
  optionalText as optionalTextField,
  requiredText,
} from '#app/modules/validation/fields.ts'
import { ISSUE_ICONS, MILESTONE_KINDS, TIME_ZONES } from './programme-rules.ts'

// Shared by the national configuration forms (client-side validation) and the actions
// (the real check). Messages are translation keys, turned into text by the form components.
export const E = {
  required: 'national:errors.required' as const,
  tooLong: 'national:errors.tooLong' as const,
  email: 'national:errors.email' as const,
  phone: 'national:errors.phone' as const,
  date: 'national:errors.date' as const,
  choose: 'national:errors.choose' as const,
  slug: 'national:errors.slug' as const,
  bpsCode: 'national:errors.bpsCode' as const,
  code: 'national:errors.code' as const,
  editionSlug: 'national:errors.editionSlug' as const,
  endBeforeStart: 'national:errors.endBeforeStart' as const,
  endNotAfterStart: 'national:errors.endNotAfterStart' as const,
  phaseNumber: 'national:errors.phaseNumber' as const,
}

const text = (max: number) => requiredText(max, E)
const optionalText = (max: number) => optionalTextField(max, E.tooLong)
const optionalLines = (max: number) => optionalLinesField(max, E.tooLong)
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  // One message for missing and unknown values alike: "choose one".
  z.enum(values, { errorMap: () => ({ message: E.choose }) })

/** A calendar day as `<input type="date">` sends it, and a real one (no 31 February). */
export const dateField = calendarDay(E)

const emailField = z.string().trim().max(254, E.tooLong).email(E.email)
const phoneField = z
  .string()
  .trim()
  .max(20, E.tooLong)
  .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, E.phone)

// ---- editions ----

const editionFields = z.object({
  name: text(120),
  starts_on: dateField,
  ends_on: dateField,
  legal_basis: optionalText(300),
  status: choice(['planned', 'active', 'closed'] as const),
})

/** The period must run forwards (the database insists on at least one day). */
const periodForwards = <T extends { starts_on: string; ends_on: string }>(s: z.ZodType<T>) =>
  s.superRefine((v, ctx) => {
    if (v.ends_on <= v.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: E.endNotAfterStart })
  })

export const editionCreateSchema = periodForwards(
  editionFields.extend({
    // URLs and seeds name editions by slug ("2023", "demo-current").
    slug: z
      .string({ required_error: E.required })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{1,30}$/, E.editionSlug),
  }),
)
export type EditionCreateInput = z.infer<typeof editionCreateSchema>

export const editionEditSchema = periodForwards(editionFields.extend({ intent: z.literal('edition') }))
export type EditionEditInput = z.infer<typeof editionEditSchema>

// ---- phases and milestones (row actions of the edition page) ----

export const phaseAddSchema = z.object({
  intent: z.literal('addPhase'),
  number: z
    .number({ required_error: E.required, invalid_type_error: E.phaseNumber })
    .int(E.phaseNumber)
    .min(1, E.phaseNumber)
    .max(20, E.phaseNumber),
})
export const phaseRemoveSchema = z.object({ intent: z.literal('removePhase'), phase: z.string().uuid() })
export const assignSchema = z.object({
  intent: z.literal('assign'),
  phase: z.string().uuid(),
  province: z.string({ required_error: E.choose }).uuid(E.choose),
})
export const unassignSchema = z.object({ intent: z.literal('unassign'), province: z.string().uuid() })

export const milestoneSchema = z
  .object({
    intent: z.literal('milestone'),
    phase: z.string().uuid(),
    kind: choice(MILESTONE_KINDS),
    starts_on: dateField,
    ends_on: dateField.optional(),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.ends_on && v.ends_on < v.starts_on) {
      ctx.addIssue({ code: 'custom', path: ['ends_on'], message: E.endBeforeStart })
    }
  })
export type MilestoneInput = z.infer<typeof milestoneSchema>
export const milestoneRemoveSchema = z.object({ intent: z.literal('removeMilestone'), milestone: z.string().uuid() })

// ---- national issues ----

const issueFields = z.object({
  name_id: text(120),
  name_en: text(120),
  description_id: optionalLines(2000),
  description_en: optionalLines(2000),
  icon: choice(ISSUE_ICONS),
})
export const issueCreateSchema = issueFields.extend({
  // Codes are stable identifiers (seeds, reports); names are what people read.
  code: z
    .string({ required_error: E.required })
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,40}$/, E.code),
})
export type IssueCreateInput = z.infer<typeof issueCreateSchema>
export const issueEditSchema = issueFields.extend({ intent: z.literal('save') })
export type IssueEditInput = z.infer<typeof issueEditSchema>
export const issueStatusSchema = z.object({ intent: z.enum(['retire', 'restore', 'delete']) })

// ---- provinces ----

const provinceFields = z.object({
  name: text(120),
  bps_code: z
    .string({ required_error: E.required })
    .trim()
    .regex(/^[0-9]{2}$/, E.bpsCode),
  time_zone: choice(TIME_ZONES),
  contact_name: optionalText(120),
  contact_email: emailField.optional(),
  contact_phone: phoneField.optional(),
})

export const provinceOnboardSchema = provinceFields.extend({
  slug: z
    .string({ required_error: E.required })
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,30}$/, E.slug),
  admin_name: text(120),
  admin_email: text(254).pipe(z.string().email(E.email)),
})
export type ProvinceOnboardInput = z.infer<typeof provinceOnboardSchema>
/** The onboarding form as the browser holds it: the fields plus the logo (checked by content on the server). */
export const provinceOnboardFormSchema = provinceOnboardSchema.extend({ logo: z.unknown().optional() })

export const provinceEditSchema = provinceFields.extend({ intent: z.literal('save') })
export type ProvinceEditInput = z.infer<typeof provinceEditSchema>
export const provinceEditFormSchema = provinceEditSchema.extend({ logo: z.unknown().optional() })
export const provinceStatusSchema = z.object({ intent: z.enum(['deactivate', 'reactivate', 'removeLogo']) })
