import { describe, expect, it } from 'vitest'
import { decisionSchema, screeningFilter } from '#app/modules/screening/screening.schema.ts'

// The screening decision form (issue 7): what each decision requires, as translation keys.

const errors = (input: Record<string, string>) => {
  const parsed = decisionSchema.safeParse(input)
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path[0], i.message]))
}

describe('decisionSchema', () => {
  it('accepts eligible with or without a note, trimmed', () => {
    expect(decisionSchema.parse({ decision: 'eligible', reason: '', note: '  ' })).toEqual({
      decision: 'eligible',
      reason: undefined,
      note: '',
    })
  })

  it('requires a listed reason and a note for ineligible', () => {
    expect(errors({ decision: 'ineligible', reason: '', note: '' })).toEqual({
      reason: 'screening:errors.reason',
      note: 'screening:errors.noteRequired',
    })
    expect(errors({ decision: 'ineligible', reason: 'because', note: 'x' })).toEqual({
      reason: 'screening:errors.reason',
    })
    expect(errors({ decision: 'ineligible', reason: 'duplicate', note: 'Sama dengan WNR-0002.' })).toEqual({})
  })

  it('refuses an unknown decision and an overlong note', () => {
    expect(errors({ decision: 'maybe', reason: '', note: '' })).toEqual({ decision: 'screening:errors.decision' })
    expect(errors({ decision: 'eligible', reason: '', note: 'x'.repeat(1001) })).toEqual({
      note: 'screening:errors.noteTooLong',
    })
  })
})

describe('screeningFilter', () => {
  it('knows the three filters and treats anything else as all', () => {
    expect(screeningFilter('pending')).toBe('pending')
    expect(screeningFilter('ineligible')).toBe('ineligible')
    expect(screeningFilter('draft')).toBeNull()
    expect(screeningFilter(null)).toBeNull()
  })
})
