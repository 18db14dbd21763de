import { type Kysely, sql } from 'kysely'

// National oversight figures (issue 16): per-province summary counts the dashboard reads
// instead of aggregating 190,000 applications under RLS on every view. A job rewrites a
// province's rows in that province's own transaction (docs/decisions/016); the national
// scope only reads them. Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per province, edition and national issue: the application funnel.
  await db.schema
    .createTable('oversight_issue_counts')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('national_issue_id', 'uuid', (c) => c.notNull().references('national_issues.id'))
    .addColumn('drafts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('eligible', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shortlisted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('finalists', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mentored', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('oversight_issue_counts_pk', ['province_id', 'edition_id', 'national_issue_id'])
    .execute()

  // One row per province: when its figures were counted, its applicants and its reviews per edition.
  await db.schema
    .createTable('oversight_province_counts')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('registered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assigned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('oversight_province_counts_pk', ['province_id', 'edition_id'])
    .execute()
  await sql`create index oversight_province_counts_refreshed on oversight_province_counts (refreshed_at)`.execute(db)

  for (const table of ['oversight_issue_counts', 'oversight_province_counts']) await tenantRls(db, table)
}

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
