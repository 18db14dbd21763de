// Pure time-zone arithmetic for province-local dates. Indonesia has no daylight
// saving, but the code does not assume it: offsets are read from Intl per instant.

const partsFormatter = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatter.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormatter.set(timeZone, f)
  }
  return f
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Asia/Makassar → 480). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  )
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000)
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/** Turns a wall-clock time in `timeZone` ("2023-02-20T23:59") into the exact instant. */
export function localToInstant(local: string, timeZone: string): Date {
  const m = LOCAL_PATTERN.exec(local)
  if (!m) throw new RangeError(`not a local date-time: ${local}`)
  const [, y, mo, d, h, mi, s] = m
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0))
  let instant = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60000
  // A second pass settles the rare case where the offset differs at the corrected instant.
  instant = wall - zoneOffsetMinutes(new Date(instant), timeZone) * 60000
  return new Date(instant)
}

/** The wall-clock date-time of `instant` in `timeZone`, as "YYYY-MM-DDTHH:mm". */
export function instantToLocal(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60000)
  return shifted.toISOString().slice(0, 16)
}

/** Indonesia's zone abbreviations by UTC offset: WIB (+7), WITA (+8), WIT (+9). */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(instant, timeZone)
  const known: Record<number, string> = { 420: 'WIB', 480: 'WITA', 540: 'WIT' }
  if (known[offset]) return known[offset]
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const mm = abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''
  return `UTC${sign}${Math.floor(abs / 60)}${mm}`
}
