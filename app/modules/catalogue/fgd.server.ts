import { audit } from '#app/modules/audit/audit.server.ts'
import { notFound, refused } from '#app/modules/errors/errors.ts'
import { checkFile, type FileRefusal, postgresStorage } from '#app/modules/storage/storage.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { findFgdSession, listFgdSessions, listOpds, opdIdsInProvince } from './catalogue.queries.server.ts'
import type { FgdInput } from './catalogue.schema.ts'
import { isForeignKeyViolation } from './issue-rules.ts'
import type { CatalogueActor } from './opds.server.ts'

/** FGD minutes are PDF documents, whatever the file is called. */
const MINUTES_TYPES = ['application/pdf'] as const

/** The FGD records of an edition and the OPDs that can take part in a new one. */
export function loadFgdPage(db: DB, provinceId: string, editionId: string | null) {
  return withTenant(db, { provinceId }, async (trx) => ({
    sessions: editionId ? await listFgdSessions(trx, provinceId, editionId) : [],
    opds: (await listOpds(trx, provinceId))
      .filter((o) => o.active)
      .map((o) => ({ id: o.id, name: o.name, short_name: o.short_name })),
  }))
}

/** What went wrong with uploaded minutes, on the form's minutes field. */
export const MINUTES_REFUSAL = {
  field: 'minutes',
  keys: {
    empty: 'catalogue:fgd.minutesRequired',
    tooLarge: 'catalogue:fgd.minutesTooLarge',
    type: 'catalogue:fgd.minutesNotPdf',
  },
} as const satisfies FileRefusal

/**
 * Records an FGD validation session with its participating OPDs and its minutes
 * (a PDF, checked by content). An OPD id not of this province is "not found".
 */
export async function createFgd(
  db: DB,
  actor: CatalogueActor,
  editionId: string,
  input: FgdInput,
  minutes: { name: string; bytes: Uint8Array },
): Promise<string> {
  // Refuse a wrong file before opening a transaction.
  checkFile({ ...minutes, createdBy: actor.userId, accept: MINUTES_TYPES, refusal: MINUTES_REFUSAL })
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const participants = [...new Set(input.participants)]
    const known = await opdIdsInProvince(trx, actor.provinceId, participants)
    if (known.length !== participants.length) throw notFound('opd')
    const file = await postgresStorage.put(trx, actor.provinceId, {
      ...minutes,
      createdBy: actor.userId,
      accept: MINUTES_TYPES,
    })
    const row = await trx
      .insertInto('fgd_sessions')
      .values({
        province_id: actor.provinceId,
        edition_id: editionId,
        held_on: input.held_on,
        place: input.place,
        facilitator: input.facilitator ?? null,
        summary: input.summary ?? '',
        minutes_file_id: file.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('fgd_participants')
      .values(participants.map((opd_id) => ({ province_id: actor.provinceId, fgd_id: row.id, opd_id })))
      .execute()
    await audit(trx, {
      actorId: actor.userId,
      action: 'fgd.created',
      objectType: 'fgd',
      objectId: row.id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { heldOn: input.held_on, place: input.place, participants, minutesFileId: file.id },
    })
    return row.id
  })
}

/** Deletes an FGD record that no issue relies on for its validation, with its minutes. */
export async function deleteFgd(db: DB, actor: CatalogueActor, fgdId: string): Promise<void> {
  try {
    await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
      const fgd = await findFgdSession(trx, actor.provinceId, fgdId)
      if (!fgd) throw notFound('fgd')
      await trx.deleteFrom('fgd_sessions').where('province_id', '=', actor.provinceId).where('id', '=', fgdId).execute()
      if (fgd.minutes_file_id) await postgresStorage.remove(trx, actor.provinceId, fgd.minutes_file_id)
      await audit(trx, {
        actorId: actor.userId,
        action: 'fgd.deleted',
        objectType: 'fgd',
        objectId: fgdId,
        provinceId: actor.provinceId,
        ip: actor.ip,
        details: { heldOn: fgd.held_on, place: fgd.place },
      })
    })
  } catch (error) {
    if (isForeignKeyViolation(error)) throw refused('catalogue:fgd.inUse')
    throw error
  }
}

/** The minutes of an FGD record of the province, or NotFound (404). */
export async function loadMinutes(db: DB, provinceId: string, fgdId: string) {
  const file = await withTenant(db, { provinceId }, async (trx) => {
    const fgd = await findFgdSession(trx, provinceId, fgdId)
    if (!fgd?.minutes_file_id) return undefined
    return postgresStorage.get(trx, provinceId, fgd.minutes_file_id)
  })
  if (!file) throw notFound('minutes')
  return file
}
