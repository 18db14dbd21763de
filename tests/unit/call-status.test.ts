import { describe, expect, it } from 'vitest'
import { callStatusAt } from '#app/modules/calls/call-status.ts'

const call = { opens_at: new Date('2023-02-05T16:00:00Z'), closes_at: new Date('2023-02-20T15:59:00Z') }

describe('call status at an instant', () => {
  it('is open from the opening instant through the closing instant, closed one millisecond later', () => {
    expect(callStatusAt([call], new Date('2023-02-05T16:00:00Z')).kind).toBe('open')
    expect(callStatusAt([call], new Date('2023-02-20T15:59:00Z')).kind).toBe('open')
    expect(callStatusAt([call], new Date('2023-02-20T15:59:00.001Z')).kind).toBe('closed')
  })

  it('counts whole days until an upcoming call opens', () => {
    const s = callStatusAt([call], new Date('2023-02-02T16:00:00Z'))
    expect(s).toMatchObject({ kind: 'upcoming', daysUntilOpen: 3 })
    expect(callStatusAt([call], new Date('2023-02-05T15:00:00Z'))).toMatchObject({ kind: 'upcoming', daysUntilOpen: 1 })
  })

  it('prefers an open call, then the next upcoming, then the latest closed', () => {
    const earlier = { opens_at: new Date('2022-01-01T00:00:00Z'), closes_at: new Date('2022-01-10T00:00:00Z') }
    const later = { opens_at: new Date('2024-01-01T00:00:00Z'), closes_at: new Date('2024-01-10T00:00:00Z') }
    expect(callStatusAt([earlier, call, later], new Date('2023-02-10T00:00:00Z')).kind).toBe('open')
    expect(callStatusAt([earlier, later], new Date('2023-02-10T00:00:00Z'))).toMatchObject({
      kind: 'upcoming',
      opensAt: later.opens_at,
    })
    expect(callStatusAt([earlier, call], new Date('2023-03-01T00:00:00Z'))).toMatchObject({
      kind: 'closed',
      closesAt: call.closes_at,
    })
    expect(callStatusAt([], new Date()).kind).toBe('none')
  })
})
