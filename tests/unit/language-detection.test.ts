import { describe, expect, it } from 'vitest'
import { detectLanguage, languageCookie } from '#app/i18n/detect.ts'

const at = (path: string) => new URL(path, 'http://localhost')

describe('language detection', () => {
  it('defaults to Indonesian', () => {
    expect(detectLanguage(at('/'), {})).toEqual({ language: 'id', fromQuery: false })
  })

  it('honours ?lng= first, then the cookie, then Accept-Language', () => {
    expect(detectLanguage(at('/?lng=en'), { cookie: 'lng=id', acceptLanguage: 'id' })).toEqual({
      language: 'en',
      fromQuery: true,
    })
    expect(detectLanguage(at('/'), { cookie: 'a=1; lng=en', acceptLanguage: 'id' }).language).toBe('en')
    expect(detectLanguage(at('/'), { acceptLanguage: 'en-GB,en;q=0.9,id;q=0.5' }).language).toBe('en')
    expect(detectLanguage(at('/'), { acceptLanguage: 'fr-FR, id;q=0.3, en;q=0.2' }).language).toBe('id')
  })

  it('ignores invalid values', () => {
    expect(detectLanguage(at('/?lng=xx'), { cookie: 'lng=de', acceptLanguage: 'fr' })).toEqual({
      language: 'id',
      fromQuery: false,
    })
  })

  it('builds a year-long cookie, Secure in production', () => {
    expect(languageCookie('en', true)).toBe('lng=en; Path=/; Max-Age=31536000; SameSite=Lax; Secure')
    expect(languageCookie('id', false)).not.toContain('Secure')
  })
})
