import { describe, expect, it } from 'vitest'
import { DEFAULT_RUBRIC } from '#app/modules/review/default-rubric.ts'
import { validateWeights, weightedTotal } from '#app/modules/selection/score-maths.ts'

// The default rubric is data that calls copy: its shape must be complete in both languages.

describe('DEFAULT_RUBRIC', () => {
  it("has WiNNER's six criteria in order, with weights that validate and sum to 100", () => {
    expect(DEFAULT_RUBRIC.map((c) => [c.key, c.weight])).toEqual([
      ['issue_fit', 20],
      ['innovation', 20],
      ['impact_inclusion', 20],
      ['feasibility', 15],
      ['collaboration', 15],
      ['team', 10],
    ])
    expect(validateWeights(DEFAULT_RUBRIC)).toEqual({ ok: true })
    const all = (score: number) => Object.fromEntries(DEFAULT_RUBRIC.map((c) => [c.key, score]))
    expect(weightedTotal(DEFAULT_RUBRIC, all(5))).toBe(100)
    expect(weightedTotal(DEFAULT_RUBRIC, all(1))).toBe(20)
  })

  it('describes the criterion and every level 1–5 in Indonesian and English, one distinct sentence each', () => {
    for (const criterion of DEFAULT_RUBRIC) {
      const texts = [criterion.title, criterion.description, ...criterion.levels]
      expect(criterion.levels).toHaveLength(5)
      for (const text of texts) {
        expect(text.id.trim()).not.toBe('')
        expect(text.en.trim()).not.toBe('')
        expect(text.id).not.toBe(text.en)
      }
      for (const level of [criterion.description, ...criterion.levels]) {
        for (const sentence of [level.id, level.en]) {
          expect(sentence).toMatch(/^[A-Z].*\.$/)
          expect(sentence.slice(0, -1)).not.toMatch(/[.!?]\s/)
        }
      }
      expect(new Set(criterion.levels.map((l) => l.id)).size).toBe(5)
      expect(new Set(criterion.levels.map((l) => l.en)).size).toBe(5)
    }
  })
})
