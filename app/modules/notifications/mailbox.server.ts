import type { DB } from '#db/client.ts'

export const MAILBOX_PAGE_SIZE = 20

/** A page of the outbox, newest first (the development mailbox). */
export async function listOutbox(db: DB, page: number) {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'to_email', 'to_name', 'subject', 'body_text', 'created_at', 'sent_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .offset(page * MAILBOX_PAGE_SIZE)
    .limit(MAILBOX_PAGE_SIZE + 1)
    .execute()
  return { mails: rows.slice(0, MAILBOX_PAGE_SIZE), hasMore: rows.length > MAILBOX_PAGE_SIZE }
}
