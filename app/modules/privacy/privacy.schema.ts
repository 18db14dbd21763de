import { z } from 'zod'
import { optionalLines, requiredText } from '#app/modules/validation/fields.ts'

// The privacy forms (self-service, the officer's queue, incidents). Messages are keys of
// the `privacy` namespace.
export const E = {
  required: 'privacy:errors.required' as const,
  tooLong: 'privacy:errors.tooLong' as const,
  email: 'privacy:errors.email' as const,
  confirm: 'privacy:errors.confirm' as const,
  date: 'privacy:errors.date' as const,
  choice: 'privacy:errors.choice' as const,
}

const choice = <const T extends [string, ...string[]]>(values: T) =>
  z.enum(values, { required_error: E.choice, invalid_type_error: E.choice, message: E.choice })

export const consentSchema = z.object({ intent: z.literal('consent'), granted: choice(['yes', 'no']) })

export const requestSchema = z.object({
  intent: z.literal('request'),
  kind: choice(['objection', 'member_data']),
  details: requiredText(2000, E),
})

export const erasureSchema = z.object({
  intent: z.literal('erase'),
  confirm: z.literal('on', { errorMap: () => ({ message: E.confirm }) }),
  details: optionalLines(2000, E.tooLong),
})

export const selfServiceSchema = z.discriminatedUnion('intent', [consentSchema, requestSchema, erasureSchema])

export const decisionSchema = z.object({
  decision: choice(['granted', 'refused']),
  reason: requiredText(2000, E),
})

export const officerSchema = z.object({
  user: z.string({ required_error: E.required }).uuid(E.choice),
  appointed: choice(['yes', 'no']),
})

export const incidentSchema = z.object({
  what: requiredText(2000, E),
  found_at: z.string({ required_error: E.date }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, E.date),
  data_affected: requiredText(1000, E),
  province: z.string().uuid(E.choice).optional(),
  authority_email: requiredText(254, E).pipe(z.string().email(E.email)),
  drill: z.literal('on').optional(),
})
