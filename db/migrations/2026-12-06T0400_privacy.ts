import { type Kysely, sql } from 'kysely'

// Personal data under UU No. 27/2022 (issue 17): privacy officers (a national staff
// flag beside the memberships, docs/decisions/010), requests the user cannot serve
// alone, optional consents, breach incidents and their notification drafts, and one
// owner-run function that erases given values from the append-only audit log, the
// browser-bound form rescues and mails to others. National tables: no province_id. Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_officers')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('appointed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('appointed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('privacy_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('erasure', 'objection', 'member_data')`))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(details) <= 2000`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'granted', 'refused')`),
    )
    .addColumn('decision_reason', 'text', (c) => c.check(sql`char_length(decision_reason) <= 2000`))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .addCheckConstraint(
      'privacy_requests_decided',
      sql`(status = 'open') = (decided_at is null) and (status = 'open' or decision_reason is not null)`,
    )
    .execute()
  await sql`create index privacy_requests_open on privacy_requests (due_at) where status = 'open'`.execute(db)

  await db.schema
    .createTable('user_consents')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('future_editions')`))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .addPrimaryKeyConstraint('user_consents_pk', ['user_id', 'purpose'])
    .execute()

  await db.schema
    .createTable('privacy_incidents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('what', 'text', (c) => c.notNull().check(sql`char_length(what) between 1 and 2000`))
    .addColumn('found_at', 'timestamptz', (c) => c.notNull())
    .addColumn('data_affected', 'text', (c) => c.notNull().check(sql`char_length(data_affected) between 1 and 1000`))
    .addColumn('province_id', 'uuid', (c) => c.references('provinces.id'))
    .addColumn('people_affected', 'integer', (c) => c.notNull().check(sql`people_affected >= 0`))
    .addColumn('authority_email', 'text', (c) => c.notNull().check(sql`char_length(authority_email) between 3 and 254`))
    .addColumn('drill', 'boolean', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('notified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Drafts name their recipient by account; the text is rendered when shown or sent,
  // so no copy of anyone's name or address sits in a draft.
  await db.schema
    .createTable('privacy_incident_notices')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('privacy_incidents.id').onDelete('cascade'))
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('user', 'authority')`))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('drill', 'boolean', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addCheckConstraint('privacy_notices_recipient', sql`(audience = 'user') = (user_id is not null)`)
    .addCheckConstraint('privacy_notices_drill_unsent', sql`not (drill and sent_at is not null)`)
    .execute()

  // Officers and staff work in the national scope; a user reads and files their own
  // requests and consents (app.user_id) in the identity scope.
  const national = sql`app_national_scope()`
  const own = sql`user_id = app_current_user()`
  await rls(db, 'privacy_officers', national, sql`${national} or ${own}`)
  await rls(db, 'privacy_requests', sql`${national} or ${own}`, sql`${national} or ${own}`)
  await rls(db, 'user_consents', sql`${national} or ${own}`, sql`${national} or ${own}`)
  await rls(db, 'privacy_incidents', national, national)
  await rls(db, 'privacy_incident_notices', national, national)

  // Venture snapshots are never edited (docs/decisions/006), except by erasure, which
  // replaces the person's fields where the submitted application must stay: only those
  // columns, only in the transaction's own province.
  await sql`grant update (name, address, website, social_links) on venture_snapshots to winner_app`.execute(db)
  await sql`grant update (name) on venture_snapshot_members to winner_app`.execute(db)
  for (const table of ['venture_snapshots', 'venture_snapshot_members']) {
    const own = sql`province_id = app_current_province()`
    await sql`create policy tenant_update on ${sql.table(table)} as restrictive for update
      using (${own}) with check (${own})`.execute(db)
  }

  // Erasure (docs/decisions/010): the runtime role may not rewrite the audit log nor see
  // other browsers' rescues, so the one thing it may do there is ask this owner-run
  // function to replace the given values in audit details and forget rescues holding them.
  await sql`
    create function privacy_erase_values(needles text[]) returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      n text;
      literal text;
      touched integer := 0;
      c integer;
    begin
      foreach n in array needles loop
        if n is null or char_length(n) < 3 then continue; end if;
        -- '***=' makes the rest of an expression a literal string: no pattern injection.
        literal := '***=' || n;
        update audit_log set details = regexp_replace(details::text, literal, '[erased]', 'gi')::jsonb
          where details::text ~* literal;
        get diagnostics c = row_count; touched := touched + c;
        delete from form_rescues where payload::text ~* literal or path ~* literal;
        get diagnostics c = row_count; touched := touched + c;
        update mail_outbox set
            subject = regexp_replace(subject, literal, '[erased]', 'gi'),
            body_text = regexp_replace(body_text, literal, '[erased]', 'gi'),
            to_name = regexp_replace(to_name, literal, '[erased]', 'gi')
          where subject ~* literal or body_text ~* literal or to_name ~* literal;
        get diagnostics c = row_count; touched := touched + c;
      end loop;
      return touched;
    end $$`.execute(db)
  await sql`revoke all on function privacy_erase_values(text[]) from public`.execute(db)
  await sql`grant execute on function privacy_erase_values(text[]) to winner_app`.execute(db)
}

async function rls(db: Kysely<any>, table: string, write: ReturnType<typeof sql>, read: ReturnType<typeof sql>) {
  const t = sql.table(table)
  await sql`grant select, insert, update, delete on ${t} to winner_app`.execute(db)
  await sql`alter table ${t} enable row level security`.execute(db)
  await sql`alter table ${t} force row level security`.execute(db)
  await sql`create policy runtime_access on ${t} to winner_app using (true) with check (true)`.execute(db)
  await sql`create policy tenant_read on ${t} as restrictive for select using (${read})`.execute(db)
  await sql`create policy tenant_insert on ${t} as restrictive for insert with check (${write})`.execute(db)
  await sql`create policy tenant_update on ${t} as restrictive for update using (${write}) with check (${write})`.execute(
    db,
  )
  await sql`create policy tenant_delete on ${t} as restrictive for delete using (${write})`.execute(db)
}
