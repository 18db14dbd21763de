import { type Kysely, sql } from 'kysely'

// Programme configuration and the province catalogue (issue 5): province contacts
// and logos, retiring national issues, phase milestones, stored files, OPD contacts,
// FGD validation records, issue indicators and supporting OPDs, and call details.
// Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  // ---- national ----
  await db.schema
    .alterTable('provinces')
    .addColumn('contact_name', 'text', (c) => c.check(sql`char_length(contact_name) <= 120`))
    .addColumn('contact_email', 'text', (c) => c.check(sql`char_length(contact_email) <= 254`))
    .addColumn('contact_phone', 'text', (c) => c.check(sql`char_length(contact_phone) <= 20`))
    .addColumn('logo_file_id', 'uuid')
    .execute()

  await db.schema
    .alterTable('national_issues')
    .addColumn('icon', 'text', (c) => c.notNull().defaultTo('circle'))
    .addColumn('retired_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull())
    .addColumn('phase_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('fgd_validation', 'registration_open', 'registration_close', 'screening', 'review', 'finalist_announcement', 'mentoring', 'final_night')`,
        ),
    )
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date')
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 500`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('milestones_phase', ['edition_id', 'phase_id'], 'phases', ['edition_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addCheckConstraint('milestones_order', sql`ends_on is null or ends_on >= starts_on`)
    .addUniqueConstraint('milestones_one_per_kind', ['phase_id', 'kind'])
    .execute()
  await sql`grant select on milestones to winner_app`.execute(db)

  // ---- stored files (one storage interface, PostgreSQL by default) ----
  await db.schema
    .createTable('files')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('content_type', 'text', (c) =>
      c.notNull().check(sql`content_type in ('application/pdf', 'image/png', 'image/jpeg')`),
    )
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0 and size <= 10485760`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull().check(sql`char_length(original_name) <= 255`))
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('files_pk', ['province_id', 'id'])
    .execute()

  // ---- tenant-owned ----
  await db.schema
    .alterTable('opds')
    .addColumn('contact_email', 'text', (c) => c.check(sql`char_length(contact_email) <= 254`))
    .addColumn('contact_phone', 'text', (c) => c.check(sql`char_length(contact_phone) <= 20`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('fgd_sessions')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().check(sql`char_length(place) between 1 and 200`))
    .addColumn('facilitator', 'text', (c) => c.check(sql`char_length(facilitator) <= 200`))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(summary) <= 2000`))
    .addColumn('minutes_file_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('fgd_sessions_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('fgd_sessions_minutes', ['province_id', 'minutes_file_id'], 'files', ['province_id', 'id'])
    .execute()

  await db.schema
    .createTable('fgd_participants')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('fgd_id', 'uuid', (c) => c.notNull())
    .addColumn('opd_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('fgd_participants_pk', ['province_id', 'fgd_id', 'opd_id'])
    .addForeignKeyConstraint(
      'fgd_participants_fgd',
      ['province_id', 'fgd_id'],
      'fgd_sessions',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('fgd_participants_opd', ['province_id', 'opd_id'], 'opds', ['province_id', 'id'])
    .execute()

  await db.schema.alterTable('province_issues').addColumn('fgd_id', 'uuid').execute()
  await db.schema
    .alterTable('province_issues')
    .addForeignKeyConstraint('province_issues_fgd', ['province_id', 'fgd_id'], 'fgd_sessions', ['province_id', 'id'])
    .execute()
  // Validated and published issues carry their FGD record (seeded 2023 issues keep date and place).
  await sql`alter table province_issues add constraint province_issues_validation
    check (status = 'draft' or fgd_id is not null or validated_on is not null)`.execute(db)

  await db.schema
    .createTable('issue_indicators')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issue_id', 'uuid', (c) => c.notNull())
    .addColumn('name_id', 'text', (c) => c.notNull().check(sql`char_length(name_id) between 1 and 200`))
    .addColumn('name_en', 'text', (c) => c.notNull().check(sql`char_length(name_en) between 1 and 200`))
    .addColumn('value', 'numeric', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`char_length(unit) <= 40`))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 1945 and 2100`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`char_length(source) <= 200`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('issue_indicators_pk', ['province_id', 'id'])
    .addForeignKeyConstraint(
      'issue_indicators_issue',
      ['province_id', 'issue_id'],
      'province_issues',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()

  await db.schema
    .createTable('issue_supporting_opds')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('issue_id', 'uuid', (c) => c.notNull())
    .addColumn('opd_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('issue_supporting_opds_pk', ['province_id', 'issue_id', 'opd_id'])
    .addForeignKeyConstraint(
      'issue_supporting_opds_issue',
      ['province_id', 'issue_id'],
      'province_issues',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('issue_supporting_opds_opd', ['province_id', 'opd_id'], 'opds', ['province_id', 'id'])
    .execute()

  await db.schema
    .alterTable('calls')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published')`))
    .addColumn('eligibility_id', 'text', (c) =>
      c.notNull().defaultTo('').check(sql`char_length(eligibility_id) <= 4000`),
    )
    .addColumn('eligibility_en', 'text', (c) =>
      c.notNull().defaultTo('').check(sql`char_length(eligibility_en) <= 4000`),
    )
    .addColumn('faq_id', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(faq_id) <= 8000`))
    .addColumn('faq_en', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(faq_en) <= 8000`))
    .addColumn('max_applications', 'integer', (c) =>
      c.notNull().defaultTo(1).check(sql`max_applications between 1 and 10`),
    )
    .addColumn('helpdesk_phone', 'text', (c) => c.check(sql`char_length(helpdesk_phone) <= 20`))
    .addColumn('helpdesk_whatsapp', 'text', (c) => c.check(sql`char_length(helpdesk_whatsapp) <= 20`))
    .addColumn('helpdesk_email', 'text', (c) => c.check(sql`char_length(helpdesk_email) <= 254`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  // Calls that existed before this migration were live.
  await sql`update calls set status = 'published'`.execute(db)

  for (const table of ['files', 'fgd_sessions', 'fgd_participants', 'issue_indicators', 'issue_supporting_opds']) {
    await tenantRls(db, table)
  }

  // Programme configuration is written by the ministry, only in the national scope.
  // Everyone reads it (it drives the public portal). Not FORCEd: the owner seeds it.
  for (const table of ['provinces', 'editions', 'phases', 'national_issues', 'milestones']) {
    const t = sql.table(table)
    await sql`grant select, insert, update, delete on ${t} to winner_app`.execute(db)
    await sql`alter table ${t} enable row level security`.execute(db)
    await sql`create policy public_read on ${t} for select to winner_app using (true)`.execute(db)
    await sql`create policy national_write on ${t} for all to winner_app using (app_national_scope()) with check (app_national_scope())`.execute(
      db,
    )
  }
  await sql`grant insert, delete on phase_provinces to winner_app`.execute(db)
  await sql`create policy national_write on phase_provinces for all to winner_app
    using (app_national_scope()) with check (app_national_scope())`.execute(db)
  // It carries province_id, so like every such table it also gets restrictive write policies.
  await sql`create policy national_insert on phase_provinces as restrictive for insert to winner_app
    with check (app_national_scope())`.execute(db)
  await sql`create policy national_delete on phase_provinces as restrictive for delete to winner_app
    using (app_national_scope())`.execute(db)
}

async function tenantRls(db: Kysely<any>, table: string) {
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
