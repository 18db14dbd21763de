import { type Kysely, sql } from 'kysely'

// Inclusion figures (issue 16, docs/decisions/017): the self-declared gender, age band
// and disability of an applicant (member_id null) and of each member of their venture's
// team, stored only under the applicant's consent `inclusion_statistics` (a new purpose
// of user_consents). Also: national-scope transactions may write audit entries naming the
// province they concern (a ministry onboarding or deactivating a province). Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table user_consents drop constraint user_consents_purpose_check`.execute(db)
  await sql`alter table user_consents add constraint user_consents_purpose_check
    check (purpose in ('future_editions', 'inclusion_statistics'))`.execute(db)

  await db.schema
    .createTable('inclusion_declarations')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('venture_id', 'uuid', (c) => c.notNull())
    // Null: the applicant (the venture's owner) about themselves; else one team member.
    .addColumn('member_id', 'uuid')
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('female', 'male', 'prefer_not')`))
    .addColumn('age_band', 'text', (c) =>
      c.notNull().check(sql`age_band in ('under_25', '25_34', '35_44', '45_54', '55_plus', 'prefer_not')`),
    )
    .addColumn('disability', 'text', (c) => c.notNull().check(sql`disability in ('no', 'yes', 'prefer_not')`))
    .addColumn('declared_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('inclusion_declarations_pk', ['province_id', 'id'])
    .addForeignKeyConstraint(
      'inclusion_declarations_venture',
      ['province_id', 'venture_id'],
      'ventures',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'inclusion_declarations_member',
      ['province_id', 'member_id'],
      'venture_members',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  // One declaration per person of a venture; the applicant's own row has no member.
  await sql`create unique index inclusion_declarations_person
    on inclusion_declarations (province_id, venture_id, member_id) nulls not distinct`.execute(db)

  const t = sql.table('inclusion_declarations')
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

  // A national action (onboarding, deactivating a province, a breach in one province)
  // names the province it concerns; the national scope may append such entries.
  await sql`drop policy tenant_insert on audit_log`.execute(db)
  await sql`create policy tenant_insert on audit_log as restrictive for insert
    with check (province_id is null or province_id = app_current_province() or app_national_scope())`.execute(db)
}
