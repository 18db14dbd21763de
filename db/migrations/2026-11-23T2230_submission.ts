import { type Kysely, sql } from 'kysely'

// Submitting applications (issue 6): the versioned data-processing notice, consent
// and receipt on the application, gapless receipt counters per province and
// edition, the status history, and attachments. Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  // ---- national: the data-processing notice (UU 27/2022), one version at a time per edition ----
  await db.schema
    .createTable('consent_notices')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('text_id', 'text', (c) => c.notNull().check(sql`char_length(text_id) between 1 and 20000`))
    .addColumn('text_en', 'text', (c) => c.notNull().check(sql`char_length(text_en) between 1 and 20000`))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('consent_notices_version', ['edition_id', 'version'])
    .execute()
  await sql`grant select on consent_notices to winner_app`.execute(db)

  // ---- tenant-owned ----
  await db.schema
    .alterTable('applications')
    .addColumn('consent_version', 'integer')
    .addColumn('consent_at', 'timestamptz')
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('receipt_number', 'text')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdraw_reason', 'text', (c) => c.check(sql`char_length(withdraw_reason) <= 1000`))
    .execute()
  await sql`create unique index applications_receipt on applications (province_id, receipt_number)
    where receipt_number is not null`.execute(db)
  await sql`alter table applications add constraint applications_submitted_has_receipt
    check (status = 'draft' or (submitted_at is not null and receipt_number is not null and consent_at is not null))`.execute(
    db,
  )

  await db.schema
    .createTable('receipt_counters')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('last_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('receipt_counters_pk', ['province_id', 'edition_id'])
    .execute()

  await db.schema
    .createTable('application_events')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 1000`))
    .addPrimaryKeyConstraint('application_events_pk', ['province_id', 'id'])
    .addForeignKeyConstraint(
      'application_events_application',
      ['province_id', 'application_id'],
      'applications',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()

  await db.schema
    .createTable('application_files')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('file_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('proposal', 'photo')`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('application_files_pk', ['province_id', 'application_id', 'file_id'])
    .addForeignKeyConstraint(
      'application_files_application',
      ['province_id', 'application_id'],
      'applications',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('application_files_file', ['province_id', 'file_id'], 'files', ['province_id', 'id'])
    .execute()

  for (const table of ['receipt_counters', 'application_events', 'application_files']) {
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
}
