import { type Kysely, sql } from 'kysely'

// Review and selection (issue 7): screening on the application, review settings on
// the call, the rubric per call, conflicts, assignments, scores per criterion, and
// the province's selection (shortlist, three finalists) that the ministry confirms
// before anything is published. Frozen in time.

const SCREENING_REASONS = [
  'incomplete',
  'issue_mismatch',
  'outside_province',
  'not_social_enterprise',
  'duplicate',
  'other',
] as const
const CONFLICT_KINDS = ['family', 'employment', 'financial', 'same_organisation', 'organisation_match', 'email_domain']

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

export async function up(db: Kysely<any>): Promise<void> {
  // ---- the application's lifecycle grows: screening, review, and the published outcome ----
  await sql`alter table applications drop constraint applications_status_check`.execute(db)
  await sql`alter table applications add constraint applications_status_check check (status in
    ('draft', 'submitted', 'withdrawn', 'eligible', 'ineligible', 'in_review', 'shortlisted', 'finalist', 'not_selected'))`.execute(
    db,
  )
  await db.schema
    .alterTable('applications')
    .addColumn('screening_reason', 'text', (c) => c.check(sql`screening_reason in (${list(SCREENING_REASONS)})`))
    .addColumn('screening_note', 'text', (c) => c.check(sql`char_length(screening_note) <= 1000`))
    .addColumn('screened_at', 'timestamptz')
    .addColumn('screened_by', 'uuid', (c) => c.references('users.id'))
    .execute()

  // ---- review settings per call ----
  await db.schema
    .alterTable('calls')
    .addColumn('review_closes_at', 'timestamptz')
    .addColumn('blind_review', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reviewers_per_application', 'integer', (c) =>
      c.notNull().defaultTo(3).check(sql`reviewers_per_application between 1 and 10`),
    )
    .addColumn('ranking_method', 'text', (c) =>
      c.notNull().defaultTo('zscore').check(sql`ranking_method in ('mean', 'zscore')`),
    )
    .addColumn('share_scores', 'boolean', (c) => c.notNull().defaultTo(false))
    // Set by the first assignment: from then on screening decisions are final.
    .addColumn('review_started_at', 'timestamptz')
    // Set by the first saved score: from then on the rubric cannot change.
    .addColumn('rubric_locked_at', 'timestamptz')
    .execute()
  await sql`alter table calls add constraint calls_review_after_close
    check (review_closes_at is null or review_closes_at > closes_at)`.execute(db)

  // ---- the rubric: weighted criteria, each level 1–5 described in both languages ----
  await db.schema
    .createTable('rubric_criteria')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('call_id', 'uuid', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z][a-z0-9_]{1,39}$'`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight between 1 and 100`))
    .addColumn('title_id', 'text', (c) => c.notNull().check(sql`char_length(title_id) between 1 and 200`))
    .addColumn('title_en', 'text', (c) => c.notNull().check(sql`char_length(title_en) between 1 and 200`))
    // Five {id, en} descriptions, level 1 first.
    .addColumn('levels', 'jsonb', (c) =>
      c.notNull().check(sql`jsonb_typeof(levels) = 'array' and jsonb_array_length(levels) = 5`),
    )
    .addPrimaryKeyConstraint('rubric_criteria_pk', ['province_id', 'id'])
    .addUniqueConstraint('rubric_criteria_key', ['province_id', 'call_id', 'key'])
    .addForeignKeyConstraint('rubric_criteria_call', ['province_id', 'call_id'], 'calls', ['province_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute()

  // ---- conflicts of interest: declared by the reviewer or detected; never assigned ----
  await db.schema
    .createTable('review_conflicts')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('declared', 'detected')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${list(CONFLICT_KINDS)})`))
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 1000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('review_conflicts_pk', ['province_id', 'application_id', 'reviewer_id', 'source'])
    .addForeignKeyConstraint(
      'review_conflicts_application',
      ['province_id', 'application_id'],
      'applications',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()

  // ---- assignments: one reviewer on one application; the review's state lives here ----
  await db.schema
    .createTable('review_assignments')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('auto').check(sql`source in ('auto', 'manual')`))
    .addColumn('assigned_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The reviewer declared "no conflict" before seeing the details.
    .addColumn('declared_at', 'timestamptz')
    // Weighted total (0–100) once every criterion is scored; null while incomplete.
    .addColumn('total', sql`numeric(6, 2)`)
    .addColumn('scored_at', 'timestamptz')
    .addColumn('notified_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .addPrimaryKeyConstraint('review_assignments_pk', ['province_id', 'application_id', 'reviewer_id'])
    .addForeignKeyConstraint(
      'review_assignments_application',
      ['province_id', 'application_id'],
      'applications',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await sql`create index review_assignments_by_reviewer on review_assignments (province_id, reviewer_id)`.execute(db)

  await db.schema
    .createTable('review_scores')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull())
    .addColumn('criterion_id', 'uuid', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 1 and 5`))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(comment) <= 2000`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('review_scores_pk', ['province_id', 'application_id', 'reviewer_id', 'criterion_id'])
    // RESTRICT: an assignment with scores is not silently dropped.
    .addForeignKeyConstraint(
      'review_scores_assignment',
      ['province_id', 'application_id', 'reviewer_id'],
      'review_assignments',
      ['province_id', 'application_id', 'reviewer_id'],
    )
    .addForeignKeyConstraint('review_scores_criterion', ['province_id', 'criterion_id'], 'rubric_criteria', [
      'province_id',
      'id',
    ])
    .execute()

  // ---- selection: the province proposes, the ministry confirms or returns, then it is published ----
  await db.schema
    .createTable('selections')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('call_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'awaiting_confirmation', 'returned', 'confirmed', 'published')`),
    )
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('return_note', 'text', (c) => c.check(sql`char_length(return_note) <= 2000`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('selections_pk', ['province_id', 'call_id'])
    .addForeignKeyConstraint('selections_call', ['province_id', 'call_id'], 'calls', ['province_id', 'id'])
    .execute()

  await db.schema
    .createTable('selection_entries')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('call_id', 'uuid', (c) => c.notNull())
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('shortlisted', 'finalist')`))
    .addColumn('justification', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(justification) <= 2000`))
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('selection_entries_pk', ['province_id', 'application_id'])
    .addCheckConstraint('selection_finalist_justified', sql`stage <> 'finalist' or char_length(justification) >= 20`)
    .addForeignKeyConstraint('selection_entries_application', ['province_id', 'application_id'], 'applications', [
      'province_id',
      'id',
    ])
    .addForeignKeyConstraint('selection_entries_selection', ['province_id', 'call_id'], 'selections', [
      'province_id',
      'call_id',
    ])
    .execute()

  for (const table of [
    'rubric_criteria',
    'review_conflicts',
    'review_assignments',
    'review_scores',
    'selections',
    'selection_entries',
  ]) {
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
}
