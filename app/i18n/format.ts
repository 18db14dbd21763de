import { zoneAbbreviation } from '#app/modules/calls/zoned-time.ts'
import type { Language } from './config.ts'

// The one home of locale-dependent formatting. Pages render twice, in Node (UTC) on the
// server and in the reader's browser, so every call names its locale and, for instants,
// the province's zone: nothing may depend on the runtime's own defaults, or the client's
// text differs from the server's and React discards the server HTML (a hydration error).
const locales: Record<Language, string> = { id: 'id-ID', en: 'en-GB' }

// Building an Intl formatter costs hundreds of microseconds (ICU loads the locale's data);
// using one costs one or two. A page formats dozens of numbers and dates (and i18next
// formats every interpolated number), so formatters are made once per locale, zone and
// options and kept. The keys come from a handful of locales, zones and option sets; the
// bound only guards against an unexpected caller.
const MAX_FORMATTERS = 200
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined
  if (!f) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear()
    f = make()
    formatters.set(key, f)
  }
  return f
}

/** "20 Feb 2023 23.59 WITA": an instant in the province's zone, in the reader's language. */
export function formatDateTime(instant: Date, language: Language, timeZone: string): string {
  const format = cached(
    `dateTime|${language}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locales[language], {
        timeZone,
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  )
  return `${format.format(instant)} ${zoneAbbreviation(instant, timeZone)}`
}

/** "19.07 WIB": the time of day of an instant in a zone (a programme's running order). */
export function formatTime(instant: Date, language: Language, timeZone: string): string {
  const format = cached(
    `time|${language}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locales[language], { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  )
  return `${format.format(instant)} ${zoneAbbreviation(instant, timeZone)}`
}

/** "11 April 2023": a calendar date (YYYY-MM-DD), which has no time zone. */
export function formatDate(isoDate: string, language: Language): string {
  const format = cached(
    `date|${language}`,
    () =>
      new Intl.DateTimeFormat(locales[language], { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
  )
  return format.format(new Date(`${isoDate}T00:00:00Z`))
}

/** A score with two decimals: "60,00" in Indonesian, "60.00" in English. */
export function formatScore(value: number, language: Language): string {
  return formatNumber(value, language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** "1.234,5" in Indonesian, "1,234.5" in English. */
export function formatNumber(value: number, language: Language, options?: Intl.NumberFormatOptions): string {
  // Number#toLocaleString(locale, options) is new Intl.NumberFormat(locale, options).format.
  const key = options ? `number|${language}|${JSON.stringify(options)}` : `number|${language}`
  return cached(key, () => new Intl.NumberFormat(locales[language], options)).format(value)
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
