import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { RubricLevels } from '#db/schema.ts'

// Kysely only. Changes to a call's rubric from Bappeda's editor (issue 7); reading and
// the first insert are shared with the desk and the ranking (review/rubric.queries.server.ts).

export interface CriterionValues {
  key: string
  position: number
  weight: number
  title_id: string
  title_en: string
  levels: RubricLevels
}

export function updateCriterion(trx: Trx, provinceId: string, callId: string, values: CriterionValues) {
  return trx
    .updateTable('rubric_criteria')
    .set({
      position: values.position,
      weight: values.weight,
      title_id: values.title_id,
      title_en: values.title_en,
      levels: JSON.stringify(values.levels),
    })
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .where('key', '=', values.key)
    .execute()
}

export function insertCriterion(trx: Trx, provinceId: string, callId: string, values: CriterionValues) {
  return trx
    .insertInto('rubric_criteria')
    .values({ province_id: provinceId, call_id: callId, ...values, levels: JSON.stringify(values.levels) })
    .execute()
}

export function deleteCriteria(trx: Trx, provinceId: string, callId: string, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([])
  return trx
    .deleteFrom('rubric_criteria')
    .where('province_id', '=', provinceId)
    .where('call_id', '=', callId)
    .where('key', 'in', keys)
    .execute()
}

/** Whether any score was saved against the call's rubric (the lock, even if the flag lags). */
export async function hasScores(trx: Trx, provinceId: string, callId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('review_scores as s')
    .innerJoin('rubric_criteria as rc', (j) =>
      j.onRef('rc.province_id', '=', 's.province_id').onRef('rc.id', '=', 's.criterion_id'),
    )
    .select('s.criterion_id')
    .where('s.province_id', '=', provinceId)
    .where('rc.call_id', '=', callId)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
