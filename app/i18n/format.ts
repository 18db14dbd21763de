import { zoneAbbreviation } from '#app/modules/calls/zoned-time.ts'
import type { Language } from './config.ts'

// The one home of locale-dependent formatting. Pages render twice, in Node (UTC) on the
// server and in the reader's browser, so every call names its locale and, for instants,
// the province's zone: nothing may depend on the runtime's own defaults, or the client's
// text differs from the server's and React discards the server HTML (a hydration error).
const locales: Record<Language, string> = { id: 'id-ID', en: 'en-GB' }

/** "20 Feb 2023 23.59 WITA": an instant in the province's zone, in the reader's language. */
export function formatDateTime(instant: Date, language: Language, timeZone: string): string {
  const text = new Intl.DateTimeFormat(locales[language], {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant)
  return `${text} ${zoneAbbreviation(instant, timeZone)}`
}

/** "19.07 WIB": the time of day of an instant in a zone (a programme's running order). */
export function formatTime(instant: Date, language: Language, timeZone: string): string {
  const text = new Intl.DateTimeFormat(locales[language], {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant)
  return `${text} ${zoneAbbreviation(instant, timeZone)}`
}

/** "11 April 2023": a calendar date (YYYY-MM-DD), which has no time zone. */
export function formatDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${isoDate}T00:00:00Z`))
}

/** A score with two decimals: "60,00" in Indonesian, "60.00" in English. */
export function formatScore(value: number, language: Language): string {
  return formatNumber(value, language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

// Number#toLocaleString builds a new Intl.NumberFormat on every call (≈ 40 µs): a leaderboard
// page formats some 700 figures, so the formatters are kept per language and options.
const numberFormats = new Map<string, Intl.NumberFormat>()

/** "1.234,5" in Indonesian, "1,234.5" in English. */
export function formatNumber(value: number, language: Language, options?: Intl.NumberFormatOptions): string {
  const key = options ? `${language}${JSON.stringify(options)}` : language
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locales[language], options)
    numberFormats.set(key, format)
  }
  return format.format(value)
}

// Interpolated values that are numbers but not quantities: a year reads "2023", never "2.023".
const NOT_QUANTITIES = new Set(['year'])

/**
 * i18next's formatter for every interpolated value (`alwaysFormat`): numbers in a text
 * ("maks. {{max}} karakter", "{{count}} proposal") follow the reader's locale — "3.000"
 * in Indonesian, "3,000" in English — on the server and in the browser alike.
 */
export function formatInterpolated(
  value: any,
  _format: string | undefined,
  lng: string | undefined,
  options?: object,
): string {
  const key = (options as { interpolationkey?: string } | undefined)?.interpolationkey ?? ''
  if (typeof value !== 'number' || NOT_QUANTITIES.has(key)) return value
  return formatNumber(value, lng === 'en' ? 'en' : 'id')
}

/** The interpolation options every i18next instance of the app uses. */
export const interpolation = { escapeValue: false, alwaysFormat: true, format: formatInterpolated } as const
