import { sql } from 'kysely'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Orders a juror's writes against the organiser's status changes (docs/decisions/009).
// A participant's policies do not let them lock the `final_nights` row, so a score post
// that read 'voting' could otherwise commit after a close. Both sides take one
// transaction-scoped advisory lock keyed by the event, before reading its status: posts
// share it (40 jurors at once do not wait on each other), a status change holds it alone,
// so a close waits for the posts in flight and a later post, once it has the lock, reads
// the committed close in its next statement (READ COMMITTED) and is refused. Released at
// commit or rollback. The key is a 64-bit hash of the event id: two events colliding
// would only make one wait for the other, never let a post through.

const key = (eventId: string) => sql`hashtextextended(${`final_night:${eventId}`}, 0)`

/** A juror's write to the event (score post, conflict declaration): shared with the others. */
export async function shareVotingLock(trx: Trx, eventId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${key(eventId)})`.execute(trx)
}

/** The organiser's status change: waits for the jurors' writes in flight, holds off new ones until commit. */
export async function holdVotingLock(trx: Trx, eventId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${key(eventId)})`.execute(trx)
}
