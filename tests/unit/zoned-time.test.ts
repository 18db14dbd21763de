import { describe, expect, it } from 'vitest'
import { instantToLocal, localToInstant, zoneAbbreviation, zoneOffsetMinutes } from '#app/modules/calls/zoned-time.ts'

describe('province-local time', () => {
  it('a call closing 20 Feb 2023 23:59 in Makassar closes at 15:59 UTC', () => {
    expect(localToInstant('2023-02-20T23:59', 'Asia/Makassar').toISOString()).toBe('2023-02-20T15:59:00.000Z')
  })

  it.each([
    ['Asia/Jakarta', '2023-02-06T00:00', '2023-02-05T17:00:00.000Z', 'WIB'],
    ['Asia/Pontianak', '2023-04-11T09:30', '2023-04-11T02:30:00.000Z', 'WIB'],
    ['Asia/Makassar', '2023-02-06T00:00', '2023-02-05T16:00:00.000Z', 'WITA'],
    ['Asia/Jayapura', '2023-02-06T00:00', '2023-02-05T15:00:00.000Z', 'WIT'],
  ])('%s %s is %s (%s)', (zone, local, utc, abbr) => {
    const instant = localToInstant(local, zone)
    expect(instant.toISOString()).toBe(utc)
    expect(instantToLocal(instant, zone)).toBe(local)
    expect(zoneAbbreviation(instant, zone)).toBe(abbr)
  })

  it('keeps seconds and rejects malformed input', () => {
    expect(localToInstant('2023-02-20T23:59:59', 'Asia/Makassar').toISOString()).toBe('2023-02-20T15:59:59.000Z')
    expect(() => localToInstant('20/02/2023 23:59', 'Asia/Makassar')).toThrow(RangeError)
  })

  it('handles zones with daylight saving and non-Indonesian offsets', () => {
    // Europe/Amsterdam: CET in winter (+60), CEST in summer (+120).
    expect(zoneOffsetMinutes(new Date('2023-01-15T12:00:00Z'), 'Europe/Amsterdam')).toBe(60)
    expect(localToInstant('2023-07-15T12:00', 'Europe/Amsterdam').toISOString()).toBe('2023-07-15T10:00:00.000Z')
    expect(zoneAbbreviation(new Date('2023-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe('UTC+5:30')
  })
})
