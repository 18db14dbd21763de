import { describe, expect, it } from 'vitest'
import { type ApplicationContent, genericFileName, reviewView } from '#app/modules/review-desk/blind.ts'
import { parseQueueView } from '#app/modules/review-desk/queue-filters.ts'
import { COMMENT_MAX, declareSchema, parseScoreForm } from '#app/modules/review-desk/scoring.schema.ts'

// The pure parts of the reviewer's desk (issue 7): the rubric form, the declaration,
// the queue's views and the blind view model.

const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'

describe('parseScoreForm', () => {
  it('reads scores and comments per criterion and the save-and-next intent', () => {
    const form = parseScoreForm(
      [
        ['application', 'x'],
        ['intent', 'save_next'],
        [`score.${A}`, '4'],
        [`comment.${A}`, ' Bagus \r\nsekali '],
        [`comment.${B}`, ''],
      ],
      [A, B],
    )
    expect(form).toEqual({
      ok: true,
      next: true,
      entries: [
        { criterionId: A, score: 4, comment: 'Bagus \nsekali' },
        { criterionId: B, score: null, comment: '' },
      ],
    })
  })

  it('leaves a comment the form did not send untouched (null)', () => {
    const form = parseScoreForm([[`score.${A}`, '2']], [A])
    expect(form).toEqual({ ok: true, next: false, entries: [{ criterionId: A, score: 2, comment: null }] })
  })

  it('refuses scores outside 1–5, long comments and comments without a score', () => {
    const form = parseScoreForm(
      [
        [`score.${A}`, '6'],
        [`comment.${B}`, 'x'.repeat(COMMENT_MAX + 1)],
      ],
      [A, B],
    )
    expect(form).toMatchObject({
      ok: false,
      errors: { [A]: 'review:form.errors.score', [B]: 'review:form.errors.commentTooLong' },
    })
    expect(parseScoreForm([[`comment.${A}`, 'tanpa nilai']], [A])).toMatchObject({
      ok: false,
      errors: { [A]: 'review:form.errors.commentNeedsScore' },
    })
    expect(parseScoreForm([[`score.${A}`, '2.5']], [A])).toMatchObject({ ok: false })
  })

  it('flags a field naming a criterion that is not on the rubric', () => {
    expect(parseScoreForm([[`score.${B}`, '3']], [A])).toEqual({ ok: false, unknown: true })
  })
})

describe('declareSchema', () => {
  it('accepts "no conflict" and a conflict with a declarable kind only', () => {
    expect(declareSchema.safeParse({ conflict: 'none' }).success).toBe(true)
    expect(declareSchema.safeParse({ conflict: 'yes', kind: 'financial', note: '  ' }).data).toMatchObject({
      kind: 'financial',
      note: '',
    })
    const detectedOnly = declareSchema.safeParse({ conflict: 'yes', kind: 'email_domain' })
    expect(detectedOnly.error?.issues[0]?.message).toBe('review:declare.errors.kind')
    expect(declareSchema.safeParse({ conflict: 'yes', kind: 'family', note: 'x'.repeat(1001) }).success).toBe(false)
  })
})

describe('parseQueueView', () => {
  it('knows the four views and falls back to all', () => {
    expect(parseQueueView('todo')).toBe('todo')
    expect(parseQueueView('conflicts')).toBe('conflicts')
    expect(parseQueueView('drop table')).toBe('all')
    expect(parseQueueView(null)).toBe('all')
  })
})

const content: ApplicationContent = {
  id: 'app',
  receipt_number: 'WNR-1',
  submitted_at: null,
  beneficiaries_count: 10,
  issue_title_id: 'Isu',
  issue_title_en: 'Issue',
  venture_name: 'Koperasi Rahasia',
  legal_form: 'koperasi',
  stage: 'idea',
  year_founded: 2020,
  address: 'Jalan Rahasia 1',
  website: 'rahasia.id',
  social_links: '@rahasia',
  regency_name: 'Pontianak',
  regency_kind: 'kota',
  problem: 'Masalah',
  solution: '',
  novelty: '',
  beneficiaries: '',
  business_model: '',
  revenue: '',
  impact: '',
  collaboration_opd: '',
  collaboration_private: '',
  budget: '',
  funding_so_far: '',
}
const team = [{ id: 'm1', name: 'Sekar Rahasia', role: 'Ketua', gender: 'female', age_band: '25_34' }]
const files = [
  { id: 'f1', original_name: 'rahasia.png', size: 10, content_type: 'image/png', kind: 'photo' },
  { id: 'f2', original_name: 'proposal-rahasia.pdf', size: 20, content_type: 'application/pdf', kind: 'proposal' },
]

describe('reviewView', () => {
  it('carries nothing identifying in a blind call, not even in its JSON', () => {
    const view = reviewView(content, team, files, true)
    expect(JSON.stringify(view).toLowerCase()).not.toContain('rahasia')
    expect(view.organisation).toBeNull()
    expect(view.team).toEqual([{ key: 1, name: null, role: 'Ketua', gender: 'female', age_band: '25_34' }])
    expect(view.files.map((f) => [f.name, f.download])).toEqual([
      [null, 'lampiran-1.png'],
      [null, 'lampiran-2.pdf'],
    ])
    expect(view.texts.problem).toBe('Masalah')
  })

  it('names the organisation, team and files outside blind review', () => {
    const view = reviewView(content, team, files, false)
    expect(view.organisation).toBe('Koperasi Rahasia')
    expect(view.venture.website).toBe('rahasia.id')
    expect(view.team[0]?.name).toBe('Sekar Rahasia')
    expect(view.files[1]).toMatchObject({ name: 'proposal-rahasia.pdf', download: 'lampiran-2.pdf' })
  })

  it('builds generic names from the position and type', () => {
    expect(genericFileName(3, 'image/jpeg')).toBe('lampiran-3.jpg')
    expect(genericFileName(1, 'application/octet-stream')).toBe('lampiran-1.bin')
  })
})
