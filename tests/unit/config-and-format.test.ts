import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatNumber } from '#app/i18n/format.ts'
import { loadConfig } from '#app/server/config.ts'

describe('server configuration', () => {
  it('defaults to the embedded database with demo data on port 3000', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, dataDir: '.data', seedDemo: true, production: false })
  })

  it('uses DATABASE_URL without demo data unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' })).toMatchObject({
      databaseUrl: 'postgres://u@h/db',
      seedDemo: false,
    })
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: '1' }).seedDemo).toBe(true)
  })

  it('refuses bad values with a readable message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/Invalid configuration: PORT/)
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/)
  })
})

describe('date formatting', () => {
  const close = new Date('2023-02-20T15:59:00Z')
  it('shows instants in the province zone with its abbreviation, in the reader language', () => {
    expect(formatDateTime(close, 'id', 'Asia/Makassar')).toBe('20 Feb 2023, 23.59 WITA')
    expect(formatDateTime(close, 'en', 'Asia/Makassar')).toBe('20 Feb 2023, 23:59 WITA')
    expect(formatDateTime(close, 'en', 'Asia/Jakarta')).toBe('20 Feb 2023, 22:59 WIB')
  })
  it('shows calendar dates without shifting them', () => {
    expect(formatDate('2023-04-11', 'id')).toBe('11 April 2023')
    expect(formatDate('2022-10-01', 'en')).toBe('1 October 2022')
  })
})

describe('number formatting', () => {
  it("uses the reader's language, whatever the runtime's locale", () => {
    expect(formatNumber(1234567.5, 'id')).toBe('1.234.567,5')
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5')
    expect(formatNumber(7.456, 'id', { minimumFractionDigits: 2, maximumFractionDigits: 2 })).toBe('7,46')
  })
  it('keeps one formatter per language and options, with the same text as toLocaleString', () => {
    const cases: [number, 'id' | 'en', Intl.NumberFormatOptions | undefined][] = [
      [1234.5, 'id', undefined],
      [1234.5, 'en', undefined],
      [7.456, 'id', { minimumFractionDigits: 2, maximumFractionDigits: 2 }],
      [7.456, 'id', { maximumFractionDigits: 1 }],
      [0.5, 'en', { maximumFractionDigits: 6 }],
    ]
    // Twice each, interleaved: a formatter kept for one set of options must not answer for another.
    for (const round of [1, 2]) {
      for (const [value, language, options] of cases) {
        const expected = value.toLocaleString(language === 'id' ? 'id-ID' : 'en-GB', options)
        expect(formatNumber(value, language, options), `${value} ${language} round ${round}`).toBe(expected)
      }
    }
    // Dates likewise per zone: the same instant, one after the other.
    const close = new Date('2023-02-20T15:59:00Z')
    expect(formatDateTime(close, 'id', 'Asia/Jayapura')).toBe('21 Feb 2023, 00.59 WIT')
    expect(formatDateTime(close, 'id', 'Asia/Makassar')).toBe('20 Feb 2023, 23.59 WITA')
  })
})
