import { describe, expect, it } from 'vitest'
import { provinceStage } from '#app/modules/oversight/stage.ts'

const none = { submitted: 0, eligible: 0, scored: 0, finalists: 0 }

describe('a province’s stage on the national home', () => {
  it('follows the call before anything is submitted', () => {
    expect(provinceStage('none', none)).toBe('preparing')
    expect(provinceStage('upcoming', none)).toBe('upcoming')
    expect(provinceStage('open', { ...none, submitted: 4 })).toBe('open')
    expect(provinceStage('closed', none)).toBe('closed')
  })

  it('then the furthest step its applications reached', () => {
    expect(provinceStage('closed', { ...none, submitted: 4 })).toBe('screening')
    expect(provinceStage('closed', { ...none, submitted: 4, eligible: 3 })).toBe('review')
    expect(provinceStage('closed', { submitted: 4, eligible: 3, scored: 2, finalists: 3 })).toBe('selection')
  })

  it('tells finalists awaiting the ministry from finalists published', () => {
    const chosen = { submitted: 4, eligible: 3, scored: 3, finalists: 3 }
    expect(provinceStage('closed', chosen, 'open')).toBe('selection')
    expect(provinceStage('closed', chosen, 'returned')).toBe('selection')
    expect(provinceStage('closed', chosen, 'awaiting_confirmation')).toBe('awaiting')
    expect(provinceStage('closed', chosen, 'confirmed')).toBe('selection')
    expect(provinceStage('closed', chosen, 'published')).toBe('published')
    // The national home counts finalists once published; before that the selection says it.
    expect(provinceStage('closed', { ...chosen, finalists: 0 }, 'awaiting_confirmation')).toBe('awaiting')
  })
})
