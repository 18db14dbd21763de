import { summariseProvinces } from '#app/modules/portal/portal.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { countFunnelByProvince, listSelectionStates } from './oversight.queries.server.ts'
import { provinceStage } from './stage.ts'

/**
 * Every active province with its stage, call status, published issues, team size and
 * applicant funnel, for ministry and ERAT: one national transaction, and nothing the
 * dashboard does not show (docs/decisions/021-signed-in-request-cost.md).
 */
export async function loadNationalOverview(db: DB, now: Date) {
  return withTenant(db, { national: true }, async (trx) => {
    const edition = (await findCurrentEdition(trx)) ?? null
    const summaries = await summariseProvinces(trx, edition?.id ?? null, now)
    const counts = await trx
      .selectFrom('memberships')
      .select(['province_id', 'role', (eb) => eb.fn.countAll<string>().as('n')])
      .where('province_id', 'is not', null)
      .where('role', 'in', ['province_admin', 'reviewer'])
      .groupBy(['province_id', 'role'])
      .execute()
    const funnel: Awaited<ReturnType<typeof countFunnelByProvince>> = edition
      ? await countFunnelByProvince(trx, edition.id)
      : new Map()
    const selections: Awaited<ReturnType<typeof listSelectionStates>> = edition
      ? await listSelectionStates(trx, edition.id)
      : new Map()
    const count = (provinceId: string, role: string) =>
      Number(counts.find((c) => c.province_id === provinceId && c.role === role)?.n ?? 0)
    return {
      edition,
      provinces: summaries.map(({ id, ...p }) => {
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
  })
}
