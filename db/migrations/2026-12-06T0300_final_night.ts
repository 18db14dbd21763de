import { type Kysely, sql } from 'kysely'

// The Final Night in Jakarta (issue 14): one national event per edition, its pitches
// (snapshots of confirmed finalists of every province), the jury's rubric, awards,
// participants invited to the event (jurors and matchmaking guests — never a
// membership), declared conflicts, scores with their idempotency keys, and the
// matchmaking interests with their follow-ups. Frozen in time: imports nothing from
// the app (docs/decisions/009-final-night-scope.md).

const ZONES = "'Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'"

export async function up(db: Kysely<any>): Promise<void> {
  // The event a transaction is bound to (withTenant's `event` setting); empty → NULL → no row.
  await sql`
    create function app_current_event() returns uuid language sql stable as
    $$ select nullif(current_setting('app.event_id', true), '')::uuid $$`.execute(db)
  await sql`grant execute on function app_current_event() to winner_app`.execute(db)

  await db.schema
    .createTable('final_nights')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('edition_id', 'uuid', (c) => c.notNull().unique().references('editions.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) =>
      c
        .notNull()
        .defaultTo('Asia/Jakarta')
        .check(sql`time_zone in (${sql.raw(ZONES)})`),
    )
    .addColumn('venue', 'text', (c) => c.notNull().check(sql`char_length(venue) between 1 and 200`))
    .addColumn('city', 'text', (c) => c.notNull().check(sql`char_length(city) between 1 and 100`))
    .addColumn('programme', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(programme) <= 4000`))
    .addColumn('minutes_per_pitch', 'integer', (c) =>
      c.notNull().defaultTo(7).check(sql`minutes_per_pitch between 1 and 60`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('planning')
        .check(sql`status in ('planning', 'voting', 'closed', 'confirmed', 'published')`),
    )
    // The seed of the last random draw (reproducible), or null when the order was set by hand.
    .addColumn('draw_seed', 'text', (c) => c.check(sql`draw_seed ~ '^[0-9a-f]{16,64}$'`))
    .addColumn('ordered_at', 'timestamptz')
    .addColumn('voting_opened_at', 'timestamptz')
    .addColumn('voting_closed_at', 'timestamptz')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('confirmed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // A finalist on stage: points into its province's application (composite key) and
  // carries what the board shows, so reading the event never needs a tenant scope.
  await db.schema
    .createTable('final_night_pitches')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('final_nights.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('province_id', 'uuid', (c) => c.notNull().references('provinces.id'))
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position > 0`))
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('venture_name', 'text', (c) => c.notNull())
    .addColumn('province_name', 'text', (c) => c.notNull())
    .addColumn('national_issue_id', 'uuid', (c) => c.notNull().references('national_issues.id'))
    .addColumn('issue_title_id', 'text', (c) => c.notNull())
    .addColumn('issue_title_en', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('final_night_pitches_pk', ['event_id', 'id'])
    .addUniqueConstraint('final_night_pitches_application', ['event_id', 'province_id', 'application_id'])
    .addForeignKeyConstraint('final_night_pitches_application_fk', ['province_id', 'application_id'], 'applications', [
      'province_id',
      'id',
    ])
    .execute()
  // Deferred so a new order can be written row by row inside one transaction.
  await sql`alter table final_night_pitches add constraint final_night_pitches_position
    unique (event_id, position) deferrable initially deferred`.execute(db)

  await db.schema
    .createTable('final_night_criteria')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('final_nights.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight between 1 and 100`))
    .addColumn('title_id', 'text', (c) => c.notNull().check(sql`char_length(title_id) between 1 and 120`))
    .addColumn('title_en', 'text', (c) => c.notNull().check(sql`char_length(title_en) between 1 and 120`))
    .addPrimaryKeyConstraint('final_night_criteria_pk', ['event_id', 'id'])
    .addUniqueConstraint('final_night_criteria_position', ['event_id', 'position'])
    .execute()

  await db.schema
    .createTable('final_night_awards')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('final_nights.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('best_overall', 'best_issue', 'audience', 'custom')`),
    )
    .addColumn('national_issue_id', 'uuid', (c) => c.references('national_issues.id'))
    .addColumn('title_id', 'text', (c) => c.check(sql`char_length(title_id) between 1 and 120`))
    .addColumn('title_en', 'text', (c) => c.check(sql`char_length(title_en) between 1 and 120`))
    // Chosen by hand for audience and custom awards; set from the ranking at confirmation for the others.
    .addColumn('winner_pitch_id', 'uuid')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('final_night_awards_pk', ['event_id', 'id'])
    .addCheckConstraint('final_night_awards_issue', sql`(kind = 'best_issue') = (national_issue_id is not null)`)
    .addCheckConstraint(
      'final_night_awards_custom_title',
      sql`kind <> 'custom' or (title_id is not null and title_en is not null)`,
    )
    .addForeignKeyConstraint('final_night_awards_winner', ['event_id', 'winner_pitch_id'], 'final_night_pitches', [
      'event_id',
      'id',
    ])
    .execute()
  await sql`create unique index final_night_awards_one_per_kind on final_night_awards
    (event_id, kind, coalesce(national_issue_id, '00000000-0000-0000-0000-000000000000')) where kind <> 'custom'`.execute(
    db,
  )

  // Jurors and guests: invited to one event by a one-time link; user_id is set when accepted.
  await db.schema
    .createTable('final_night_participants')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('final_nights.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('juror', 'guest')`))
    .addColumn('affiliation', 'text', (c) =>
      c.notNull().check(sql`affiliation in ('ministry', 'investor', 'partner', 'local_government')`),
    )
    .addColumn('email', 'text', (c) => c.notNull().check(sql`char_length(email) between 3 and 254`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(organisation) <= 200`))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('final_night_participants_pk', ['event_id', 'id'])
    .addCheckConstraint('final_night_participants_accepted', sql`(accepted_at is null) = (user_id is null)`)
    .execute()
  await sql`create unique index final_night_participants_user on final_night_participants (event_id, kind, user_id)
    where user_id is not null and revoked_at is null`.execute(db)
  await sql`create index final_night_participants_by_user on final_night_participants (user_id)`.execute(db)

  // A juror who invested in or advised a venture declares it and never scores that pitch.
  await db.schema
    .createTable('final_night_conflicts')
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('pitch_id', 'uuid', (c) => c.notNull())
    .addColumn('juror_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('invested', 'advised', 'other')`))
    .addColumn('declared_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('final_night_conflicts_pk', ['event_id', 'pitch_id', 'juror_id'])
    .addForeignKeyConstraint('final_night_conflicts_pitch', ['event_id', 'pitch_id'], 'final_night_pitches', [
      'event_id',
      'id',
    ])
    .execute()

  // One row per juror, pitch and criterion: a retried or repeated post overwrites, never adds.
  await db.schema
    .createTable('final_night_scores')
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('pitch_id', 'uuid', (c) => c.notNull())
    .addColumn('juror_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('criterion_id', 'uuid', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 1 and 10`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('final_night_scores_pk', ['event_id', 'pitch_id', 'juror_id', 'criterion_id'])
    .addForeignKeyConstraint('final_night_scores_pitch', ['event_id', 'pitch_id'], 'final_night_pitches', [
      'event_id',
      'id',
    ])
    .addForeignKeyConstraint('final_night_scores_criterion', ['event_id', 'criterion_id'], 'final_night_criteria', [
      'event_id',
      'id',
    ])
    .execute()

  // The idempotency key of each score form render: a key seen before is a retry and changes nothing.
  await db.schema
    .createTable('final_night_score_posts')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('final_nights.id').onDelete('cascade'))
    .addColumn('juror_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('idempotency_key', 'uuid', (c) => c.notNull())
    .addColumn('pitch_id', 'uuid', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('final_night_score_posts_pk', ['event_id', 'juror_id', 'idempotency_key'])
    .execute()

  // Matchmaking: a guest's interest in a finalist, which the finalist accepts or declines.
  await db.schema
    .createTable('final_night_interests')
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('pitch_id', 'uuid', (c) => c.notNull())
    .addColumn('guest_id', 'uuid', (c) => c.notNull().references('users.id'))
    // The finalist (the application's applicant), copied from the pitch for the policies.
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('investment', 'pilot', 'partnership', 'replication')`),
    )
    .addColumn('message', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(message) <= 2000`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'declined')`),
    )
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('final_night_interests_pk', ['event_id', 'id'])
    .addUniqueConstraint('final_night_interests_once', ['event_id', 'pitch_id', 'guest_id', 'kind'])
    .addForeignKeyConstraint('final_night_interests_pitch', ['event_id', 'pitch_id'], 'final_night_pitches', [
      'event_id',
      'id',
    ])
    .execute()

  await db.schema
    .createTable('final_night_followups')
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('interest_id', 'uuid', (c) => c.notNull())
    .addColumn('guest_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('applicant_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('meeting_held', 'term_sheet', 'mou_drafted')`))
    .addColumn('happened_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(note) <= 2000`))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('final_night_followups_pk', ['event_id', 'id'])
    .addForeignKeyConstraint('final_night_followups_interest', ['event_id', 'interest_id'], 'final_night_interests', [
      'event_id',
      'id',
    ])
    .execute()

  // ---- row-level security (docs/decisions/009-final-night-scope.md) ----
  const national = sql`app_national_scope()`
  const thisEvent = sql`event_id = app_current_event()`
  const me = sql`app_current_user()`
  // The organiser (ministry) writes in the national scope bound to one event; reads: national, or the event's scope.
  await eventRls(db, 'final_nights', {
    read: sql`${national} or id = app_current_event()`,
    write: sql`${national} and id = app_current_event()`,
  })
  for (const table of ['final_night_pitches', 'final_night_criteria', 'final_night_awards']) {
    await eventRls(db, table, {
      read:
        table === 'final_night_pitches'
          ? sql`${national} or ${thisEvent} or applicant_id = ${me}`
          : sql`${national} or ${thisEvent}`,
      write: sql`${national} and ${thisEvent}`,
    })
  }
  // Participants: the organiser invites; the invited person binds their account to their row once.
  await eventRls(db, 'final_night_participants', {
    read: sql`${national} or ${thisEvent} or user_id = ${me}`,
    write: sql`${national} and ${thisEvent}`,
    update: {
      using: sql`${thisEvent} and (${national} or user_id is null or user_id = ${me})`,
      check: sql`${thisEvent} and (${national} or user_id = ${me})`,
    },
  })
  // A juror's own conflicts, scores and keys: only they write them, inside their event's scope.
  for (const table of ['final_night_conflicts', 'final_night_scores', 'final_night_score_posts']) {
    await eventRls(db, table, {
      read: sql`${national} or (${thisEvent} and juror_id = ${me})`,
      write: sql`${thisEvent} and juror_id = ${me} and not ${national}`,
    })
  }
  // Matchmaking: the guest and the finalist of an interest, inside the event's scope.
  for (const table of ['final_night_interests', 'final_night_followups']) {
    await eventRls(db, table, {
      read: sql`${national} or guest_id = ${me} or applicant_id = ${me}`,
      write: sql`${thisEvent} and (guest_id = ${me} or applicant_id = ${me}) and not ${national}`,
    })
  }
}

/** RLS for an event table: permissive for the runtime role, narrowed by restrictive policies. */
async function eventRls(
  db: Kysely<any>,
  table: string,
  p: {
    read: ReturnType<typeof sql>
    write: ReturnType<typeof sql>
    update?: { using: ReturnType<typeof sql>; check: ReturnType<typeof sql> }
  },
): Promise<void> {
  const t = sql.table(table)
  const update = p.update ?? { using: p.write, check: p.write }
  await sql`grant select, insert, update, delete on ${t} to winner_app`.execute(db)
  await sql`alter table ${t} enable row level security`.execute(db)
  await sql`alter table ${t} force row level security`.execute(db)
  await sql`create policy runtime_access on ${t} to winner_app using (true) with check (true)`.execute(db)
  await sql`create policy event_read on ${t} as restrictive for select using (${p.read})`.execute(db)
  await sql`create policy event_insert on ${t} as restrictive for insert with check (${p.write})`.execute(db)
  await sql`create policy event_update on ${t} as restrictive for update using (${update.using}) with check (${update.check})`.execute(
    db,
  )
  await sql`create policy event_delete on ${t} as restrictive for delete using (${p.write})`.execute(db)
}
