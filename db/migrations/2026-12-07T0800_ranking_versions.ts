import { type Kysely, sql } from 'kysely'

// The ranking computed once per change (issue 18, docs/decisions/022): one row per call
// whose `version` changes in every transaction that changes what the call's leaderboard
// shows — completed reviews, assignments, which applications are ranked, their receipt,
// issue, venture name and issue titles, the selection's entries. Each process caches the
// built leaderboard keyed by (call, version) and reads the version in the request's own
// transaction, so every process sees a change at its commit. Triggers, not calls in each
// workflow: a bulk publication, an erasure, a cascade or a fixture cannot forget to bump.
// The version is the bumping transaction's id: never reused (a rolled-back one included)
// and written once per transaction, so a bulk statement costs one row version, not one
// per row. Frozen in time: the ranked statuses are RANKED_STATUSES of selection-rules.ts
// as of this migration.

const RANKED = sql.raw(`('in_review', 'shortlisted', 'finalist', 'not_selected')`)

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ranking_versions')
    .addColumn('province_id', 'uuid', (c) => c.notNull())
    .addColumn('call_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ranking_versions_pk', ['province_id', 'call_id'])
    .addForeignKeyConstraint(
      'ranking_versions_call',
      ['province_id', 'call_id'],
      'calls',
      ['province_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()

  const own = sql`province_id = app_current_province()`
  await sql`grant select, insert, update, delete on ranking_versions to winner_app`.execute(db)
  await sql`alter table ranking_versions enable row level security`.execute(db)
  await sql`alter table ranking_versions force row level security`.execute(db)
  await sql`create policy runtime_access on ranking_versions to winner_app using (true) with check (true)`.execute(db)
  await sql`create policy tenant_read on ranking_versions as restrictive for select
    using (${own} or app_national_scope())`.execute(db)
  await sql`create policy tenant_insert on ranking_versions as restrictive for insert with check (${own})`.execute(db)
  await sql`create policy tenant_update on ranking_versions as restrictive for update
    using (${own}) with check (${own})`.execute(db)
  await sql`create policy tenant_delete on ranking_versions as restrictive for delete using (${own})`.execute(db)

  // Security invoker: the bump runs under the writer's own tenant scope and RLS, so a
  // transaction can only bump the calls of the province it may write. The calls already
  // bumped are remembered in a transaction-local setting (undone with a rolled-back
  // savepoint, like the row): an assignment run moving 5,000 applications into review
  // calls this 5,000 times and writes once.
  await sql`
    create function ranking_bump(p uuid, c uuid) returns void language plpgsql as $$
    declare
      bumped text := coalesce(current_setting('app.ranking_bumped', true), '');
    begin
      if c is null or position(c::text in bumped) > 0 then return; end if;
      insert into ranking_versions (province_id, call_id, version)
        values (p, c, pg_current_xact_id()::text::bigint)
        on conflict (province_id, call_id) do update set version = excluded.version
        where ranking_versions.version <> excluded.version;
      perform set_config('app.ranking_bumped', bumped || c::text || ',', true);
    end $$`.execute(db)

  // Assignments: inserted or removed (a run, a declared conflict, an erasure's cascade),
  // or a review completed, changed or withdrawn. Statement triggers: an assignment run
  // inserts thousands of rows in one statement.
  await sql`
    create function ranking_bump_assignments() returns trigger language plpgsql as $$
    begin
      perform ranking_bump(a.province_id, a.call_id)
        from (select distinct a.province_id, a.call_id
                from changed r join applications a on a.province_id = r.province_id and a.id = r.application_id) a;
      return null;
    end $$`.execute(db)
  await sql`create trigger ranking_on_assignment_insert after insert on review_assignments
    referencing new table as changed for each statement execute function ranking_bump_assignments()`.execute(db)
  await sql`create trigger ranking_on_assignment_delete after delete on review_assignments
    referencing old table as changed for each statement execute function ranking_bump_assignments()`.execute(db)
  // Updates row by row with a WHEN clause: a reminder or a "no conflict" declaration calls no function.
  await sql`
    create function ranking_bump_assignment_row() returns trigger language plpgsql as $$
    begin
      perform ranking_bump(a.province_id, a.call_id) from applications a
        where a.province_id = new.province_id and a.id in (old.application_id, new.application_id);
      return null;
    end $$`.execute(db)
  await sql`create trigger ranking_on_assignment_update after update on review_assignments for each row
    when (old.total is distinct from new.total or old.scored_at is distinct from new.scored_at
      or old.reviewer_id <> new.reviewer_id or old.application_id <> new.application_id)
    execute function ranking_bump_assignment_row()`.execute(db)

  // Applications entering, leaving or changing within the ranked statuses. Drafts and
  // submissions (the deadline surge) never match the WHEN clauses and call nothing.
  await sql`
    create function ranking_bump_application() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform ranking_bump(old.province_id, old.call_id); end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and old.call_id is distinct from new.call_id) then
        perform ranking_bump(new.province_id, new.call_id);
      end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger ranking_on_application_insert after insert on applications for each row
    when (new.status in ${RANKED}) execute function ranking_bump_application()`.execute(db)
  await sql`create trigger ranking_on_application_delete after delete on applications for each row
    when (old.status in ${RANKED}) execute function ranking_bump_application()`.execute(db)
  await sql`create trigger ranking_on_application_update after update on applications for each row
    when ((old.status in ${RANKED} or new.status in ${RANKED})
      and (old.status, old.call_id, old.issue_id, old.receipt_number, old.venture_snapshot_id)
        is distinct from (new.status, new.call_id, new.issue_id, new.receipt_number, new.venture_snapshot_id))
    execute function ranking_bump_application()`.execute(db)

  // The selection's shortlist and finalists, shown on the leaderboard.
  await sql`
    create function ranking_bump_selection_entry() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform ranking_bump(old.province_id, old.call_id); end if;
      if tg_op <> 'DELETE' then perform ranking_bump(new.province_id, new.call_id); end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger ranking_on_selection_entry after insert or update or delete on selection_entries
    for each row execute function ranking_bump_selection_entry()`.execute(db)

  // Names the leaderboard shows: a venture's (an erasure rewrites it) and an issue's titles.
  await sql`
    create function ranking_bump_venture_snapshot() returns trigger language plpgsql as $$
    begin
      perform ranking_bump(c.province_id, c.call_id)
        from (select distinct a.province_id, a.call_id from applications a
               where a.province_id = new.province_id and a.venture_snapshot_id = new.id) c;
      return null;
    end $$`.execute(db)
  await sql`create trigger ranking_on_venture_snapshot_update after update on venture_snapshots for each row
    when (old.name is distinct from new.name) execute function ranking_bump_venture_snapshot()`.execute(db)
  await sql`
    create function ranking_bump_issue() returns trigger language plpgsql as $$
    begin
      perform ranking_bump(c.province_id, c.id) from calls c
        where c.province_id = new.province_id and c.edition_id = new.edition_id;
      return null;
    end $$`.execute(db)
  await sql`create trigger ranking_on_issue_update after update on province_issues for each row
    when ((old.title_id, old.title_en) is distinct from (new.title_id, new.title_en))
    execute function ranking_bump_issue()`.execute(db)
}
