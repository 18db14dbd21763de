import { describe, expect, it } from 'vitest'
import { submitSchema, withdrawSchema } from '#app/modules/applications/submission.schema.ts'
import {
  acceptsSubmissionAt,
  buildTimeline,
  canWithdraw,
  formatReceiptNumber,
  incompleteSections,
  submitBlock,
} from '#app/modules/applications/submission-rules.ts'

const window = { opens_at: new Date('2023-02-06T00:00:00+07:00'), closes_at: new Date('2023-02-20T23:59:00+07:00') }
const blank = {
  problem: '',
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
  beneficiaries_count: null,
  issue_id: 'issue',
  indicator_count: 0,
}

describe('submission rules', () => {
  it('judges the window in exact instants, the closing instant included', () => {
    expect(acceptsSubmissionAt(window, window.closes_at)).toBe(true)
    expect(acceptsSubmissionAt(window, new Date(window.closes_at.getTime() + 1000))).toBe(false)
    expect(acceptsSubmissionAt(window, new Date(window.closes_at.getTime() - 60_000))).toBe(true)
    expect(acceptsSubmissionAt(window, new Date(window.opens_at.getTime() - 1))).toBe(false)
  })

  it("formats receipt numbers with the submission's local year and a 4-digit sequence", () => {
    expect(formatReceiptNumber(new Date('2023-02-10T03:00:00Z'), 'Asia/Pontianak', 'kalbar', 42)).toBe(
      'WNR-2023-KALBAR-0042',
    )
    expect(formatReceiptNumber(new Date('2024-01-31T03:00:00Z'), 'Asia/Makassar', 'sulsel', 12345)).toBe(
      'WNR-2024-SULSEL-12345',
    )
    // 31 Dec 2023, 16:30 UTC is already 1 Jan 2024 in Jayapura (UTC+9) but not in Jakarta (UTC+7).
    const newYearsEve = new Date('2023-12-31T16:30:00Z')
    expect(formatReceiptNumber(newYearsEve, 'Asia/Jayapura', 'papua', 1)).toBe('WNR-2024-PAPUA-0001')
    expect(formatReceiptNumber(newYearsEve, 'Asia/Jakarta', 'banten', 1)).toBe('WNR-2023-BANTEN-0001')
  })

  it('lists incomplete sections in form order', () => {
    expect(incompleteSections(blank)).toEqual([
      'problem',
      'solution',
      'beneficiaries',
      'business',
      'impact',
      'collaboration',
      'budget',
    ])
    const full = {
      ...blank,
      problem: 'a',
      solution: 'a',
      novelty: 'a',
      beneficiaries: 'a',
      beneficiaries_count: 0,
      business_model: 'a',
      revenue: 'a',
      impact: 'a',
      collaboration_opd: 'a',
      collaboration_private: 'a',
      budget: 'a',
      funding_so_far: 'a',
    }
    expect(incompleteSections({ ...full, indicator_count: 1 })).toEqual(['impact'])
    expect(incompleteSections({ ...full, indicator_count: 2 })).toEqual([])
  })

  it('blocks in the order the applicant can act on', () => {
    const ok = { status: 'draft', callOpen: true, incomplete: [], noticeVersion: 1 }
    expect(submitBlock(ok)).toBeNull()
    expect(submitBlock({ ...ok, status: 'submitted' })).toBe('submitted')
    expect(submitBlock({ ...ok, status: 'withdrawn' })).toBe('withdrawn')
    expect(submitBlock({ ...ok, callOpen: false, incomplete: ['problem'] })).toBe('callClosed')
    expect(submitBlock({ ...ok, incomplete: ['problem'] })).toBe('incomplete')
    expect(submitBlock({ ...ok, noticeVersion: null })).toBe('noNotice')
  })

  it('allows withdrawal only while submitted', () => {
    expect(canWithdraw('submitted')).toBe(true)
    expect(canWithdraw('draft')).toBe(false)
    expect(canWithdraw('withdrawn')).toBe(false)
  })

  it('builds the timeline: events, then the steps ahead (none once withdrawn)', () => {
    const at = new Date('2023-02-10T03:00:00Z')
    const submitted = buildTimeline('submitted', [{ status: 'submitted', at, note: null }])
    expect(submitted.map((e) => `${e.kind}:${e.status}`)).toEqual([
      'done:submitted',
      'future:screening',
      'future:review',
      'future:shortlisted',
      'future:finalist',
      'future:decision',
    ])
    const withdrawn = buildTimeline('withdrawn', [
      { status: 'withdrawn', at: new Date(at.getTime() + 1000), note: 'alasan' },
      { status: 'submitted', at, note: null },
    ])
    expect(withdrawn.map((e) => `${e.kind}:${e.status}`)).toEqual(['done:submitted', 'done:withdrawn'])
  })
})

describe('submission forms', () => {
  it('requires the consent box', () => {
    expect(submitSchema.safeParse({ consent_version: '1' }).success).toBe(false)
    expect(submitSchema.safeParse({ consent: 'on', consent_version: '1' }).success).toBe(true)
  })

  it('requires a withdrawal reason of at most 1000 characters, counting CRLF as one', () => {
    expect(withdrawSchema.safeParse({ reason: '  ' }).success).toBe(false)
    expect(withdrawSchema.safeParse({ reason: 'x'.repeat(1001) }).success).toBe(false)
    const crlf = `${'x'.repeat(499)}\r\n${'x'.repeat(500)}`
    expect(withdrawSchema.safeParse({ reason: crlf }).success).toBe(true)
  })
})
