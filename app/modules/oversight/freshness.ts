// How stale the national figures may get (docs/decisions/016-oversight-figures.md): a
// province's summary counts are recounted once they are older than FRESH_FOR_MS; the
// sweep that looks runs each minute, so a figure is at most about six minutes old
// (plus the time one recount takes). Pure.

export const FRESH_FOR_MS = 5 * 60_000

/** Whether a province counted at `refreshedAt` (null: never) must be counted again at `now`. */
export function isStale(refreshedAt: Date | null, now: Date): boolean {
  return refreshedAt === null || now.getTime() - refreshedAt.getTime() >= FRESH_FOR_MS
}
