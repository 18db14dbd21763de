import { z } from 'zod'
import { optionalLines as optionalLinesField, requiredText } from '#app/modules/validation/fields.ts'

// The venture profile and its team (issue 6), shared by the form (client-side
// validation when JavaScript runs) and the action (the real check). Messages are
// translation keys of the `venture` namespace.

export const E = {
  required: 'venture:errors.required' as const,
  tooLong: 'venture:errors.tooLong' as const,
  choose: 'venture:errors.choose' as const,
  year: 'venture:errors.year' as const,
  website: 'venture:errors.website' as const,
  regency: 'venture:errors.regency' as const,
}

export const LEGAL_FORMS = ['individual', 'community', 'cv', 'pt', 'yayasan', 'koperasi'] as const
export const STAGES = ['idea', 'prototype', 'operating', 'scaling'] as const
export const GENDERS = ['female', 'male', 'unspecified'] as const
export const AGE_BANDS = ['under_25', '25_34', '35_44', '45_54', '55_plus', 'unspecified'] as const

/** Enough for a founding team and its core staff, small enough for a phone page. */
export const MAX_TEAM = 20

const text = (max: number) => requiredText(max, E)
const optionalLines = (max: number) => optionalLinesField(max, E.tooLong)
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: E.choose }) })

/**
 * A web address as people type it ("usahaku.id", "https://…"): a missing scheme
 * becomes https, and only http(s) addresses with a dotted host are accepted.
 */
export function normaliseWebsite(value: string): string | null {
  const trimmed = value.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`
  try {
    const url = new URL(withScheme)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    if (!url.hostname.includes('.') || /\s/.test(trimmed)) return null
    return withScheme
  } catch {
    return null
  }
}

/** True for a founding year that is neither before 1900 nor in the future. */
export function isFoundingYear(year: number, now: Date = new Date()): boolean {
  return Number.isInteger(year) && year >= 1900 && year <= now.getFullYear()
}

export const ventureSchema = z.object({
  intent: z.literal('save'),
  name: text(200),
  legal_form: choice(LEGAL_FORMS),
  year_founded: z
    .number({ invalid_type_error: E.year })
    .refine((y) => isFoundingYear(y), E.year)
    .optional(),
  // Checked against the province's list by the workflow (a code of another province is refused).
  regency_code: z
    .string()
    .regex(/^[0-9]{4}$/, E.regency)
    .optional(),
  address: optionalLines(500),
  stage: choice(STAGES),
  website: z
    .string()
    .trim()
    .max(300, E.tooLong)
    .transform((value, ctx) => {
      const url = normaliseWebsite(value)
      if (url === null || url.length > 300) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: E.website })
        return z.NEVER
      }
      return url
    })
    .optional(),
  // One link or handle per line (Instagram, Facebook, TikTok, …).
  social_links: optionalLines(1000),
})
export type VentureInput = z.infer<typeof ventureSchema>

export const memberSchema = z.object({
  intent: z.literal('addMember'),
  name: text(120),
  role: text(120),
  gender: choice(GENDERS),
  age_band: choice(AGE_BANDS),
})
export type MemberInput = z.infer<typeof memberSchema>

/** Removing a team member: the id is looked up inside the applicant's own venture. */
export const removeMemberSchema = z.object({ intent: z.literal('removeMember'), member: z.string().uuid() })
