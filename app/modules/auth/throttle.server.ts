import type { DB } from '#db/client.ts'

/** Failures allowed per key (account or IP) within the window before sign-in is refused. */
export const MAX_FAILURES = 10
export const WINDOW_MS = 10 * 60 * 1000

export const throttleKeys = (email: string, ip: string | null) => [
  `email:${email.trim().toLowerCase()}`,
  ...(ip ? [`ip:${ip}`] : []),
]

/** Seconds until a throttled key may try again, or 0 when none of the keys is throttled. */
export async function retryAfterSeconds(
  db: DB,
  keys: string[],
  now: Date,
  max: number = MAX_FAILURES,
): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS)
  let wait = 0
  for (const key of keys) {
    const rows = await db
      .selectFrom('auth_failures')
      .select('at')
      .where('key', '=', key)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(max)
      .execute()
    if (rows.length >= max) {
      // The key frees up when the oldest of the last `max` failures leaves the window.
      const oldest = rows[rows.length - 1] as { at: Date }
      wait = Math.max(wait, Math.ceil((new Date(oldest.at).getTime() + WINDOW_MS - now.getTime()) / 1000))
    }
  }
  return wait
}

export async function recordFailure(db: DB, keys: string[], now: Date): Promise<void> {
  await db
    .insertInto('auth_failures')
    .values(keys.map((key) => ({ key, at: now })))
    .execute()
  // Keep the table small: anything older than the window is irrelevant.
  await db
    .deleteFrom('auth_failures')
    .where('at', '<', new Date(now.getTime() - WINDOW_MS))
    .execute()
}

export async function clearFailures(db: DB, key: string): Promise<void> {
  await db.deleteFrom('auth_failures').where('key', '=', key).execute()
}
