import { type Kysely, sql } from 'kysely'

// WhatsApp and SMS (issue 17): each user's phone channel (a number verified by a
// one-time code, opted in or stopped), the message outbox the delivery job drains,
// and the nonces of signed provider callbacks (replay window). Like users and
// mail_outbox these are identity tables: a message belongs to a person, not to a
// province, and is written from whatever scope caused it. Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('messaging_contacts')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // E.164 ("+6281234567890"), normalised by the module before it is stored.
    .addColumn('phone', 'text', (c) => c.notNull().check(sql`phone ~ '^\\+[1-9][0-9]{7,14}$'`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'active', 'stopped')`),
    )
    .addColumn('verified_at', 'timestamptz')
    // SHA-256 (hex) of the pending one-time code bound to user and number; the code itself is never stored.
    .addColumn('code_hash', 'text', (c) => c.check(sql`code_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('code_expires_at', 'timestamptz')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stopped_at', 'timestamptz')
    .addColumn('stopped_via', 'text', (c) => c.check(sql`stopped_via in ('reply', 'account')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('messaging_contacts_active_verified', sql`status <> 'active' or verified_at is not null`)
    .execute()
  // One person per verified number: inbound messages are answered for exactly that person.
  await sql`create unique index messaging_contacts_verified_phone on messaging_contacts (phone)
    where verified_at is not null`.execute(db)

  await db.schema
    .createTable('message_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('to_phone', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('id', 'en')`))
    .addColumn('body_text', 'text', (c) => c.notNull().check(sql`char_length(body_text) between 1 and 4096`))
    // Sent to the provider (with the channel) so a retried request never becomes a second message.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('whatsapp').check(sql`channel in ('whatsapp', 'sms')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('queued').check(sql`status in ('queued', 'sent', 'delivered', 'failed', 'logged')`),
    )
    .addColumn('provider_id', 'text', (c) => c.check(sql`char_length(provider_id) <= 200`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .execute()
  await sql`create index message_outbox_due on message_outbox (next_attempt_at) where status = 'queued'`.execute(db)
  await sql`create index message_outbox_by_user on message_outbox (user_id, created_at desc)`.execute(db)
  await sql`create unique index message_outbox_provider on message_outbox (provider_id) where provider_id is not null`.execute(
    db,
  )

  await db.schema
    .createTable('messaging_webhook_nonces')
    .addColumn('nonce', 'text', (c) => c.primaryKey().check(sql`char_length(nonce) between 16 and 128`))
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index messaging_webhook_nonces_age on messaging_webhook_nonces (seen_at)`.execute(db)

  await sql`grant select, insert, update, delete on messaging_contacts to winner_app`.execute(db)
  await sql`grant select, insert, update on message_outbox to winner_app`.execute(db)
  await sql`grant select, insert, delete on messaging_webhook_nonces to winner_app`.execute(db)
}
