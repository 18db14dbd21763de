import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { submitSchema, withdrawSchema } from '#app/modules/applications/submission.schema.ts'
import { declareSchema } from '#app/modules/review-desk/scoring.schema.ts'
import { decisionSchema as screeningSchema } from '#app/modules/screening/screening.schema.ts'
import { decisionSchema, selectionSchema } from '#app/modules/selection/selection.schema.ts'
import { firstError, firstErrors } from '#app/modules/validation/form-errors.ts'

// The forms that moved from a bare safeParse to the one boundary (parseWithZod): conform
// reads an empty field as absent, and each reply must keep the key it had (docs/ARCHITECTURE.md#errors).

const APP = '6f1c3a2e-1111-4111-8111-111111111111'

function submit(schema: z.ZodTypeAny, fields: Record<string, string>) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  const submission = parseWithZod(form, { schema })
  return submission.status === 'success'
    ? { value: submission.value as unknown }
    : { first: firstError(submission.error, 'fallback'), fields: firstErrors(submission.error) }
}

describe('forms parsed at the boundary keep their replies', () => {
  it('withdrawal: an empty or blank reason is required, a long one too long', () => {
    expect(submit(withdrawSchema, { reason: '' }).first).toBe('apply:withdraw.errors.required')
    expect(submit(withdrawSchema, { reason: '  \r\n ' }).first).toBe('apply:withdraw.errors.required')
    expect(submit(withdrawSchema, { reason: 'x'.repeat(1001) }).first).toBe('apply:withdraw.errors.tooLong')
    expect(submit(withdrawSchema, { reason: ' Pindah \r\n' })).toEqual({ value: { reason: 'Pindah' } })
  })

  it('submission: the consent message belongs to its field', () => {
    expect(submit(submitSchema, { consent_version: '1' }).fields?.consent).toBe('apply:submit.errors.consent')
    expect(submit(submitSchema, { consent: 'on', consent_version: '2' })).toEqual({
      value: { consent: 'on', consent_version: 2 },
    })
  })

  it('screening: eligible needs no note; ineligible needs a reason and a note', () => {
    expect(submit(screeningSchema, { decision: 'eligible', reason: '', note: '' })).toEqual({
      value: { decision: 'eligible', note: '' },
    })
    expect(submit(screeningSchema, { decision: 'ineligible', reason: '', note: '' }).fields).toEqual({
      reason: 'screening:errors.reason',
      note: 'screening:errors.noteRequired',
    })
  })

  it('selection: a blank application is invalid, a blank justification too short, a blank return note required', () => {
    expect(submit(selectionSchema, { intent: 'shortlist', application: '' }).first).toBe('selection:errors.invalid')
    expect(submit(selectionSchema, { intent: 'finalist', application: APP, justification: '' }).first).toBe(
      'selection:errors.justificationShort',
    )
    expect(submit(decisionSchema, { intent: 'return', note: ' ' }).first).toBe('selection:errors.noteRequired')
    expect(submit(selectionSchema, { intent: 'nothing' }).first).toBe('selection:errors.invalid')
  })

  it('conflict declaration: an empty note is allowed, an unknown kind or answer has a key', () => {
    expect(submit(declareSchema, { conflict: 'yes', kind: 'family', note: '' })).toEqual({
      value: { conflict: 'yes', kind: 'family', note: '' },
    })
    expect(submit(declareSchema, { conflict: 'yes', kind: '' }).first).toBe('review:declare.errors.kind')
    expect(submit(declareSchema, {}).first).toBe('review:declare.errors.kind')
  })
})
