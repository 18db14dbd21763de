import { describe, expect, it } from 'vitest'
import { sectionSchemas } from '#app/modules/applications/application.schema.ts'
import {
  editability,
  findSection,
  nextSection,
  SECTIONS,
  type SectionValues,
  sectionState,
  TEXT_LIMITS,
} from '#app/modules/applications/application-sections.ts'

// The pure section rules of the application (issue 6): order, completeness, editability
// and the per-section schemas' limits.

const blank: SectionValues = {
  ...(Object.fromEntries(Object.keys(TEXT_LIMITS).map((k) => [k, ''])) as Record<keyof typeof TEXT_LIMITS, string>),
  beneficiaries_count: null,
  issue_id: null,
  indicator_count: 0,
}
const section = (key: string) => {
  const s = findSection(key)
  if (!s) throw new Error(key)
  return s
}

describe('sections', () => {
  it('runs from the issue to the budget, and unknown keys find nothing', () => {
    expect(SECTIONS.map((s) => s.key)).toEqual([
      'issue',
      'problem',
      'solution',
      'beneficiaries',
      'business',
      'impact',
      'collaboration',
      'budget',
    ])
    expect(nextSection('issue')).toBe('problem')
    expect(nextSection('budget')).toBeUndefined()
    expect(findSection('attachments')).toBeUndefined()
    expect(findSection(undefined)).toBeUndefined()
  })

  it('tells empty, partial and complete apart', () => {
    const solution = section('solution')
    expect(sectionState(solution, blank)).toBe('empty')
    expect(sectionState(solution, { ...blank, solution: 'x' })).toBe('partial')
    expect(sectionState(solution, { ...blank, solution: 'x', novelty: 'y' })).toBe('complete')
    const people = section('beneficiaries')
    expect(sectionState(people, { ...blank, beneficiaries: 'x', beneficiaries_count: 0 })).toBe('complete')
    const impact = section('impact')
    expect(sectionState(impact, { ...blank, indicator_count: 1 })).toBe('partial')
    expect(sectionState(impact, { ...blank, impact: 'x', indicator_count: 1 })).toBe('partial')
    expect(sectionState(impact, { ...blank, impact: 'x', indicator_count: 2 })).toBe('complete')
    expect(sectionState(section('issue'), { ...blank, issue_id: 'some-id' })).toBe('complete')
  })

  it('lets only drafts of an open call change', () => {
    expect(editability('draft', true)).toBe('editable')
    expect(editability('draft', false)).toBe('callClosed')
    expect(editability('submitted', true)).toBe('notDraft')
  })
})

describe('section schemas', () => {
  it('accept an empty draft but enforce limits, counting CRLF as one character', () => {
    expect(sectionSchemas.problem.safeParse({}).success).toBe(true)
    expect(sectionSchemas.problem.safeParse({ problem: 'a'.repeat(3001) }).success).toBe(false)
    expect(sectionSchemas.problem.safeParse({ problem: `${'a'.repeat(2998)}\r\nb` }).success).toBe(true)
    expect(sectionSchemas.solution.safeParse({ novelty: 'a'.repeat(2001) }).success).toBe(false)
  })

  it('check the beneficiary count', () => {
    expect(sectionSchemas.beneficiaries.safeParse({ beneficiaries_count: 100_000_000 }).success).toBe(true)
    expect(sectionSchemas.beneficiaries.safeParse({ beneficiaries_count: 100_000_001 }).success).toBe(false)
    expect(sectionSchemas.beneficiaries.safeParse({ beneficiaries_count: 1.5 }).success).toBe(false)
  })

  it('drop blank indicator rows, require name, baseline and target in begun ones, allow three at most', () => {
    const ok = sectionSchemas.impact.safeParse({
      indicators: [{ name: 'A', baseline: '1', target: '2' }, undefined, {}],
    })
    expect(ok.success && ok.data.indicators).toEqual([{ name: 'A', baseline: '1', target: '2', unit: '' }])
    const begun = sectionSchemas.impact.safeParse({ indicators: [{ name: 'A' }] })
    expect(begun.success).toBe(false)
    expect(begun.error?.issues.map((i) => i.path.join('.'))).toEqual(['indicators.0.baseline', 'indicators.0.target'])
    const row = { name: 'A', baseline: '1', target: '2' }
    expect(sectionSchemas.impact.safeParse({ indicators: [row, row, row, row] }).success).toBe(false)
  })
})
