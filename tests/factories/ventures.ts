import type { Insertable } from 'kysely'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { Database } from '#db/schema.ts'

// A venture and its team, written as the owner through the province's tenant scope.

type VentureValues = Insertable<Database['ventures']>
type MemberValues = Insertable<Database['venture_members']>

export type VentureSpec = Omit<VentureValues, 'province_id' | 'owner_id' | 'legal_form' | 'stage'> &
  Partial<Pick<VentureValues, 'legal_form' | 'stage'>> & {
    members?: Omit<MemberValues, 'province_id' | 'venture_id' | 'position'>[]
  }

/** A venture owned by `ownerId` (a community at the idea stage unless said), its members in order. */
export async function createVenture(owner: DB, provinceId: string, ownerId: string, spec: VentureSpec) {
  const { members = [], ...venture } = spec
  return withTenant(owner, { provinceId }, async (trx) => {
    const row = await trx
      .insertInto('ventures')
      .values({ legal_form: 'community', stage: 'idea', ...venture, province_id: provinceId, owner_id: ownerId })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [i, member] of members.entries()) {
      await trx
        .insertInto('venture_members')
        .values({ ...member, province_id: provinceId, venture_id: row.id, position: i + 1 })
        .execute()
    }
    return row.id
  })
}
