import { instantToLocal, localToInstant } from '#app/modules/calls/zoned-time.ts'

// Dates of the demo, computed from the moment of seeding.

export const DAY = 24 * 60 * 60 * 1000

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** A local calendar day `days` from `now`, at hh:mm in the province's zone. */
export function localDay(now: Date, days: number, hhmm: string, timeZone: string): Date {
  const day = instantToLocal(new Date(now.getTime() + days * DAY), timeZone).slice(0, 10)
  return localToInstant(`${day}T${hhmm}`, timeZone)
}
