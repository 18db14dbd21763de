import { loadHome } from '#app/modules/portal/portal.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { countFunnelByProvince, listSelectionStates } from './oversight.queries.server.ts'
import { provinceStage } from './stage.ts'

/** Every active province with its stage, call status, published issues, team size and applicant funnel, for ministry and ERAT. */
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
  const edition = home.edition
  const [funnel, selections] = edition
    ? await withTenant(
        db,
        { national: true },
        async (trx) =>
          [await countFunnelByProvince(trx, edition.id), await listSelectionStates(trx, edition.id)] as const,
      )
    : [
        new Map() as Awaited<ReturnType<typeof countFunnelByProvince>>,
        new Map() as Awaited<ReturnType<typeof listSelectionStates>>,
      ]
  const ids = await db.selectFrom('provinces').select(['id', 'slug']).execute()
  const idOf = new Map(ids.map((p) => [p.slug, p.id]))
  const count = (provinceId: string | undefined, role: string) =>
    Number(counts.find((c) => c.province_id === provinceId && c.role === role)?.n ?? 0)
  return {
    edition: home.edition,
    provinces: home.provinces.map((p) => {
      const id = idOf.get(p.slug) as string
      const counts = funnel.get(id) ?? { registered: 0, submitted: 0, eligible: 0, scored: 0, finalists: 0 }
      return {
        ...p,
        id,
        admins: count(id, 'province_admin'),
        reviewers: count(id, 'reviewer'),
        ...counts,
        stage: provinceStage(p.status.kind, counts, selections.get(id) ?? null),
      }
    }),
  }
}
