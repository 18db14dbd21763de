import { describe, expect, it } from 'vitest'
import { flattenKeys, keysUsedIn, rawKeysIn, resolvesTo } from '../i18n/keys.ts'

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
})
