import { type Kysely, sql } from 'kysely'

// Frozen in time: written against Kysely<any>, imports nothing from the app.
// The runtime role must match RUNTIME_ROLE in db/client.ts.

export async function up(db: Kysely<any>): Promise<void> {
  // Roles are cluster-wide; several databases (tests, tenants of a dev box)
  // may race to create it, so tolerate "already exists".
  await sql`
    do $$ begin
      create role winner_app nologin nosuperuser nobypassrls;
    exception when duplicate_object or unique_violation then null;
    end $$`.execute(db)
  await sql`do $$ begin execute format('grant winner_app to %I', current_user);
    exception when others then null; end $$`.execute(db)

  // Settings read by the row-level security policies. A missing or empty
  // setting yields NULL, which matches no row: the policies fail closed.
  await sql`
    create function app_current_province() returns uuid language sql stable as
    $$ select nullif(current_setting('app.province_id', true), '')::uuid $$`.execute(db)
  await sql`
    create function app_national_scope() returns boolean language sql stable as
    $$ select coalesce(current_setting('app.scope', true), '') = 'national' $$`.execute(db)

  // ---- national reference tables (not tenant-owned) ----
  await db.schema
    .createTable('provinces')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique().check(sql`slug ~ '^[a-z][a-z0-9-]{1,30}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('bps_code', 'text', (c) => c.notNull().unique().check(sql`bps_code ~ '^[0-9]{2}$'`))
    .addColumn('time_zone', 'text', (c) =>
      c.notNull().check(sql`time_zone in ('Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura')`),
    )
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('editions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('legal_basis', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('planned').check(sql`status in ('planned', 'active', 'closed')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('editions_period', sql`ends_on > starts_on`)
    .execute()

  await db.schema
    .createTable('phases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addUniqueConstraint('phases_edition_number', ['edition_id', 'number'])
    .addUniqueConstraint('phases_edition_id', ['edition_id', 'id'])
    .execute()

  await db.schema
    .createTable('phase_provinces')
    .addColumn('edition_id', 'uuid', (c) => c.notNull())
    .addColumn('phase_id', 'uuid', (c) => c.notNull())
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addPrimaryKeyConstraint('phase_provinces_pk', ['edition_id', 'province_id'])
    .addForeignKeyConstraint('phase_provinces_phase', ['edition_id', 'phase_id'], 'phases', ['edition_id', 'id'])
    .execute()

  await db.schema
    .createTable('national_issues')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_id', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .execute()

  // ---- tenant-owned tables: province_id first in every key ----
  await db.schema
    .createTable('opds')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('head_name', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('opds_pk', ['province_id', 'id'])
    .addUniqueConstraint('opds_short_name', ['province_id', 'short_name'])
    .execute()

  await db.schema
    .createTable('province_issues')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('national_issue_id', 'uuid', (c) => c.notNull().references('national_issues.id'))
    .addColumn('lead_opd_id', 'uuid', (c) => c.notNull())
    .addColumn('title_id', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('description_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`status in ('draft', 'validated', 'published')`),
    )
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('validated_on', 'date')
    .addColumn('validation_place', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('province_issues_pk', ['province_id', 'id'])
    .addUniqueConstraint('province_issues_one_per_edition', ['province_id', 'edition_id', 'national_issue_id'])
    .addForeignKeyConstraint('province_issues_lead_opd', ['province_id', 'lead_opd_id'], 'opds', ['province_id', 'id'])
    .execute()

  await db.schema
    .createTable('calls')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('calls_pk', ['province_id', 'id'])
    .addCheckConstraint('calls_order', sql`closes_at > opens_at`)
    .execute()

  await db.schema.createIndex('calls_by_edition').on('calls').columns(['province_id', 'edition_id']).execute()

  // ---- the runtime role: reads reference data, works on tenant rows under RLS ----
  await sql`grant usage on schema public to winner_app`.execute(db)
  await sql`grant select on provinces, editions, phases, phase_provinces, national_issues to winner_app`.execute(db)
  await sql`grant execute on function app_current_province(), app_national_scope() to winner_app`.execute(db)
  for (const table of ['opds', 'province_issues', 'calls']) {
    await enableTenantRls(db, table)
  }
}

/** RLS for one tenant-owned table: permissive for the runtime role, narrowed by restrictive policies. */
async function enableTenantRls(db: Kysely<any>, table: string): Promise<void> {
  const t = sql.table(table)
  await sql`grant select, insert, update, delete on ${t} to winner_app`.execute(db)
  await sql`alter table ${t} enable row level security`.execute(db)
  await sql`alter table ${t} force row level security`.execute(db)
  await sql`create policy runtime_access on ${t} to winner_app using (true) with check (true)`.execute(db)
  // Reads: own province, or the national scope (ministry, ERAT, public aggregates).
  await sql`create policy tenant_read on ${t} as restrictive for select
    using (province_id = app_current_province() or app_national_scope())`.execute(db)
  // Writes: only ever inside the one province the transaction is bound to.
  for (const command of ['insert', 'update', 'delete'] as const) {
    const name = sql.id(`tenant_${command}`)
    const cmd = sql.raw(command)
    const check = sql`province_id = app_current_province()`
    if (command === 'insert') {
      await sql`create policy ${name} on ${t} as restrictive for ${cmd} with check (${check})`.execute(db)
    } else if (command === 'update') {
      await sql`create policy ${name} on ${t} as restrictive for ${cmd} using (${check}) with check (${check})`.execute(
        db,
      )
    } else {
      await sql`create policy ${name} on ${t} as restrictive for ${cmd} using (${check})`.execute(db)
    }
  }
}
