import { describe, expect, it } from 'vitest'
import { screeningListBack } from '#app/modules/review/review-params.ts'

// Where a screening decision returns to: only this province's list, with its call, filter
// and page; everything else is refused so the form cannot redirect elsewhere.

describe('screeningListBack', () => {
  const call = '0b6f3c1e-8f7a-4d2b-9c1e-2a3b4c5d6e7f'

  it("keeps the list's call, filter and page and adds the confirmation", () => {
    expect(screeningListBack(`/p/kalbar/manage/screening?call=${call}&filter=pending&page=3`, 'kalbar')).toBe(
      `/p/kalbar/manage/screening?call=${call}&filter=pending&page=3&screened=1`,
    )
    expect(screeningListBack('/p/kalbar/manage/screening', 'kalbar')).toBe('/p/kalbar/manage/screening?screened=1')
  })

  it('drops other parameters, a fragment and an earlier confirmation', () => {
    expect(screeningListBack('/p/kalbar/manage/screening?screened=1&x=<b>&filter=eligible#top', 'kalbar')).toBe(
      '/p/kalbar/manage/screening?filter=eligible&screened=1',
    )
  })

  it.each([
    ['another origin', 'https://evil.example/p/kalbar/manage/screening'],
    ['a protocol-relative URL', '//evil.example/p/kalbar/manage/screening'],
    ['a backslash host', '/\\evil.example/p/kalbar/manage/screening'],
    ['a tab hiding a host', '/\t/evil.example/p/kalbar/manage/screening'],
    ['another province', '/p/sulsel/manage/screening'],
    ['another page', '/p/kalbar/manage/applications'],
    ['a page below the list', '/p/kalbar/manage/screening/123'],
    ['a path escaping the list', '/p/kalbar/manage/screening/../applications'],
    ['a relative path', 'screening?filter=pending'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a keyword', 'list'],
  ])('refuses %s', (_, value) => {
    expect(screeningListBack(value, 'kalbar')).toBeNull()
  })

  it('refuses what is not a string or is overlong', () => {
    expect(screeningListBack(null, 'kalbar')).toBeNull()
    expect(screeningListBack(`/p/kalbar/manage/screening?filter=${'a'.repeat(600)}`, 'kalbar')).toBeNull()
  })
})
