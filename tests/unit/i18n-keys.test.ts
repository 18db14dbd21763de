import { describe, expect, it } from 'vitest'
import { catalogueProblems, flattenKeys, keysUsedIn, rawKeysIn, resolvesTo } from '../i18n/keys.ts'

describe('i18n key checks', () => {
  const keys = new Map(
    flattenKeys({ a: { b: 'B', n_one: 'one', n_other: 'many' }, top: 'T' }).map(([k, v]) => [`common:${k}`, v]),
  )

  it('flattens nested resources', () => {
    expect([...keys.keys()]).toEqual(['common:a.b', 'common:a.n_one', 'common:a.n_other', 'common:top'])
  })

  it('resolves plain, namespaced and plural keys, and rejects unknown ones', () => {
    expect(resolvesTo('a.b', keys)).toBe(true)
    expect(resolvesTo('common:a.n', keys)).toBe(true)
    expect(resolvesTo('a.missing', keys)).toBe(false)
    expect(resolvesTo('portal:a.b', keys)).toBe(false)
  })

  it('finds keys used in source with line numbers', () => {
    const source = "const x = t('a.b')\nconst y = t(\"portal:c.d\", { n })\nconst k = 'errors.notFoundTitle' as const"
    expect(keysUsedIn(source)).toEqual([
      { key: 'a.b', line: 1 },
      { key: 'portal:c.d', line: 2 },
      { key: 'errors.notFoundTitle', line: 3 },
    ])
  })

  it('spots a raw key in rendered text', () => {
    expect(rawKeysIn('<h1>common:a.b</h1>', keys.keys())).toContain('common:a.b')
    expect(rawKeysIn('<p>a.n</p>', keys.keys())).toEqual(['a.n'])
    expect(rawKeysIn('<p>B and many</p>', keys.keys())).toEqual([])
  })

  describe('the catalogue check', () => {
    const catalogue = (texts: Record<string, unknown>) =>
      new Map(flattenKeys(texts).map(([k, v]) => [`common:${k}`, v]))
    const both = { id: catalogue({ a: { b: 'B (id)' } }), en: catalogue({ a: { b: 'B (en)' } }) }

    it('passes a key both languages have', () => {
      expect(catalogueProblems(both, [{ file: 'app/x.tsx', text: "t('a.b')" }])).toEqual({ problems: [], used: 1 })
    })

    it('finds a key the code uses that neither locale file has, naming both languages', () => {
      const { problems } = catalogueProblems(both, [{ file: 'app/x.tsx', text: "const a = 1\nt('a.nowhere')" }])
      expect(problems).toEqual(['app/x.tsx:2: unknown key a.nowhere (missing in id, en)'])
    })

    it('finds a key the code uses that only one language has', () => {
      const onlyId = { id: catalogue({ a: { b: 'B', c: 'C' } }), en: catalogue({ a: { b: 'B' } }) }
      const { problems } = catalogueProblems(onlyId, [{ file: 'app/x.tsx', text: "t('a.c')" }])
      expect(problems).toEqual([
        'missing in en: common:a.c (present in id)',
        'app/x.tsx:1: unknown key a.c (missing in en)',
      ])
    })

    it('finds an empty text', () => {
      const empty = { id: catalogue({ a: { b: ' ' } }), en: catalogue({ a: { b: 'B' } }) }
      expect(catalogueProblems(empty, []).problems).toEqual(['empty text in id: common:a.b'])
    })
  })
})
