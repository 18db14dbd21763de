import { type Kysely, sql } from 'kysely'

// Accounts, memberships, sessions, one-time tokens, invitations, the mail outbox,
// sign-in failure records and the append-only audit log. Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function app_current_user() returns uuid language sql stable as
    $$ select nullif(current_setting('app.user_id', true), '')::uuid $$`.execute(db)
  await sql`grant execute on function app_current_user() to winner_app`.execute(db)

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().check(sql`char_length(email) between 3 and 254`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('phone', 'text', (c) => c.check(sql`char_length(phone) <= 20`))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('id').check(sql`locale in ('id', 'en')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create unique index users_email_lower on users (lower(email))`.execute(db)

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('ministry', 'erat', 'province_admin', 'reviewer', 'applicant')`),
    )
    .addColumn('province_id', 'uuid', (c) => c.references('provinces.id'))
    .addColumn('opd_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('memberships_scope', sql`(role in ('ministry', 'erat')) = (province_id is null)`)
    .addCheckConstraint('memberships_opd_only_reviewers', sql`opd_id is null or role = 'reviewer'`)
    .addForeignKeyConstraint('memberships_opd', ['province_id', 'opd_id'], 'opds', ['province_id', 'id'])
    .execute()
  await sql`create unique index memberships_unique on memberships (user_id, role, coalesce(province_id, '00000000-0000-0000-0000-000000000000'))`.execute(
    db,
  )
  await sql`create index memberships_by_province on memberships (province_id, role)`.execute(db)

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the token; the token itself is never stored
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index sessions_by_user on sessions (user_id)`.execute(db)

  await db.schema
    .createTable('auth_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('verify_email', 'reset_password')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('invitations')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().check(sql`char_length(email) between 3 and 254`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('province_admin', 'reviewer')`))
    .addColumn('opd_id', 'uuid')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('invitations_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('invitations_opd', ['province_id', 'opd_id'], 'opds', ['province_id', 'id'])
    .addCheckConstraint('invitations_reviewer_opd', sql`(role = 'reviewer') = (opd_id is not null)`)
    .execute()

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('to_email', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text')
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute()
  await sql`create index mail_outbox_unsent on mail_outbox (created_at) where sent_at is null`.execute(db)

  await db.schema
    .createTable('auth_failures')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index auth_failures_by_key on auth_failures (key, at)`.execute(db)

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('province_id', 'uuid', (c) => c.references('provinces.id'))
    .addColumn('ip', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()
  await sql`create index audit_log_by_province on audit_log (province_id, at desc)`.execute(db)

  // Identity tables: reached only through the auth module, never by tenant routes.
  await sql`grant select, insert, update, delete on users, sessions, auth_tokens to winner_app`.execute(db)
  await sql`grant select, insert, update on mail_outbox to winner_app`.execute(db)
  await sql`grant select, insert, delete on auth_failures to winner_app`.execute(db)
  await sql`grant usage on sequence auth_failures_id_seq to winner_app`.execute(db)

  // Invitations: a plain tenant-owned table.
  await tenantRls(db, 'invitations', sql`province_id = app_current_province()`)

  // Memberships: tenant rows, plus each user may read their own (to sign in).
  // National memberships (province_id null) are written only in the national scope.
  await tenantRls(
    db,
    'memberships',
    sql`province_id = app_current_province() or (province_id is null and app_national_scope())`,
    sql`or user_id = app_current_user()`,
  )

  // Audit log: append-only for the runtime role (no UPDATE or DELETE grant).
  // Entries without a province (sign-in, national actions) are readable only nationally.
  await sql`grant select, insert on audit_log to winner_app`.execute(db)
  await sql`grant usage on sequence audit_log_id_seq to winner_app`.execute(db)
  await sql`alter table audit_log enable row level security`.execute(db)
  await sql`alter table audit_log force row level security`.execute(db)
  await sql`create policy runtime_access on audit_log to winner_app using (true) with check (true)`.execute(db)
  await sql`create policy tenant_read on audit_log as restrictive for select
    using (province_id = app_current_province() or app_national_scope())`.execute(db)
  await sql`create policy tenant_insert on audit_log as restrictive for insert
    with check (province_id is null or province_id = app_current_province())`.execute(db)
}

async function tenantRls(db: Kysely<any>, table: string, write: ReturnType<typeof sql>, extraRead = sql``) {
  const t = sql.table(table)
  await sql`grant select, insert, update, delete on ${t} to winner_app`.execute(db)
  await sql`alter table ${t} enable row level security`.execute(db)
  await sql`alter table ${t} force row level security`.execute(db)
  await sql`create policy runtime_access on ${t} to winner_app using (true) with check (true)`.execute(db)
  await sql`create policy tenant_read on ${t} as restrictive for select
    using (province_id = app_current_province() or app_national_scope() ${extraRead})`.execute(db)
  await sql`create policy tenant_insert on ${t} as restrictive for insert with check (${write})`.execute(db)
  await sql`create policy tenant_update on ${t} as restrictive for update using (${write}) with check (${write})`.execute(
    db,
  )
  await sql`create policy tenant_delete on ${t} as restrictive for delete using (${write})`.execute(db)
}
