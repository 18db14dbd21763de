import { describe, expect, it } from 'vitest'
import { dateField, decimalField, opdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import {
  isForeignKeyViolation,
  isUniqueViolation,
  nextPriority,
  nextStatus,
  refusal,
  supportingWithoutLead,
} from '#app/modules/catalogue/issue-rules.ts'

describe('issue lifecycle rules', () => {
  it('validates drafts, publishes only validated issues, unpublishes back to validated', () => {
    expect(refusal('draft', 'validate')).toBeNull()
    expect(refusal('validated', 'validate')).toBeNull()
    expect(refusal('published', 'validate')).toBe('catalogue:issues.refused.validatePublished')
    expect(refusal('draft', 'publish')).toBe('catalogue:issues.refused.publishNeedsValidation')
    expect(refusal('validated', 'publish')).toBeNull()
    expect(refusal('validated', 'unpublish')).toBe('catalogue:issues.refused.notPublished')
    expect(nextStatus('draft', 'validate')).toBe('validated')
    expect(nextStatus('validated', 'publish')).toBe('published')
    expect(nextStatus('published', 'unpublish')).toBe('validated')
  })

  it('refuses deleting a published issue, allows drafts and validated ones', () => {
    expect(refusal('published', 'delete')).toBe('catalogue:issues.refused.deletePublished')
    expect(refusal('draft', 'delete')).toBeNull()
    expect(refusal('validated', 'delete')).toBeNull()
  })

  it('keeps the lead out of the supporting OPDs and drops duplicates', () => {
    expect(supportingWithoutLead('a', ['b', 'a', 'c', 'b'])).toEqual(['b', 'c'])
  })

  it('puts a new issue after the last one, capped at 99', () => {
    expect(nextPriority([])).toBe(1)
    expect(nextPriority([1, 5, 3])).toBe(6)
    expect(nextPriority([99])).toBe(99)
  })

  it('recognises PostgreSQL refusals by code', () => {
    expect(isForeignKeyViolation({ code: '23503' })).toBe(true)
    expect(isForeignKeyViolation(new Error('x'))).toBe(false)
    expect(isUniqueViolation({ code: '23505', constraint_name: 'opds_short_name' }, 'opds_short_name')).toBe(true)
    expect(isUniqueViolation({ code: '23505', constraint_name: 'other' }, 'opds_short_name')).toBe(false)
  })
})

describe('catalogue schemas', () => {
  it('reads a decimal comma as a point and refuses words', () => {
    expect(decimalField.parse('27,8')).toBe('27.8')
    expect(decimalField.parse(' 1200 ')).toBe('1200')
    expect(decimalField.safeParse('banyak').success).toBe(false)
  })

  it('accepts real calendar days only', () => {
    expect(dateField.safeParse('2023-04-11').success).toBe(true)
    expect(dateField.safeParse('2023-02-30').success).toBe(false)
    expect(dateField.safeParse('11/04/2023').success).toBe(false)
  })

  it('accepts OPD short names like Dinkes, PUPR, DP3A and refuses markup', () => {
    for (const short of ['Dinkes', 'PUPR', 'DP3A', 'Dinas P&K']) {
      expect(opdSchema.safeParse({ name: 'Dinas', short_name: short }).success, short).toBe(true)
    }
    expect(opdSchema.safeParse({ name: 'Dinas', short_name: '<b>x</b>' }).success).toBe(false)
  })
})
