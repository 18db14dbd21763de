import { type Kysely, sql, type Transaction } from 'kysely'
import { RUNTIME_ROLE } from '#db/client.ts'
import { sendAhead } from '#db/postgres-js.ts'
import type { Database } from '#db/schema.ts'
import { runTransaction } from '#db/transaction-scope.ts'

export type Trx = Transaction<Database>

/**
 * Which rows a transaction may touch: one province, or the national (read-all)
 * scope; `userId` additionally lets a user read their own memberships. A rescue
 * scope sees only the form rescues of one browser token (form-rescue.server.ts).
 * Final Night (docs/decisions/009-final-night-scope.md): `{ national: true, event }`
 * is the organiser, reading everything and writing that one event's set-up;
 * `{ event, userId }` is a participant (juror, guest) or finalist, reading that event
 * and writing only their own scores, conflicts and interests.
 */
export type TenantScope = (
  | { provinceId: string }
  | { national: true; event?: string }
  | { identity: true }
  | { rescueTokenHash: string }
  | { event: string }
) & { userId?: string }

/**
 * Runs `fn` in one transaction bound to a scope: the runtime role (RLS applies even
 * when the pool connects as owner) plus transaction-local settings that the
 * policies read. `set_config(..., true)` and `SET LOCAL` vanish at commit, so a
 * pooled connection (PgBouncer, transaction mode) never carries a tenant over.
 */
export async function withTenant<T>(
  db: Kysely<Database>,
  scope: TenantScope,
  fn: (trx: Trx) => Promise<T>,
): Promise<T> {
  const province = 'provinceId' in scope ? scope.provinceId : ''
  const mode =
    'provinceId' in scope
      ? 'tenant'
      : 'national' in scope
        ? 'national'
        : 'identity' in scope
          ? 'identity'
          : 'rescueTokenHash' in scope
            ? 'rescue'
            : 'event'
  const rescueToken = 'rescueTokenHash' in scope ? scope.rescueTokenHash : ''
  const event = 'event' in scope ? (scope.event ?? '') : ''
  return runTransaction(db, async (trx) => {
    // One statement: set_config('role', …, true) is SET LOCAL ROLE, applied first. Sent
    // ahead with BEGIN and fn's first statement (no round trip of its own): if it failed,
    // the transaction is aborted and that statement fails with it (db/postgres-js.ts).
    const settings =
      sql`select set_config('role', ${RUNTIME_ROLE}, true), set_config('app.province_id', ${province}, true),
      set_config('app.scope', ${mode}, true), set_config('app.user_id', ${scope.userId ?? ''}, true),
      set_config('app.rescue_token', ${rescueToken}, true), set_config('app.event_id', ${event}, true)`.compile(trx)
    await trx.executeQuery(sendAhead(settings))
    return fn(trx)
  })
}
