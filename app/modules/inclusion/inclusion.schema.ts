import { z } from 'zod'
import { MAX_TEAM } from '#app/modules/applications/venture.schema.ts'
import { AGE_BANDS, DISABILITIES, GENDERS } from './inclusion-rules.ts'

// The self-declaration form (issue 16): the applicant about themselves and, as their
// members told them, about each team member. Every question has "prefer not to say";
// the whole form is optional and needs the consent box. Messages: `inclusion` namespace.

export const E = {
  choose: 'inclusion:errors.choose' as const,
  consent: 'inclusion:errors.consent' as const,
}

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: E.choose }) })

export const declarationFields = {
  gender: choice(GENDERS),
  age_band: choice(AGE_BANDS),
  disability: choice(DISABILITIES),
}

export const declareSchema = z.object({
  intent: z.literal('declare'),
  consent: z.literal('on', { errorMap: () => ({ message: E.consent }) }),
  self: z.object(declarationFields),
  members: z
    .array(z.object({ id: z.string().uuid(), ...declarationFields }))
    .max(MAX_TEAM)
    .default([]),
})
export type DeclareInput = z.infer<typeof declareSchema>

export const withdrawSchema = z.object({ intent: z.literal('withdraw') })

/** The figures' filters (GET): an edition and, nationally, a province; ids checked against the lists. */
export const figuresQuerySchema = z.object({
  edition: z.string().uuid().optional().catch(undefined),
  province: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
})
