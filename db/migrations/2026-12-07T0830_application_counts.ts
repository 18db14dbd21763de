import { type Kysely, sql } from 'kysely'

// Counts over a call's or an edition's applications (the Bappeda home's status counts and
// review progress, the national overview) scanned the whole applications heap: its rows are
// wide (the answers), two to a page, so 5,000 applications are 2,500 pages, and a country's
// worth does not stay in memory. These indexes hold what the counts read, for index-only
// scans: 70 pages instead of 2,500 for one province's call (docs/decisions/021). Status is
// indexed, so a status change is no longer a HOT update: one per step of an application's
// life, not per section save. Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index applications_by_call_status on applications (province_id, call_id, status, id)`.execute(db)
  await sql`create index applications_by_edition_status on applications (edition_id, province_id, status, id)`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index applications_by_edition_status`.execute(db)
  await sql`drop index applications_by_call_status`.execute(db)
}
