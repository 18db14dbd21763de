import { type Kysely, sql } from 'kysely'

// The signed-in request path reads a session, its user and the user's memberships in one
// statement (docs/decisions/021-signed-in-request-cost.md). Memberships are under RLS and
// readable by their own user once `app.user_id` names them; this function (run as the caller,
// so RLS still applies) names the session's user for its own query only, then puts back
// whatever the caller's transaction had. Frozen in time.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function session_memberships(p_session_id text)
    returns table (id uuid, role text, province_id uuid, opd_id uuid,
                   province_slug text, province_name text, province_active boolean)
    language plpgsql volatile security invoker set search_path = public, pg_temp as $$
    declare
      uid uuid;
      previous text := coalesce(current_setting('app.user_id', true), '');
    begin
      select s.user_id into uid from sessions s where s.id = p_session_id;
      if uid is null then return; end if;
      perform set_config('app.user_id', uid::text, true);
      return query
        select m.id, m.role, m.province_id, m.opd_id, p.slug, p.name, p.active
        from memberships m left join provinces p on p.id = m.province_id
        where m.user_id = uid;
      perform set_config('app.user_id', previous, true);
    end $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function session_memberships(text)`.execute(db)
}
