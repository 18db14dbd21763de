import { describe, expect, it } from 'vitest'
import { newKey, parseRubricForm } from '#app/modules/review-settings/rubric-form.ts'

// The rubric editor's form (issue 7): blocks per criterion, remove, add, errors per field.

function block(form: FormData, i: number, v: { key?: string; weight: string; title?: string; remove?: boolean }) {
  form.set(`c.${i}.key`, v.key ?? '')
  form.set(`c.${i}.weight`, v.weight)
  form.set(`c.${i}.title_id`, v.title ?? '')
  form.set(`c.${i}.title_en`, v.title ? `${v.title} EN` : '')
  for (let l = 1; l <= 5; l++) {
    form.set(`c.${i}.level${l}_id`, v.title ? `Tingkat ${l}` : '')
    form.set(`c.${i}.level${l}_en`, v.title ? `Level ${l}` : '')
  }
  if (v.remove) form.set(`c.${i}.remove`, 'on')
}

describe('parseRubricForm', () => {
  it('keeps stored criteria, drops removed ones, adds a filled new block and ignores an empty one', () => {
    const form = new FormData()
    block(form, 0, { key: 'issue_fit', weight: '60', title: 'Kesesuaian' })
    block(form, 1, { key: 'team', weight: '10', title: 'Tim', remove: true })
    block(form, 2, { weight: '40', title: 'Keberlanjutan' })
    block(form, 3, { weight: '' })
    const result = parseRubricForm(form, new Set(['issue_fit', 'team']))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.criteria.map((c) => [c.key, c.weight])).toEqual([
      ['issue_fit', 60],
      ['keberlanjutan_en', 40],
    ])
    expect(result.criteria[1]?.levels).toHaveLength(5)
  })

  it('answers an error key per field', () => {
    const form = new FormData()
    block(form, 0, { key: 'issue_fit', weight: '0', title: 'Kesesuaian' })
    form.set('c.0.level3_en', '')
    form.set('c.0.title_id', 'x'.repeat(201))
    const result = parseRubricForm(form, new Set(['issue_fit']))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual({
      'c.0.weight': 'screening:rubric.errors.weight',
      'c.0.title_id': 'screening:rubric.errors.tooLong',
      'c.0.level3_en': 'screening:rubric.errors.required',
    })
  })

  it('refuses a key the editor did not produce, and an empty rubric', () => {
    const form = new FormData()
    block(form, 0, { key: 'forged', weight: '100', title: 'X' })
    const forged = parseRubricForm(form, new Set(['issue_fit']))
    expect(forged.ok || forged.errors['c.0.title_id']).toBe('screening:rubric.errors.unknown')
    const empty = new FormData()
    block(empty, 0, { key: 'issue_fit', weight: '100', title: 'X', remove: true })
    const none = parseRubricForm(empty, new Set(['issue_fit']))
    expect(none.ok || none.errors.form).toBe('screening:rubric.errors.empty')
  })
})

describe('newKey', () => {
  it('derives a valid, unique key from a title', () => {
    expect(newKey('Social Impact!', new Set())).toBe('social_impact')
    expect(newKey('Social Impact', new Set(['social_impact']))).toBe('social_impact_2')
    expect(newKey('123', new Set())).toBe('criterion')
    expect(newKey('Évaluation', new Set())).toMatch(/^[a-z][a-z0-9_]{1,39}$/)
  })
})
