import { type Kysely, sql } from 'kysely'

// Form rescues (issue 6, "drafts that never lose work"): what a signed-out browser
// posted to an applicant form, kept for a day so the form can be filled again after
// signing in. Nobody's tenant data yet — the poster is unknown until they sign in —
// so no province_id; instead a row is bound to the browser that holds its token.
// Frozen in time: imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('form_rescues')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // SHA-256 (hex) of the random token in the browser's HttpOnly cookie; the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().check(sql`token_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('path', 'text', (c) => c.notNull().check(sql`char_length(path) between 1 and 300`))
    // Field name/value pairs as posted; capped so a signed-out client cannot park large blobs.
    .addColumn('payload', 'jsonb', (c) => c.notNull().check(sql`pg_column_size(payload) <= 65536`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('form_rescues_token_path', ['token_hash', 'path'])
    .execute()
  await sql`create index form_rescues_expiry on form_rescues (expires_at)`.execute(db)

  // The runtime role keeps, reads and forgets rescues; nothing is ever edited in place.
  await sql`grant select, insert, delete on form_rescues to winner_app`.execute(db)
  await sql`alter table form_rescues enable row level security`.execute(db)
  await sql`alter table form_rescues force row level security`.execute(db)
  // A row is visible only to a transaction that names its token hash (app.rescue_token);
  // expired rows may additionally be swept by anyone.
  const holder = sql`token_hash = current_setting('app.rescue_token', true)`
  await sql`create policy rescue_read on form_rescues for select to winner_app
    using (${holder} or expires_at <= now())`.execute(db)
  await sql`create policy rescue_insert on form_rescues for insert to winner_app
    with check (${holder})`.execute(db)
  await sql`create policy rescue_delete on form_rescues for delete to winner_app
    using (${holder} or expires_at <= now())`.execute(db)
}
