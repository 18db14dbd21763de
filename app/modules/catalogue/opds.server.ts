import { audit } from '#app/modules/audit/audit.server.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { findOpd, findRegency, listOpds, listRegencyChoices } from './catalogue.queries.server.ts'
import type { OpdInput } from './catalogue.schema.ts'
import { isForeignKeyViolation, isUniqueViolation } from './issue-rules.ts'

/** Who changes the catalogue, where, from which address (for the audit log). */
export interface CatalogueActor {
  provinceId: string
  userId: string
  ip: string | null
}

const duplicate = () => invalid('catalogue:opds.duplicateShortName', 'short_name')

function values(input: OpdInput) {
  return {
    name: input.name,
    short_name: input.short_name,
    head_name: input.head_name ?? null,
    contact_email: input.contact_email ?? null,
    contact_phone: input.contact_phone ?? null,
    level: input.level,
    // A provincial OPD names no kabupaten/kota whatever the form sent.
    regency_code: input.level === 'regency' ? (input.regency_code ?? null) : null,
  }
}

/**
 * A regency agency names a kabupaten/kota of its own province; the composite foreign
 * key says the same, this says it on the field.
 */
async function checkRegency(trx: Trx, provinceId: string, input: OpdInput): Promise<void> {
  if (input.level !== 'regency' || !input.regency_code) return
  if (!(await findRegency(trx, provinceId, input.regency_code)))
    throw invalid('catalogue:errors.regency', 'regency_code')
}

/** The OPD directory of a province. */
export function loadOpds(db: DB, provinceId: string) {
  return withTenant(db, { provinceId }, async (trx) =>
    (await listOpds(trx, provinceId)).map((o) => ({ ...o, leads: Number(o.leads), reviewers: Number(o.reviewers) })),
  )
}

/** The province's kabupaten/kota, for the agency form's choice. */
export function loadRegencyChoices(db: DB, provinceId: string) {
  return withTenant(db, { provinceId }, (trx) => listRegencyChoices(trx, provinceId))
}

/** One OPD of the province, or NotFound (404). */
export async function loadOpd(db: DB, provinceId: string, opdId: string) {
  const opd = await withTenant(db, { provinceId }, (trx) => findOpd(trx, provinceId, opdId))
  if (!opd) throw notFound('opd')
  return opd
}

/** Adds an agency to the directory; a short name already used in the province is refused. */
export async function createOpd(db: DB, actor: CatalogueActor, input: OpdInput): Promise<string> {
  try {
    return await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
      await checkRegency(trx, actor.provinceId, input)
      const row = await trx
        .insertInto('opds')
        .values({ province_id: actor.provinceId, ...values(input) })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit(trx, {
        actorId: actor.userId,
        action: 'opd.created',
        objectType: 'opd',
        objectId: row.id,
        provinceId: actor.provinceId,
        ip: actor.ip,
        details: { name: input.name, shortName: input.short_name, level: input.level, regency: input.regency_code },
      })
      return row.id
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate()
    throw error
  }
}

/** Edits an OPD; answers whether the portal shows something that changed (its names). */
export async function updateOpd(db: DB, actor: CatalogueActor, opdId: string, input: OpdInput): Promise<boolean> {
  try {
    return await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
      const before = await findOpd(trx, actor.provinceId, opdId)
      if (!before) throw notFound('opd')
      await checkRegency(trx, actor.provinceId, input)
      const { id: _id, active: _active, ...was } = before
      await trx
        .updateTable('opds')
        .set({ ...values(input), updated_at: new Date() })
        .where('province_id', '=', actor.provinceId)
        .where('id', '=', opdId)
        .execute()
      await audit(trx, {
        actorId: actor.userId,
        action: 'opd.updated',
        objectType: 'opd',
        objectId: opdId,
        provinceId: actor.provinceId,
        ip: actor.ip,
        details: { before: was, after: values(input) },
      })
      return before.name !== input.name || before.short_name !== input.short_name
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate()
    throw error
  }
}

/** Deactivates (hidden from new choices, history kept) or reactivates an OPD. */
export async function setOpdActive(db: DB, actor: CatalogueActor, opdId: string, active: boolean): Promise<void> {
  await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const row = await trx
      .updateTable('opds')
      .set({ active, updated_at: new Date() })
      .where('province_id', '=', actor.provinceId)
      .where('id', '=', opdId)
      .returning('id')
      .executeTakeFirst()
    if (!row) throw notFound('opd')
    await audit(trx, {
      actorId: actor.userId,
      action: active ? 'opd.reactivated' : 'opd.deactivated',
      objectType: 'opd',
      objectId: opdId,
      provinceId: actor.provinceId,
      ip: actor.ip,
    })
  })
}

/**
 * Deletes an OPD nobody depends on. One that leads an issue or has reviewers is
 * refused (deactivate it instead); any other reference (FGD participation,
 * supporting role, invitation) surfaces as a foreign-key violation, refused alike.
 */
export async function deleteOpd(db: DB, actor: CatalogueActor, opdId: string): Promise<void> {
  const inUse = () => refused('catalogue:opds.inUse')
  try {
    await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
      const opd = (await listOpds(trx, actor.provinceId)).find((o) => o.id === opdId)
      if (!opd) throw notFound('opd')
      if (Number(opd.leads) > 0 || Number(opd.reviewers) > 0) throw inUse()
      await trx.deleteFrom('opds').where('province_id', '=', actor.provinceId).where('id', '=', opdId).execute()
      await audit(trx, {
        actorId: actor.userId,
        action: 'opd.deleted',
        objectType: 'opd',
        objectId: opdId,
        provinceId: actor.provinceId,
        ip: actor.ip,
        details: { name: opd.name, shortName: opd.short_name },
      })
    })
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse()
    throw error
  }
}
