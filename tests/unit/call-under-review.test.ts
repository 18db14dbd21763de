import { describe, expect, it } from 'vitest'
import { callUnderReview } from '#app/modules/calls/call-under-review.ts'

const now = new Date('2026-11-30T00:00:00Z')
const call = (id: string, opens: string, status: 'draft' | 'published' = 'published') => ({
  id,
  status,
  opens_at: new Date(opens),
})

describe('the call under review', () => {
  it('is the latest published call that has opened', () => {
    const calls = [call('old', '2026-01-01'), call('current', '2026-11-01'), call('announced', '2027-01-01')]
    expect(callUnderReview(calls, now)?.id).toBe('current')
  })

  it('is never a draft, even one that opened later than every published call', () => {
    const calls = [call('current', '2026-11-01'), call('draft', '2026-11-20', 'draft')]
    expect(callUnderReview(calls, now)?.id).toBe('current')
    // Nor a draft that has not opened, when no published call has opened either.
    expect(callUnderReview([call('announced', '2027-01-01'), call('draft', '2027-02-01', 'draft')], now)?.id).toBe(
      'announced',
    )
  })

  it('is the latest announced call when none has opened yet', () => {
    const calls = [call('first', '2027-01-01'), call('second', '2027-03-01')]
    expect(callUnderReview(calls, now)?.id).toBe('second')
  })

  it('does not exist while the province has only drafts', () => {
    expect(callUnderReview([call('draft', '2026-11-01', 'draft')], now)).toBeUndefined()
    expect(callUnderReview([], now)).toBeUndefined()
  })
})
