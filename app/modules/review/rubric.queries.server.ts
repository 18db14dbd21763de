import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { RubricLevels } from '#db/schema.ts'

// Kysely only. A call's rubric (issue 7): weighted criteria, each level 1–5 described
// in both languages. Shared by Bappeda's rubric editor, the reviewer's scoring form and
// the ranking, so all three read the same rows in the same order.

export interface RubricCriterion {
  id: string
  key: string
  position: number
  weight: number
  title_id: string
  title_en: string
  levels: RubricLevels
}

/** The call's criteria in their display order (empty when no rubric was set up yet). */
export function listCriteria(trx: Trx, provinceId: string, callId: string): Promise<RubricCriterion[]> {
  return trx
    .selectFrom('rubric_criteria')
    .select(['id', 'key', 'position', 'weight', 'title_id', 'title_en', 'levels'])
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .orderBy('position')
    .execute()
}

/** Writes a whole rubric for a call that has none yet (the default, or a copy). */
export async function insertCriteria(
  trx: Trx,
  provinceId: string,
  callId: string,
  criteria: readonly Omit<RubricCriterion, 'id' | 'position'>[],
): Promise<void> {
  if (criteria.length === 0) return
  await trx
    .insertInto('rubric_criteria')
    .values(
      criteria.map((c, i) => ({
        province_id: provinceId,
        call_id: callId,
        key: c.key,
        position: i + 1,
        weight: c.weight,
        title_id: c.title_id,
        title_en: c.title_en,
        levels: JSON.stringify(c.levels),
      })),
    )
    .execute()
}
