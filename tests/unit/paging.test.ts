import { describe, expect, it } from 'vitest'
import { MAX_PAGE, pageWindow, parsePage } from '#app/modules/validation/paging.ts'

describe('paging', () => {
  const page = (value?: string, key = 'page') =>
    parsePage(new URLSearchParams(value === undefined ? {} : { [key]: value }), key)

  it('reads the page number safely', () => {
    expect(page()).toBe(1)
    expect(page('3')).toBe(3)
    expect(page('0')).toBe(1)
    expect(page('-2')).toBe(1)
    expect(page('abc')).toBe(1)
    expect(page('2.5')).toBe(1)
    expect(page('1e3')).toBe(1)
    expect(page(' 2')).toBe(1)
    expect(page('9999999')).toBe(1)
    expect(page('999999')).toBe(MAX_PAGE)
  })

  it('reads another parameter when named', () => {
    expect(parsePage(new URLSearchParams({ page: '2', from: '4' }), 'from')).toBe(4)
  })

  it('shows the page asked for, with its rows', () => {
    expect(pageWindow(2, 45, 20)).toEqual({ page: 2, pageCount: 3, limit: 20, offset: 20 })
    expect(pageWindow(3, 45, 20)).toEqual({ page: 3, pageCount: 3, limit: 20, offset: 40 })
  })

  it('shows the last page for a page past the end, and page 1 of an empty list', () => {
    expect(pageWindow(99, 45, 20)).toEqual({ page: 3, pageCount: 3, limit: 20, offset: 40 })
    expect(pageWindow(5, 0, 20)).toEqual({ page: 1, pageCount: 1, limit: 20, offset: 0 })
    expect(pageWindow(0, 40, 20)).toEqual({ page: 1, pageCount: 2, limit: 20, offset: 0 })
  })
})
