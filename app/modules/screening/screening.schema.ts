import { z } from 'zod'
import type { ScreeningReason } from '#db/schema.ts'

// The screening decision form (issue 7). Messages are translation keys.

export const SCREENING_REASONS = [
  'incomplete',
  'issue_mismatch',
  'outside_province',
  'not_social_enterprise',
  'duplicate',
  'other',
] as const satisfies readonly ScreeningReason[]

export const SCREENING_FILTERS = ['pending', 'eligible', 'ineligible'] as const
export type ScreeningFilter = (typeof SCREENING_FILTERS)[number]

const E = {
  decision: 'screening:errors.decision' as const,
  reason: 'screening:errors.reason' as const,
  note: 'screening:errors.noteRequired' as const,
  tooLong: 'screening:errors.noteTooLong' as const,
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')

export const decisionSchema = z
  .object({
    decision: z.enum(['eligible', 'ineligible'], { message: E.decision }),
    reason: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(SCREENING_REASONS, { message: E.reason }).optional(),
    ),
    // Optional inside: conform reads an empty field as absent; the decision gets '' either way.
    note: z.preprocess(text, z.string().max(1000, E.tooLong).optional()).transform((v) => v ?? ''),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== 'ineligible') return
    if (!v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: E.reason })
    if (!v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: E.note })
  })

export type DecisionInput = z.infer<typeof decisionSchema>

/** The list's filter from the query string; anything else means "all". */
export function screeningFilter(value: string | null): ScreeningFilter | null {
  return (SCREENING_FILTERS as readonly string[]).includes(value ?? '') ? (value as ScreeningFilter) : null
}
