import { type Kysely, sql } from 'kysely'

// Mentoring of a province's finalists (issue 14): a cohort per province and edition
// made of the confirmed finalists, its mentors (a new province-scoped membership role
// `mentor`, invited by a one-time link to one cohort), sessions with the people
// expected and their attendance, notes, action items, and a plan of milestones per
// finalist with evidence and a mentor's sign-off. Frozen in time.

const MENTOR_KINDS = sql.raw(`'expert', 'opd_staff', 'erat_coordinator'`)

export async function up(db: Kysely<any>): Promise<void> {
  // ---- memberships learn the mentor role (province-scoped, like Bappeda and reviewers) ----
  await sql`alter table memberships drop constraint memberships_role_check`.execute(db)
  await sql`alter table memberships add constraint memberships_role_check check (role in
    ('ministry', 'erat', 'province_admin', 'reviewer', 'applicant', 'mentor'))`.execute(db)

  // ---- the cohort: one per province and edition ----
  await db.schema
    .createTable('mentoring_cohorts')
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('editions.id'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mentoring_cohorts_pk', ['province_id', 'id'])
    .addUniqueConstraint('mentoring_cohorts_one_per_edition', ['province_id', 'edition_id'])
    .execute()

  await db.schema
    .createTable('cohort_finalists')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cohort_finalists_pk', ['province_id', 'cohort_id', 'application_id'])
    .addUniqueConstraint('cohort_finalists_once', ['province_id', 'application_id'])
    .addForeignKeyConstraint('cohort_finalists_cohort', ['province_id', 'cohort_id'], 'mentoring_cohorts', [
      'province_id',
      'id',
    ])
    .addForeignKeyConstraint('cohort_finalists_application', ['province_id', 'application_id'], 'applications', [
      'province_id',
      'id',
    ])
    .execute()

  await db.schema
    .createTable('cohort_mentors')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${MENTOR_KINDS})`))
    .addColumn('organisation', 'text', (c) => c.notNull().check(sql`char_length(organisation) between 1 and 200`))
    .addColumn('expertise', sql`text[]`, (c) =>
      c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(expertise) <= 10`),
    )
    .addColumn('added_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cohort_mentors_pk', ['province_id', 'cohort_id', 'user_id'])
    .addForeignKeyConstraint('cohort_mentors_cohort', ['province_id', 'cohort_id'], 'mentoring_cohorts', [
      'province_id',
      'id',
    ])
    .execute()
  await sql`create index cohort_mentors_by_user on cohort_mentors (user_id)`.execute(db)

  // The general invitations table knows only Bappeda and reviewers; a mentor's
  // invitation also names the cohort and what the mentor brings.
  await db.schema
    .createTable('mentor_invitations')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().check(sql`char_length(email) between 3 and 254`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${MENTOR_KINDS})`))
    .addColumn('organisation', 'text', (c) => c.notNull().check(sql`char_length(organisation) between 1 and 200`))
    .addColumn('expertise', sql`text[]`, (c) =>
      c.notNull().defaultTo(sql`'{}'`).check(sql`cardinality(expertise) <= 10`),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mentor_invitations_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('mentor_invitations_cohort', ['province_id', 'cohort_id'], 'mentoring_cohorts', [
      'province_id',
      'id',
    ])
    .execute()

  // ---- sessions, who is expected and who came, notes ----
  await db.schema
    .createTable('mentoring_sessions')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes between 15 and 600`))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('online', 'offline')`))
    .addColumn('link', 'text', (c) => c.check(sql`char_length(link) <= 500`))
    .addColumn('place', 'text', (c) => c.check(sql`char_length(place) <= 300`))
    .addColumn('agenda', 'text', (c) => c.notNull().check(sql`char_length(agenda) between 1 and 4000`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set with the day-before reminder mails, in their transaction: never sent twice.
    .addColumn('reminded_at', 'timestamptz')
    .addPrimaryKeyConstraint('mentoring_sessions_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('mentoring_sessions_cohort', ['province_id', 'cohort_id'], 'mentoring_cohorts', [
      'province_id',
      'id',
    ])
    .addCheckConstraint(
      'mentoring_sessions_where',
      sql`(mode = 'online' and link is not null) or (mode = 'offline' and place is not null)`,
    )
    .execute()
  await sql`create index mentoring_sessions_by_start on mentoring_sessions (starts_at) where reminded_at is null`.execute(
    db,
  )

  await db.schema
    .createTable('session_participants')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('mentor', 'finalist')`))
    // Null until attendance is taken.
    .addColumn('attended', 'boolean')
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz')
    .addPrimaryKeyConstraint('session_participants_pk', ['province_id', 'session_id', 'user_id'])
    .addForeignKeyConstraint(
      'session_participants_session',
      ['province_id', 'session_id'],
      'mentoring_sessions',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()

  await db.schema
    .createTable('session_notes')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
    // For the finalists expected at the session, or internal to mentors and Bappeda.
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('finalists', 'internal')`))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 4000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('session_notes_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('session_notes_session', ['province_id', 'session_id'], 'mentoring_sessions', [
      'province_id',
      'id',
    ])
    .execute()

  // ---- action items ----
  await db.schema
    .createTable('mentoring_actions')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('session_id', 'uuid')
    // The finalist the item is about (their page shows it), if any.
    .addColumn('application_id', 'uuid')
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 300`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open').check(sql`state in ('open', 'done', 'dropped')`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set with the overdue mail, in its transaction: never sent twice.
    .addColumn('overdue_notified_at', 'timestamptz')
    .addPrimaryKeyConstraint('mentoring_actions_pk', ['province_id', 'id'])
    .addForeignKeyConstraint('mentoring_actions_cohort', ['province_id', 'cohort_id'], 'mentoring_cohorts', [
      'province_id',
      'id',
    ])
    .addForeignKeyConstraint('mentoring_actions_session', ['province_id', 'session_id'], 'mentoring_sessions', [
      'province_id',
      'id',
    ])
    .addForeignKeyConstraint(
      'mentoring_actions_finalist',
      ['province_id', 'cohort_id', 'application_id'],
      'cohort_finalists',
      ['province_id', 'cohort_id', 'application_id'],
    )
    .execute()
  await sql`create index mentoring_actions_open on mentoring_actions (due_on) where state = 'open' and overdue_notified_at is null`.execute(
    db,
  )

  // ---- the plan: milestones per finalist, with evidence and a mentor's sign-off ----
  await db.schema
    .createTable('plan_milestones')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cohort_id', 'uuid', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    // A default milestone is named by key (translated); one added by hand by its title.
    .addColumn('key', 'text', (c) => c.check(sql`key ~ '^[a-z][a-zA-Z]{1,39}$'`))
    .addColumn('title', 'text', (c) => c.check(sql`char_length(title) between 1 and 200`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('evidence_text', 'text', (c) => c.check(sql`char_length(evidence_text) <= 4000`))
    .addColumn('evidence_link', 'text', (c) => c.check(sql`char_length(evidence_link) <= 500`))
    .addColumn('evidence_file_id', 'uuid')
    .addColumn('evidence_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('evidence_at', 'timestamptz')
    .addColumn('signed_off_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('signed_off_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('plan_milestones_pk', ['province_id', 'id'])
    .addCheckConstraint('plan_milestones_named', sql`(key is null) <> (title is null)`)
    .addCheckConstraint('plan_milestones_signed', sql`(signed_off_by is null) = (signed_off_at is null)`)
    .addUniqueConstraint('plan_milestones_key_once', ['province_id', 'application_id', 'key'])
    .addForeignKeyConstraint(
      'plan_milestones_finalist',
      ['province_id', 'cohort_id', 'application_id'],
      'cohort_finalists',
      ['province_id', 'cohort_id', 'application_id'],
    )
    .addForeignKeyConstraint('plan_milestones_file', ['province_id', 'evidence_file_id'], 'files', [
      'province_id',
      'id',
    ])
    .execute()

  for (const table of [
    'mentoring_cohorts',
    'cohort_finalists',
    'cohort_mentors',
    'mentor_invitations',
    'mentoring_sessions',
    'session_participants',
    'session_notes',
    'mentoring_actions',
    'plan_milestones',
  ]) {
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
