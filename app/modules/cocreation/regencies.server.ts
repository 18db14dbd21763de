import { audit } from '#app/modules/audit/audit.server.ts'
import { isUniqueViolation } from '#app/modules/catalogue/issue-rules.ts'
import { invalid } from '#app/modules/errors/errors.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { pageWindow } from '#app/modules/validation/paging.ts'
import type { DB } from '#db/client.ts'
import {
  countRegencies,
  findRegencyAnywhere,
  insertRegencies,
  listRegencies,
  regencyNames,
} from './cocreation.queries.server.ts'
import type { RegencyInput } from './cocreation.schema.ts'
import { checkRegencyImport, codeProblem, type RowProblem, regencyKind, regencyName } from './regency-rules.ts'

// A province's kabupaten/kota list (issue 15): typed in one by one or imported from a
// CSV of BPS codes and names, so a province onboarded from the UI gives its applicants
// a kabupaten/kota choice and its agencies a level.

/** Who changes the list, where, from which address (for the audit log). */
export interface ProvinceActor {
  provinceId: string
  /** The province's two-digit BPS code: every kabupaten/kota code starts with it. */
  bpsCode: string
  userId: string
  ip: string | null
}

export const REGENCY_PAGE_SIZE = 50

/** One page of the list (1-based, clamped) and the number of pages. */
export function loadRegencyPage(db: DB, provinceId: string, requested: number) {
  return withTenant(db, { provinceId }, async (trx) => {
    const total = await countRegencies(trx, provinceId)
    const { page, pageCount, limit, offset } = pageWindow(requested, total, REGENCY_PAGE_SIZE)
    const rows = await listRegencies(trx, provinceId, limit, offset)
    return { total, page, pageCount, regencies: rows.map((r) => ({ ...r, agencies: Number(r.agencies) })) }
  })
}

/**
 * Adds one kabupaten/kota. The code must carry the province's prefix; a code already
 * listed (here or, by a mistake elsewhere, anywhere) is refused on the code field.
 */
export async function addRegency(db: DB, actor: ProvinceActor, input: RegencyInput): Promise<void> {
  const problem = codeProblem(input.code, actor.bpsCode)
  if (problem) throw invalid(problem, 'code')
  const name = regencyName(input.name)
  if (!name) throw invalid('cocreation:errors.required', 'name')
  const taken = () => invalid('cocreation:regencies.errors.taken', 'code')
  try {
    await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
      if (await findRegencyAnywhere(trx, input.code)) throw taken()
      const row = { code: input.code, name, kind: regencyKind(input.code) }
      await insertRegencies(trx, actor.provinceId, [row])
      await audit(trx, {
        actorId: actor.userId,
        action: 'regency.added',
        objectType: 'regency',
        objectId: input.code,
        provinceId: actor.provinceId,
        ip: actor.ip,
        details: row,
      })
    })
  } catch (error) {
    // Two admins adding the same code at once: the second is told, as if it had been listed.
    if (isUniqueViolation(error)) throw taken()
    throw error
  }
}

export type ImportOutcome = { ok: true; added: number; unchanged: number } | { ok: false; problems: RowProblem[] }

/**
 * Imports a CSV (`code,name`). Every row is checked first; one bad row writes nothing
 * and every problem is answered with its line. Rows already listed with the same name
 * are left alone, so importing the same file twice adds nothing the second time.
 */
export async function importRegencies(db: DB, actor: ProvinceActor, csv: string): Promise<ImportOutcome> {
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const check = checkRegencyImport(csv, actor.bpsCode, await regencyNames(trx, actor.provinceId))
    if (check.problems.length > 0) return { ok: false, problems: check.problems }
    await insertRegencies(trx, actor.provinceId, check.added)
    if (check.added.length > 0) {
      await audit(trx, {
        actorId: actor.userId,
        action: 'regency.imported',
        objectType: 'province',
        objectId: actor.provinceId,
        provinceId: actor.provinceId,
        ip: actor.ip,
        details: { codes: check.added.map((r) => r.code), unchanged: check.unchanged },
      })
    }
    return { ok: true, added: check.added.length, unchanged: check.unchanged }
  })
}
