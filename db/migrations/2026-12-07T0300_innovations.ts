import { type Kysely, sql } from 'kysely'

// JIPPNas records (issue 15): one public-service innovation per finalist (of any
// edition) — what it is, where it runs, with which agency, whether it still runs —
// and the state of its copy in the national innovation network (JIPPNas). The
// indicators are not copied: they stay the finalist application's
// `application_indicators`, reached through `application_id`. `version` grows with
// every change and, with the id, makes the idempotency key of a send. Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('innovations')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    // The finalist application the innovation comes from (one record per finalist).
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn('summary', 'text', (c) => c.notNull().check(sql`char_length(summary) between 1 and 4000`))
    .addColumn('national_issue_id', 'uuid', (c) => c.notNull().references('national_issues.id'))
    .addColumn('province_issue_id', 'uuid', (c) => c.notNull())
    // Kabupaten/kota where it runs (BPS code); null: province-wide.
    .addColumn('regency_code', 'text', (c) => c.references('regencies.code'))
    // The agency that runs it with the venture; null while none has signed on.
    .addColumn('opd_id', 'uuid')
    // From the application's venture snapshot when the record is made; editable after.
    .addColumn('venture_name', 'text', (c) => c.notNull().check(sql`char_length(venture_name) between 1 and 200`))
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('running').check(sql`status in ('running', 'continuing', 'stopped')`),
    )
    .addColumn('stop_reason', 'text', (c) => c.check(sql`char_length(stop_reason) between 1 and 1000`))
    .addColumn('is_public', 'boolean', (c) => c.notNull().defaultTo(false))
    // Set by the ministry; read by replication (issue 15).
    .addColumn('recommended_for_replication', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('recommended_at', 'timestamptz')
    .addColumn('recommended_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1).check(sql`version >= 1`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('innovations_pk', ['province_id', 'id'])
    .addUniqueConstraint('innovations_one_per_finalist', ['province_id', 'application_id'])
    .addForeignKeyConstraint('innovations_application', ['province_id', 'application_id'], 'applications', [
      'province_id',
      'id',
    ])
    .addForeignKeyConstraint('innovations_province_issue', ['province_id', 'province_issue_id'], 'province_issues', [
      'province_id',
      'id',
    ])
    .addForeignKeyConstraint('innovations_opd', ['province_id', 'opd_id'], 'opds', ['province_id', 'id'])
    .addCheckConstraint('innovations_stop_reason', sql`(status = 'stopped') = (stop_reason is not null)`)
    .execute()
  await sql`create index innovations_by_edition on innovations (province_id, edition_id, title)`.execute(db)
  await sql`create index innovations_public on innovations (id) where is_public`.execute(db)

  // The copy in JIPPNas: one row per record. "Not configured" is not stored: without
  // JIPPNAS_URL nothing is sent and the page says so; the row waits as pending.
  await db.schema
    .createTable('innovation_syncs')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('innovation_id', 'uuid', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`state in ('pending', 'sending', 'sent', 'failed')`),
    )
    // The record version this state is about (the one to send, being sent, sent or failed).
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    // Attempts for this version; a new version starts again at 0.
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set while a worker holds the row; a row sending for too long is failed by the sweep.
    .addColumn('sending_since', 'timestamptz')
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_http_status', 'integer')
    // The remote's message (or our reading of a timeout), shown to Bappeda.
    .addColumn('last_message', 'text', (c) => c.check(sql`char_length(last_message) <= 2000`))
    .addColumn('sent_version', 'integer')
    .addColumn('sent_at', 'timestamptz')
    // The id JIPPNas gave the record, if it answered one.
    .addColumn('remote_id', 'text', (c) => c.check(sql`char_length(remote_id) <= 200`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('innovation_syncs_pk', ['province_id', 'innovation_id'])
    .addForeignKeyConstraint(
      'innovation_syncs_innovation',
      ['province_id', 'innovation_id'],
      'innovations',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint('innovation_syncs_sending', sql`(state = 'sending') = (sending_since is not null)`)
    .execute()
  await sql`create index innovation_syncs_due on innovation_syncs (next_attempt_at) where state = 'pending'`.execute(db)
  await sql`create index innovation_syncs_sending on innovation_syncs (sending_since) where state = 'sending'`.execute(
    db,
  )

  for (const table of ['innovations', 'innovation_syncs']) await tenantRls(db, table)
}

/** RLS for one tenant-owned table (the pattern of every migration): permissive for the runtime role, restricted to the province. */
async function tenantRls(db: Kysely<any>, table: string): Promise<void> {
  const t = sql.table(table)
  const own = sql`province_id = app_current_province()`
  await sql`grant select, insert, update, delete on ${t} to winner_app`.execute(db)
  await sql`alter table ${t} enable row level security`.execute(db)
  await sql`alter table ${t} force row level security`.execute(db)
  await sql`create policy runtime_access on ${t} to winner_app using (true) with check (true)`.execute(db)
  await sql`create policy tenant_read on ${t} as restrictive for select using (${own} or app_national_scope())`.execute(
    db,
  )
  await sql`create policy tenant_insert on ${t} as restrictive for insert with check (${own})`.execute(db)
  await sql`create policy tenant_update on ${t} as restrictive for update using (${own}) with check (${own})`.execute(
    db,
  )
  await sql`create policy tenant_delete on ${t} as restrictive for delete using (${own})`.execute(db)
}
