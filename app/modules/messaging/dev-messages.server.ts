import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { listRecentMessages } from './messaging.queries.server.ts'
import { maskPhone } from './phone.ts'

export const MESSAGES_PAGE_SIZE = 20

/** A page of the message outbox, newest first, numbers masked (/dev/messages, no provider configured). */
export async function listMessagesForDev(db: DB, page: number) {
  const rows = await withTenant(db, { identity: true }, (trx) =>
    listRecentMessages(trx, MESSAGES_PAGE_SIZE + 1, page * MESSAGES_PAGE_SIZE),
  )
  return {
    messages: rows.slice(0, MESSAGES_PAGE_SIZE).map(({ to_phone, ...m }) => ({ ...m, to: maskPhone(to_phone) })),
    hasMore: rows.length > MESSAGES_PAGE_SIZE,
  }
}
