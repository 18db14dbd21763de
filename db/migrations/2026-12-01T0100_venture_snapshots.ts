import { type Kysely, sql } from 'kysely'

// Submitted applications keep the profile they were submitted with (issue 11 §2): a
// copy of the venture and its team taken at submission, which every reader of a
// submitted application shows, while later profile edits go to future applications
// only. The copy is never edited: the runtime role may only read and insert it.
// Existing submitted applications are backfilled from the profile as it stands now.
// Frozen in time: imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('venture_snapshots')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    // The live profile it was copied from (provenance; the copy never follows it).
    .addColumn('venture_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 200`))
    .addColumn('legal_form', 'text', (c) =>
      c.notNull().check(sql`legal_form in ('individual', 'community', 'cv', 'pt', 'yayasan', 'koperasi')`),
    )
    .addColumn('year_founded', 'integer')
    .addColumn('regency_code', 'text', (c) => c.references('regencies.code'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('idea', 'prototype', 'operating', 'scaling')`))
    .addColumn('website', 'text')
    .addColumn('social_links', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('venture_snapshots_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('venture_snapshots_venture', ['province_id', 'venture_id'], 'ventures', [
      'province_id',
      'id',
    ])
    .execute()

  await db.schema
    .createTable('venture_snapshot_members')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('snapshot_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`char_length(role) between 1 and 120`))
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('female', 'male', 'unspecified')`))
    .addColumn('age_band', 'text', (c) =>
      c.notNull().check(sql`age_band in ('under_25', '25_34', '35_44', '45_54', '55_plus', 'unspecified')`),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('venture_snapshot_members_pk', ['province_id', 'id'])
    .addForeignKeyConstraint(
      'venture_snapshot_members_snapshot',
      ['province_id', 'snapshot_id'],
      'venture_snapshots',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await sql`create index venture_snapshot_members_by_snapshot
    on venture_snapshot_members (province_id, snapshot_id, position)`.execute(db)

  // One snapshot per application, and every application past draft names one.
  await db.schema.alterTable('applications').addColumn('venture_snapshot_id', 'uuid').execute()
  await sql`alter table applications add constraint applications_venture_snapshot
    foreign key (province_id, venture_snapshot_id) references venture_snapshots (province_id, id)`.execute(db)
  await sql`create unique index applications_one_snapshot on applications (province_id, venture_snapshot_id)
    where venture_snapshot_id is not null`.execute(db)

  // Backfill as the owner: forced RLS would hide every row, so lift it for this
  // transaction only. A backfilled snapshot takes its application's id.
  for (const table of ['applications', 'ventures', 'venture_members']) {
    await sql`alter table ${sql.table(table)} no force row level security`.execute(db)
  }
  await sql`insert into venture_snapshots (province_id, id, venture_id, name, legal_form, year_founded,
      regency_code, address, stage, website, social_links, taken_at)
    select a.province_id, a.id, v.id, v.name, v.legal_form, v.year_founded,
      v.regency_code, v.address, v.stage, v.website, v.social_links, coalesce(a.submitted_at, now())
      from applications a
      join ventures v on v.province_id = a.province_id and v.id = a.venture_id
     where a.status <> 'draft'`.execute(db)
  await sql`insert into venture_snapshot_members (province_id, snapshot_id, name, role, gender, age_band, position)
    select a.province_id, a.id, m.name, m.role, m.gender, m.age_band, m.position
      from applications a
      join venture_members m on m.province_id = a.province_id and m.venture_id = a.venture_id
     where a.status <> 'draft'`.execute(db)
  await sql`update applications set venture_snapshot_id = id where status <> 'draft'`.execute(db)
  for (const table of ['applications', 'ventures', 'venture_members']) {
    await sql`alter table ${sql.table(table)} force row level security`.execute(db)
  }
  await sql`alter table applications add constraint applications_submitted_has_snapshot
    check (status = 'draft' or venture_snapshot_id is not null)`.execute(db)

  for (const table of ['venture_snapshots', 'venture_snapshot_members']) {
    const t = sql.table(table)
    const own = sql`province_id = app_current_province()`
    await sql`grant select, insert on ${t} to winner_app`.execute(db)
    await sql`alter table ${t} enable row level security`.execute(db)
    await sql`alter table ${t} force row level security`.execute(db)
    await sql`create policy runtime_access on ${t} to winner_app using (true) with check (true)`.execute(db)
    await sql`create policy tenant_read on ${t} as restrictive for select using (${own} or app_national_scope())`.execute(
      db,
    )
    await sql`create policy tenant_insert on ${t} as restrictive for insert with check (${own})`.execute(db)
  }
}
