import { zoneAbbreviation } from '#app/modules/calls/zoned-time.ts'
import type { Language } from './config.ts'

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

/** "11 April 2023": a calendar date (YYYY-MM-DD), which has no time zone. */
export function formatDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${isoDate}T00:00:00Z`))
}
