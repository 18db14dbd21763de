import { createInstance, type i18n } from 'i18next'
import { describe, expect, it } from 'vitest'
import { type Language, supportedLanguages } from '#app/i18n/config.ts'
import { i18nFor, serverInitOptions } from '#app/i18n/i18n.server.ts'
import { rememberPlainLookups } from '#app/i18n/plain-lookups.server.ts'
import { resources } from '#app/i18n/resources.server.ts'
import { flattenKeys } from '#tests/i18n/keys.ts'

// Option-less lookups remembered per server instance (app/i18n/plain-lookups.server.ts):
// every key of every namespace, in both languages and both ways of naming its namespace,
// gives what plain i18next gives, the first time and again; options still reach i18next;
// keys that do not resolve are not kept.

/** A plain i18next instance set up as i18n.server.ts sets up its own. */
function plain(language: Language) {
  const instance = createInstance()
  void instance.init(serverInitOptions(language))
  return instance
}

/** A fixed t without the typed catalogue's key checks (these keys come from the files). */
type LooseT = (key: string, options?: object) => unknown
const fixedOf = (instance: i18n, ns: string) => instance.getFixedT(null, ns as never) as unknown as LooseT

const keysOf = (language: Language) =>
  Object.entries(resources[language] as Record<string, Record<string, unknown>>).flatMap(([ns, tree]) =>
    flattenKeys(tree).map(([key]) => ({ ns, key })),
  )

describe('remembered plain lookups', () => {
  for (const language of supportedLanguages) {
    it(`give what i18next gives for every key in ${language}, twice`, () => {
      const upstream = plain(language)
      const served = i18nFor(language)
      const keys = keysOf(language)
      expect(keys.length).toBeGreaterThan(1000)
      for (const round of [1, 2]) {
        for (const { ns, key } of keys) {
          // As react-i18next asks: the fixed namespace first, the key with or without its own.
          expect(fixedOf(served, ns)(key), `${round} ${ns}:${key}`).toBe(fixedOf(upstream, ns)(key))
          expect(fixedOf(served, 'common')(`${ns}:${key}`), `${round} ${ns}:${key}`).toBe(
            fixedOf(upstream, 'common')(`${ns}:${key}`),
          )
        }
      }
    })
  }

  it('hands options to i18next, and keeps keys that do not resolve out of the map', () => {
    const instance = plain('en')
    rememberPlainLookups(instance)
    const t = fixedOf(instance, 'privacy')
    expect(t('data.reviewLine', { province: 'kalbar', application: 'A-1', at: 'today' })).toBe(
      'Application A-1 (kalbar), assigned today',
    )
    expect(t('data.reviewLine', { province: 'banten', application: 'B-2', at: 'now' })).toBe(
      'Application B-2 (banten), assigned now',
    )
    // The same key without options, then with: each as i18next answers it.
    expect(t('data.contact')).toBe('Number {{phone}}: {{status}}')
    expect(t('data.contact', { phone: '+62', status: 'on' })).toBe('Number +62: on')
    // A key built from a request that names nothing is answered as i18next answers, not kept:
    // a later resource under that name would be found.
    expect(t('done.no-such-thing')).toBe('done.no-such-thing')
    instance.addResource('en', 'privacy', 'done.no-such-thing', 'Now it exists')
    expect(t('done.no-such-thing')).toBe('Now it exists')
    // A key that resolved is remembered: the instance is taken to be fixed after init.
    expect(t('data.title')).toBe('Your data')
    instance.addResource('en', 'privacy', 'data.title', 'Changed later')
    expect(t('data.title')).toBe('Your data')
    expect(fixedOf(instance, 'privacy')('data.title', {})).toBe('Changed later')
  })

  it('keeps what a fixed t carries (its namespace and language) for callers that read it', () => {
    const t = i18nFor('id').getFixedT('id', 'mou') as unknown as { ns: string; lng: string }
    expect(t.ns).toBe('mou')
    expect(t.lng).toBe('id')
  })
})
