import { type Kysely, sql } from 'kysely'

// From finalist to public-service innovation, first part (issue 15): the agency
// directory gains a level (a provincial OPD or a kabupaten/kota agency with its BPS
// code), a province's Bappeda may add its own kabupaten/kota, and co-creation events
// (date, place, organiser, agencies invited and present, finalists presenting,
// national issues, minutes, outcomes). Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  // ---- kabupaten/kota: a composite key for tenant foreign keys, inserts by the province's own admin ----
  await sql`alter table regencies add constraint regencies_province_code unique (province_id, code)`.execute(db)
  await sql`grant insert on regencies to winner_app`.execute(db)
  // Reading stays open to everyone (reference_read); writing only inside the province's
  // transaction and only for that province: no province can list another's regencies.
  // The pattern of tenant tables, for the runtime role only (the owner still seeds the list).
  await sql`create policy runtime_insert on regencies for insert to winner_app with check (true)`.execute(db)
  await sql`create policy tenant_insert on regencies as restrictive for insert to winner_app
    with check (province_id = app_current_province())`.execute(db)

  // ---- agencies: province level (every existing OPD) or kabupaten/kota level ----
  await db.schema
    .alterTable('opds')
    .addColumn('level', 'text', (c) => c.notNull().defaultTo('province').check(sql`level in ('province', 'regency')`))
    .addColumn('regency_code', 'text')
    .execute()
  await sql`alter table opds add constraint opds_level_regency
    check ((level = 'province') = (regency_code is null))`.execute(db)
  // Composite: a regency agency names a kabupaten/kota of its own province, never another's.
  await sql`alter table opds add constraint opds_regency
    foreign key (province_id, regency_code) references regencies (province_id, code)`.execute(db)

  // ---- co-creation events ----
  await db.schema
    .createTable('cocreation_events')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().check(sql`char_length(place) between 1 and 200`))
    .addColumn('regency_code', 'text')
    .addColumn('organiser_kind', 'text', (c) => c.notNull().check(sql`organiser_kind in ('bappeda', 'erat')`))
    .addColumn('organiser_name', 'text', (c) => c.notNull().check(sql`char_length(organiser_name) between 1 and 200`))
    .addColumn('outcomes', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(outcomes) <= 4000`))
    .addColumn('next_meeting_on', 'date')
    .addColumn('minutes_file_id', 'uuid')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cocreation_events_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('cocreation_events_regency', ['province_id', 'regency_code'], 'regencies', [
      'province_id',
      'code',
    ])
    .addForeignKeyConstraint('cocreation_events_minutes', ['province_id', 'minutes_file_id'], 'files', [
      'province_id',
      'id',
    ])
    .addCheckConstraint('cocreation_events_next_meeting', sql`next_meeting_on is null or next_meeting_on > held_on`)
    .execute()
  await sql`create index cocreation_events_by_day on cocreation_events (province_id, held_on desc)`.execute(db)

  await db.schema
    .createTable('cocreation_agencies')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('opd_id', 'uuid', (c) => c.notNull())
    .addColumn('present', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('cocreation_agencies_pk', ['province_id', 'event_id', 'opd_id'])
    .addForeignKeyConstraint(
      'cocreation_agencies_event',
      ['province_id', 'event_id'],
      'cocreation_events',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('cocreation_agencies_opd', ['province_id', 'opd_id'], 'opds', ['province_id', 'id'])
    .execute()

  await db.schema
    .createTable('cocreation_finalists')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('cocreation_finalists_pk', ['province_id', 'event_id', 'application_id'])
    .addForeignKeyConstraint(
      'cocreation_finalists_event',
      ['province_id', 'event_id'],
      'cocreation_events',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('cocreation_finalists_application', ['province_id', 'application_id'], 'applications', [
      'province_id',
      'id',
    ])
    .execute()

  await db.schema
    .createTable('cocreation_topics')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('national_issue_id', 'uuid', (c) => c.notNull().references('national_issues.id'))
    .addPrimaryKeyConstraint('cocreation_topics_pk', ['province_id', 'event_id', 'national_issue_id'])
    .addForeignKeyConstraint(
      'cocreation_topics_event',
      ['province_id', 'event_id'],
      'cocreation_events',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()

  for (const table of ['cocreation_events', 'cocreation_agencies', 'cocreation_finalists', 'cocreation_topics']) {
    await tenantRls(db, table)
  }
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
