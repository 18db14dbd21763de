import { type Kysely, sql } from 'kysely'

// The applicant journey (issue 6): kabupaten/kota reference list, venture profiles
// with their teams, and applications drafted section by section against a
// province issue and call. Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  // ---- national reference: kabupaten/kota (BPS four-digit codes) ----
  await db.schema
    .createTable('regencies')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[0-9]{4}$'`))
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('kabupaten', 'kota')`))
    .execute()
  await sql`create index regencies_by_province on regencies (province_id, name)`.execute(db)
  await sql`alter table regencies enable row level security`.execute(db)
  await sql`alter table regencies force row level security`.execute(db)
  await sql`grant select on regencies to winner_app`.execute(db)
  await sql`create policy reference_read on regencies for select to winner_app using (true)`.execute(db)
  await sql`create policy owner_all on regencies to current_user using (true) with check (true)`.execute(db)

  // ---- tenant-owned ----
  await db.schema
    .createTable('ventures')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 200`))
    .addColumn('legal_form', 'text', (c) =>
      c.notNull().check(sql`legal_form in ('individual', 'community', 'cv', 'pt', 'yayasan', 'koperasi')`),
    )
    .addColumn('year_founded', 'integer', (c) => c.check(sql`year_founded between 1900 and 2100`))
    .addColumn('regency_code', 'text', (c) => c.references('regencies.code'))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(address) <= 500`))
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('idea', 'prototype', 'operating', 'scaling')`))
    .addColumn('website', 'text', (c) => c.check(sql`char_length(website) <= 300`))
    .addColumn('social_links', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(social_links) <= 1000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ventures_pk', ['province_id', 'id'])
    .addUniqueConstraint('ventures_one_per_owner', ['province_id', 'owner_id'])
    .execute()

  await db.schema
    .createTable('venture_members')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('venture_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`char_length(role) between 1 and 120`))
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('female', 'male', 'unspecified')`))
    .addColumn('age_band', 'text', (c) =>
      c.notNull().check(sql`age_band in ('under_25', '25_34', '35_44', '45_54', '55_plus', 'unspecified')`),
    )
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('venture_members_pk', ['province_id', 'id'])
    .addForeignKeyConstraint(
      'venture_members_venture',
      ['province_id', 'venture_id'],
      'ventures',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()

  await db.schema
    .createTable('applications')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('call_id', 'uuid', (c) => c.notNull())
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('venture_id', 'uuid', (c) => c.notNull())
    .addColumn('issue_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted', 'withdrawn')`),
    )
    // Sections: each saved on its own; character limits mirror the form's.
    .addColumn('problem', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(problem) <= 3000`))
    .addColumn('solution', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(solution) <= 3000`))
    .addColumn('novelty', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(novelty) <= 2000`))
    .addColumn('beneficiaries', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(beneficiaries) <= 2000`))
    .addColumn('beneficiaries_count', 'integer', (c) => c.check(sql`beneficiaries_count between 0 and 100000000`))
    .addColumn('business_model', 'text', (c) =>
      c.notNull().defaultTo('').check(sql`char_length(business_model) <= 3000`),
    )
    .addColumn('revenue', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(revenue) <= 2000`))
    .addColumn('impact', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(impact) <= 3000`))
    .addColumn('collaboration_opd', 'text', (c) =>
      c.notNull().defaultTo('').check(sql`char_length(collaboration_opd) <= 2000`),
    )
    .addColumn('collaboration_private', 'text', (c) =>
      c.notNull().defaultTo('').check(sql`char_length(collaboration_private) <= 2000`),
    )
    .addColumn('budget', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(budget) <= 2000`))
    .addColumn('funding_so_far', 'text', (c) =>
      c.notNull().defaultTo('').check(sql`char_length(funding_so_far) <= 2000`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('applications_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('applications_call', ['province_id', 'call_id'], 'calls', ['province_id', 'id'])
    .addForeignKeyConstraint('applications_venture', ['province_id', 'venture_id'], 'ventures', ['province_id', 'id'])
    // RESTRICT: an issue with applications cannot be deleted (issue 5's rule).
    .addForeignKeyConstraint('applications_issue', ['province_id', 'issue_id'], 'province_issues', [
      'province_id',
      'id',
    ])
    .execute()
  await sql`create index applications_by_applicant on applications (province_id, applicant_id)`.execute(db)

  await db.schema
    .createTable('application_indicators')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 200`))
    .addColumn('baseline', 'text', (c) => c.notNull().check(sql`char_length(baseline) between 1 and 100`))
    .addColumn('target', 'text', (c) => c.notNull().check(sql`char_length(target) between 1 and 100`))
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(unit) <= 40`))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('application_indicators_pk', ['province_id', 'id'])
    .addForeignKeyConstraint(
      'application_indicators_application',
      ['province_id', 'application_id'],
      'applications',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()

  for (const table of ['ventures', 'venture_members', 'applications', 'application_indicators']) {
    await tenantRls(db, table)
  }
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
