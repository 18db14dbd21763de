import { z } from 'zod'
import { WITHDRAW_REASON_MAX } from './submission-rules.ts'

// Forms of the submission slice (issue 6), shared by the pages and the actions.
// Messages are translation keys of the `apply` namespace.

export const SE = {
  consent: 'apply:submit.errors.consent' as const,
  reasonRequired: 'apply:withdraw.errors.required' as const,
  reasonTooLong: 'apply:withdraw.errors.tooLong' as const,
}

/** Submitting: the consent box and the notice version the applicant was shown. */
export const submitSchema = z.object({
  consent: z.literal('on', { errorMap: () => ({ message: SE.consent }) }),
  consent_version: z.coerce.number().int().positive(),
  // The page's own id, echoed back: a different id than the URL's is someone else's (404).
  application: z.string().optional(),
})

/** Withdrawing: a reason is required, at most 1000 characters after normalising line breaks. */
export const withdrawSchema = z.object({
  reason: z
    .string({ required_error: SE.reasonRequired })
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string({ required_error: SE.reasonRequired })
        .min(1, SE.reasonRequired)
        .max(WITHDRAW_REASON_MAX, SE.reasonTooLong),
    ),
  application: z.string().optional(),
})
