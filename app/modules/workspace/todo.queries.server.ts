import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

// Counts for the Bappeda home's to-do list; every query names the province.

/** Province issues of an edition by lifecycle state. */
export async function countIssuesByStatus(trx: Trx, provinceId: string, editionId: string) {
  const rows = await trx
    .selectFrom('province_issues')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('province_id', '=', provinceId)
    .where('edition_id', '=', editionId)
    .groupBy('status')
    .execute()
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0)
  return { draft: count('draft'), validated: count('validated') }
}

/** Invitations sent and not yet accepted (nor revoked or expired). */
export async function countPendingInvitations(trx: Trx, provinceId: string, now: Date): Promise<number> {
  const row = await trx
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('province_id', '=', provinceId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** The state of a call's selection, if one was started. */
export async function findSelectionStatus(trx: Trx, provinceId: string, callId: string) {
  const row = await trx
    .selectFrom('selections')
    .select('status')
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .executeTakeFirst()
  return row?.status ?? null
}
