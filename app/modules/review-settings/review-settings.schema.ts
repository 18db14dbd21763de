import { z } from 'zod'
import { localDateTime } from '#app/modules/calls/calls.schema.ts'

// Review settings of a call (issue 7), parsed with conform (empty fields are absent,
// checkboxes are booleans). Messages are translation keys.

const perApplication = 'screening:errors.reviewersPerApplication' as const

export const settingsSchema = z.object({
  review_closes_at: localDateTime.optional(),
  blind_review: z.boolean().default(false),
  share_scores: z.boolean().default(false),
  reviewers_per_application: z
    .number({ required_error: perApplication, invalid_type_error: perApplication })
    .int(perApplication)
    .min(1, perApplication)
    .max(10, perApplication),
})

export type SettingsInput = z.infer<typeof settingsSchema>
