import { loadHome } from '#app/modules/portal/portal.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

/** Every active province with call status, published issues and team size, for ministry and ERAT. */
export async function loadNationalOverview(db: DB, now: Date) {
  const home = await loadHome(db, now)
  const counts = await withTenant(db, { national: true }, (trx) =>
    trx
      .selectFrom('memberships')
      .select(['province_id', 'role', (eb) => eb.fn.countAll<string>().as('n')])
      .where('province_id', 'is not', null)
      .where('role', 'in', ['province_admin', 'reviewer'])
      .groupBy(['province_id', 'role'])
      .execute(),
  )
  const ids = await db.selectFrom('provinces').select(['id', 'slug']).execute()
  const idOf = new Map(ids.map((p) => [p.slug, p.id]))
  const count = (provinceId: string | undefined, role: string) =>
    Number(counts.find((c) => c.province_id === provinceId && c.role === role)?.n ?? 0)
  return {
    edition: home.edition,
    provinces: home.provinces.map((p) => ({
      ...p,
      id: idOf.get(p.slug) as string,
      admins: count(idOf.get(p.slug), 'province_admin'),
      reviewers: count(idOf.get(p.slug), 'reviewer'),
    })),
  }
}
