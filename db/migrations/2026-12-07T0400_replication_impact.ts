import { type Kysely, sql } from 'kysely'

// Replication and impact (issue 15): a government unit that replicates a recorded
// innovation (adoption, adaptation or modification, KemenPANRB 2024), and the periodic
// measurements of an innovation's indicators, entered by the venture and confirmed by
// Bappeda. Frozen in time: imports nothing from the app
// (docs/decisions/015-replication-and-impact.md).

export async function up(db: Kysely<any>): Promise<void> {
  // A replication belongs to the province that records it (`province_id`, first in the
  // key): the replicating province's Bappeda, for itself or one of its kabupaten/kota; a
  // ministry unit's replication is recorded by the ministry inside the origin province.
  // The origin (`origin_province_id`, the innovation's province) reads it too.
  await db.schema
    .createTable('replications')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('origin_province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('innovation_id', 'uuid', (c) => c.notNull())
    // Copied at recording, so the replicating province lists it without reading the origin's rows.
    .addColumn('innovation_title', 'text', (c) =>
      c.notNull().check(sql`char_length(innovation_title) between 1 and 300`),
    )
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province', 'regency', 'ministry')`))
    .addColumn('regency_code', 'text', (c) => c.references('regencies.code'))
    .addColumn('form', 'text', (c) => c.notNull().check(sql`form in ('adoption', 'adaptation', 'modification')`))
    .addColumn('changes', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(changes) <= 2000`))
    .addColumn('agency_name', 'text', (c) => c.notNull().check(sql`char_length(agency_name) between 1 and 200`))
    .addColumn('agency_unit', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(agency_unit) <= 200`))
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('planned').check(sql`status in ('planned', 'running', 'completed', 'stopped')`),
    )
    .addColumn('contact_name', 'text', (c) => c.notNull().check(sql`char_length(contact_name) between 1 and 120`))
    .addColumn('contact_email', 'text', (c) => c.check(sql`char_length(contact_email) between 3 and 254`))
    .addColumn('contact_phone', 'text', (c) => c.check(sql`char_length(contact_phone) between 6 and 20`))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('replications_pk', ['province_id', 'id'])
    .addForeignKeyConstraint(
      'replications_innovation',
      ['origin_province_id', 'innovation_id'],
      'innovations',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint('replications_regency', sql`(level = 'regency') = (regency_code is not null)`)
    // A ministry unit's replication lives in the origin province: no third tenant ever holds it.
    .addCheckConstraint('replications_ministry_home', sql`level <> 'ministry' or province_id = origin_province_id`)
    .addCheckConstraint('replications_contact', sql`contact_email is not null or contact_phone is not null`)
    .execute()
  await sql`create index replications_by_origin on replications (origin_province_id, innovation_id)`.execute(db)

  // A measurement of one indicator of an innovation: the application's (baseline → target)
  // or the province issue's baseline. Entered by the venture, confirmed or returned by Bappeda.
  await db.schema
    .createTable('impact_measurements')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('innovation_id', 'uuid', (c) => c.notNull())
    .addColumn('application_indicator_id', 'uuid')
    .addColumn('issue_indicator_id', 'uuid')
    .addColumn('value', 'numeric', (c) => c.notNull())
    .addColumn('measured_on', 'date', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`char_length(source) between 1 and 200`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(note) <= 1000`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('entered').check(sql`status in ('entered', 'confirmed', 'returned')`),
    )
    .addColumn('entered_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('return_reason', 'text', (c) => c.check(sql`char_length(return_reason) between 1 and 1000`))
    .addPrimaryKeyConstraint('impact_measurements_pk', ['province_id', 'id'])
    .addForeignKeyConstraint(
      'impact_measurements_innovation',
      ['province_id', 'innovation_id'],
      'innovations',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'impact_measurements_application_indicator',
      ['province_id', 'application_indicator_id'],
      'application_indicators',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'impact_measurements_issue_indicator',
      ['province_id', 'issue_indicator_id'],
      'issue_indicators',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint(
      'impact_measurements_one_indicator',
      sql`(application_indicator_id is null) <> (issue_indicator_id is null)`,
    )
    .addCheckConstraint('impact_measurements_decided', sql`(status = 'entered') = (decided_at is null)`)
    .addCheckConstraint('impact_measurements_returned', sql`(status = 'returned') = (return_reason is not null)`)
    .execute()
  await sql`create index impact_measurements_by_innovation on impact_measurements
    (province_id, innovation_id, measured_on)`.execute(db)

  // Replications: read by the recording province, the origin province and the national
  // scope; written only by the recording province.
  await restrictedRls(db, 'replications', {
    read: sql`province_id = app_current_province() or origin_province_id = app_current_province() or app_national_scope()`,
  })
  await restrictedRls(db, 'impact_measurements', {
    read: sql`province_id = app_current_province() or app_national_scope()`,
  })
}

/**
 * RLS of a tenant table (the pattern of every migration): permissive for the runtime
 * role, restrictive policies narrowing reads to `read` and writes to the own province.
 */
async function restrictedRls(db: Kysely<any>, table: string, p: { read: ReturnType<typeof sql> }): Promise<void> {
  const t = sql.table(table)
  const own = sql`province_id = app_current_province()`
  await sql`grant select, insert, update, delete on ${t} to winner_app`.execute(db)
  await sql`alter table ${t} enable row level security`.execute(db)
  await sql`alter table ${t} force row level security`.execute(db)
  await sql`create policy runtime_access on ${t} to winner_app using (true) with check (true)`.execute(db)
  await sql`create policy tenant_read on ${t} as restrictive for select using (${p.read})`.execute(db)
  await sql`create policy tenant_insert on ${t} as restrictive for insert with check (${own})`.execute(db)
  await sql`create policy tenant_update on ${t} as restrictive for update using (${own}) with check (${own})`.execute(
    db,
  )
  await sql`create policy tenant_delete on ${t} as restrictive for delete using (${own})`.execute(db)
}
