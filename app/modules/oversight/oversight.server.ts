import { summariseProvinces } from '#app/modules/portal/portal.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { countFunnelByProvince, countMembersByProvince, listSelectionStates } from './oversight.queries.server.ts'
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
    const members = await countMembersByProvince(trx)
    const funnel: Awaited<ReturnType<typeof countFunnelByProvince>> = edition
      ? await countFunnelByProvince(trx, edition.id)
      : new Map()
    const selections: Awaited<ReturnType<typeof listSelectionStates>> = edition
      ? await listSelectionStates(trx, edition.id)
      : new Map()
    return {
      edition,
      provinces: summaries.map(({ id, ...p }) => {
        const team = members.get(id)
        // Registered applicants count towards the funnel of an edition; without one the funnel is empty.
        const counts = {
          registered: edition ? (team?.registered ?? 0) : 0,
          ...(funnel.get(id) ?? { submitted: 0, eligible: 0, scored: 0, finalists: 0 }),
        }
        return {
          ...p,
          id,
          admins: team?.admins ?? 0,
          reviewers: team?.reviewers ?? 0,
          ...counts,
          stage: provinceStage(p.status.kind, counts, selections.get(id) ?? null),
        }
      }),
    }
  })
}
