import { type Kysely, sql } from 'kysely'

// MoUs between a finalist venture and one or more agencies of its province (issue 15,
// co-creation): the MoU with its lifecycle, its parties (OPDs, founding or joined
// later), the signatories of both sides, deliverables, quarterly progress reports and
// the expiry reminders already sent. Frozen in time.

const STATUSES = sql.raw(`'draft', 'negotiated', 'signed', 'active', 'completed', 'expired', 'terminated'`)

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mous')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    // The finalist venture's application (any edition of the province).
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`char_length(scope) between 1 and 4000`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in (${STATUSES})`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('signed_on', 'date')
    .addColumn('signed_file_id', 'uuid')
    .addColumn('terminated_reason', 'text', (c) => c.check(sql`char_length(terminated_reason) between 1 and 2000`))
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mous_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('mous_application', ['province_id', 'application_id'], 'applications', [
      'province_id',
      'id',
    ])
    .addForeignKeyConstraint('mous_signed_file', ['province_id', 'signed_file_id'], 'files', ['province_id', 'id'])
    .addCheckConstraint('mous_period', sql`ends_on > starts_on`)
    // Past negotiation a MoU carries its signing (a terminated one may or may not have been signed).
    .addCheckConstraint(
      'mous_signed',
      sql`status in ('draft', 'negotiated', 'terminated') or (signed_on is not null and signed_file_id is not null)`,
    )
    .addCheckConstraint('mous_terminated', sql`(status = 'terminated') = (terminated_reason is not null)`)
    .execute()
  await sql`create index mous_by_application on mous (province_id, application_id)`.execute(db)
  await sql`create index mous_in_force on mous (ends_on) where status in ('signed', 'active')`.execute(db)

  // The agencies party to a MoU: the founding ones (joined_on null) and those that joined later.
  await db.schema
    .createTable('mou_parties')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('mou_id', 'uuid', (c) => c.notNull())
    .addColumn('opd_id', 'uuid', (c) => c.notNull())
    .addColumn('joined_on', 'date')
    .addColumn('added_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mou_parties_pk', ['province_id', 'mou_id', 'opd_id'])
    .addForeignKeyConstraint('mou_parties_mou', ['province_id', 'mou_id'], 'mous', ['province_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('mou_parties_opd', ['province_id', 'opd_id'], 'opds', ['province_id', 'id'])
    .execute()

  // Who signed: the venture's side, and each agency's (an agency signatory names its party).
  await db.schema
    .createTable('mou_signatories')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mou_id', 'uuid', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('venture', 'agency')`))
    .addColumn('opd_id', 'uuid')
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`char_length(role) between 1 and 120`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mou_signatories_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('mou_signatories_mou', ['province_id', 'mou_id'], 'mous', ['province_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'mou_signatories_party',
      ['province_id', 'mou_id', 'opd_id'],
      'mou_parties',
      ['province_id', 'mou_id', 'opd_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint('mou_signatories_side', sql`(side = 'agency') = (opd_id is not null)`)
    .execute()

  await db.schema
    .createTable('mou_deliverables')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mou_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 300`))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('done_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mou_deliverables_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('mou_deliverables_mou', ['province_id', 'mou_id'], 'mous', ['province_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addCheckConstraint('mou_deliverables_done', sql`(done_at is null) = (done_by is null)`)
    .execute()

  // One report per quarter of the MoU (quarter 1 = its first three months).
  await db.schema
    .createTable('mou_reports')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mou_id', 'uuid', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull().check(sql`quarter between 1 and 40`))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 4000`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('submitted').check(sql`status in ('submitted', 'accepted', 'returned')`),
    )
    .addColumn('submitted_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_comment', 'text', (c) => c.check(sql`char_length(review_comment) between 1 and 2000`))
    .addPrimaryKeyConstraint('mou_reports_pk', ['province_id', 'id'])
    .addUniqueConstraint('mou_reports_once', ['province_id', 'mou_id', 'quarter'])
    .addForeignKeyConstraint('mou_reports_mou', ['province_id', 'mou_id'], 'mous', ['province_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addCheckConstraint('mou_reports_returned', sql`status <> 'returned' or review_comment is not null`)
    .execute()

  // The expiry reminders sent (60, 30, 7 days before the end), written with their mails: never twice.
  await db.schema
    .createTable('mou_reminders')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('mou_id', 'uuid', (c) => c.notNull())
    .addColumn('days_before', 'integer', (c) => c.notNull().check(sql`days_before in (60, 30, 7)`))
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('mou_reminders_pk', ['province_id', 'mou_id', 'days_before'])
    .addForeignKeyConstraint('mou_reminders_mou', ['province_id', 'mou_id'], 'mous', ['province_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute()

  for (const table of ['mous', 'mou_parties', 'mou_signatories', 'mou_deliverables', 'mou_reports', 'mou_reminders']) {
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
