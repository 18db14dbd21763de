import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RUNTIME_ROLE } from '#db/client.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// A meta-test over the live schema: any table that gains a province_id without
// row-level security, or any object the runtime role comes to own, fails here.
let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t.close())

describe('RLS posture', () => {
  it('every table with province_id has RLS enabled, forced and a policy; restrictive ones where the app writes', async () => {
    const rows = await t.asOwner((db) =>
      sql<{
        table: string
        enabled: boolean
        forced: boolean
        restrictive: number
        permissive: number
        writable: boolean
      }>`
        select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
          has_table_privilege(${RUNTIME_ROLE}, c.oid, 'INSERT, UPDATE, DELETE') as writable,
          (select count(*)::int from pg_policy p where p.polrelid = c.oid and not p.polpermissive) as restrictive,
          (select count(*)::int from pg_policy p where p.polrelid = c.oid and p.polpermissive) as permissive
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        where c.relkind in ('r', 'p')
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'province_id' and not a.attisdropped)
        order by 1`.execute(db),
    )
    expect(rows.rows.map((r) => r.table)).toEqual(
      expect.arrayContaining([
        'audit_log',
        'calls',
        'invitations',
        'memberships',
        'opds',
        'phase_provinces',
        'province_issues',
      ]),
    )
    for (const row of rows.rows) {
      expect(row, row.table).toMatchObject({ enabled: true, forced: true })
      expect(row.permissive, `${row.table} permissive policies`).toBeGreaterThan(0)
      if (row.writable) expect(row.restrictive, `${row.table} restrictive policies`).toBeGreaterThan(0)
    }
  })

  it('the runtime role owns nothing and cannot bypass RLS', async () => {
    const owned = await t.asOwner((db) =>
      sql<{ name: string }>`select c.relname as name from pg_class c join pg_roles r on r.oid = c.relowner
        where r.rolname = ${RUNTIME_ROLE}`.execute(db),
    )
    expect(owned.rows).toEqual([])
    const role = await t.asOwner((db) =>
      sql<{ rolbypassrls: boolean; rolsuper: boolean; rolcanlogin: boolean }>`
        select rolbypassrls, rolsuper, rolcanlogin from pg_roles where rolname = ${RUNTIME_ROLE}`.execute(db),
    )
    expect(role.rows).toEqual([{ rolbypassrls: false, rolsuper: false, rolcanlogin: false }])
  })

  it('the audit log is append-only for the runtime role', async () => {
    const grants = await t.asOwner((db) =>
      sql<{ privilege_type: string }>`select privilege_type from information_schema.role_table_grants
        where grantee = ${RUNTIME_ROLE} and table_name = 'audit_log' order by 1`.execute(db),
    )
    expect(grants.rows.map((g) => g.privilege_type)).toEqual(['INSERT', 'SELECT'])
    await expect(sql`update audit_log set action = 'forged'`.execute(t.db)).rejects.toMatchObject({ code: '42501' })
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toMatchObject({ code: '42501' })
  })
})
