import { findCurrentEdition } from '#app/modules/portal/portal.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

/** A reviewer's OPD and the published issues of the current edition that it owns. */
export async function loadReviewerDesk(db: DB, provinceId: string, opdId: string | null) {
  const edition = await findCurrentEdition(db)
  return withTenant(db, { provinceId }, async (trx) => {
    const opd = opdId
      ? await trx
          .selectFrom('opds')
          .select(['name', 'short_name'])
          .where('province_id', '=', provinceId)
          .where('id', '=', opdId)
          .executeTakeFirst()
      : undefined
    const issues =
      opdId && edition
        ? await trx
            .selectFrom('province_issues')
            .select(['id', 'title_id', 'title_en'])
            .where('province_id', '=', provinceId)
            .where('edition_id', '=', edition.id)
            .where('lead_opd_id', '=', opdId)
            .where('status', '=', 'published')
            .orderBy('priority')
            .execute()
        : []
    return { opd: opd ?? null, issues }
  })
}
