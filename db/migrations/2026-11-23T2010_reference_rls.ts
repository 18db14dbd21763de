import { type Kysely, sql } from 'kysely'

// phase_provinces carries province_id but is national reference data (which phase a
// province runs in). It gets RLS too, read-only for everyone, so "every table with
// province_id is under RLS" holds without exceptions.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table phase_provinces enable row level security`.execute(db)
  await sql`alter table phase_provinces force row level security`.execute(db)
  await sql`create policy reference_read on phase_provinces for select to winner_app using (true)`.execute(db)
  // The owner (migrations, reference seeds) keeps writing it even when it is not a superuser.
  await sql`create policy owner_all on phase_provinces to current_user using (true) with check (true)`.execute(db)
}
