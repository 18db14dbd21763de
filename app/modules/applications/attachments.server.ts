import { createHash } from 'node:crypto'
import { audit } from '#app/modules/audit/audit.server.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { postgresStorage } from '#app/modules/storage/storage.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { findCall, findOwnApplication, lockOwnApplication, type Owner } from './application.queries.server.ts'
import type { Actor } from './application.server.ts'
import { editability } from './application-sections.ts'
import { ACCEPTED_TYPES, type AttachmentKind, hasRoomFor, uploadProblemKey } from './attachment-rules.ts'
import {
  deleteAttachment,
  findAttachment,
  findVisibleApplication,
  insertAttachment,
  listAttachments,
} from './attachments.queries.server.ts'

// Attachments of an application (issue 6): the applicant adds and removes files on
// their own draft while its call is open; the applicant and, once submitted, Bappeda
// and the national roles download them. Files go through the storage interface
// (app/modules/storage), which checks size and the real type by content.

async function stateOf(trx: Trx, owner: Owner, application: { status: string; call_id: string }, now: Date) {
  const call = await findCall(trx, owner.provinceId, application.call_id)
  const t = now.getTime()
  const open = !!call && call.status === 'published' && call.opens_at.getTime() <= t && t <= call.closes_at.getTime()
  return editability(application.status, open)
}

/** The applicant's own application's attachments and whether they may change. */
export async function loadAttachments(db: DB, owner: Owner, id: string, now: Date) {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const application = await findOwnApplication(trx, owner, id)
    if (!application) throw notFound()
    const files = await listAttachments(trx, owner.provinceId, id)
    return {
      application: { id: application.id, status: application.status },
      files: files.map(({ sha256: _, ...f }) => f),
      editability: await stateOf(trx, owner, application, now),
    }
  })
}

/**
 * Stores a file and attaches it to the applicant's own editable draft (audited).
 * Refuses a closed call, a non-draft, too many files, and (storage's FileRejected,
 * on the file field) an empty, too large or wrongly typed file. The same content sent
 * twice is attached once, so a double submit changes nothing.
 */
export async function addAttachment(
  db: DB,
  actor: Actor,
  id: string,
  kind: AttachmentKind,
  upload: { name: string; bytes: Uint8Array },
  now: Date,
): Promise<void> {
  await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    // The lock serialises concurrent uploads to one application, so the limit holds.
    const application = await lockOwnApplication(trx, actor, id)
    if (!application) throw notFound()
    const state = await stateOf(trx, actor, application, now)
    if (state !== 'editable') throw refused(`apply:readOnly.${state}`)
    const existing = await listAttachments(trx, actor.provinceId, id)
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex')
    if (existing.some((f) => f.sha256 === sha256 && f.kind === kind)) return
    if (!hasRoomFor(existing.length)) throw invalid('apply:attachments.errors.tooMany', 'file')
    const stored = await postgresStorage.put(trx, actor.provinceId, {
      bytes: upload.bytes,
      name: upload.name,
      createdBy: actor.userId,
      accept: ACCEPTED_TYPES[kind],
      refusal: {
        field: 'file',
        keys: {
          empty: uploadProblemKey('empty', kind),
          tooLarge: uploadProblemKey('tooLarge', kind),
          type: uploadProblemKey('type', kind),
        },
      },
    })
    const position = Math.max(0, ...existing.map((f) => f.position)) + 1
    await insertAttachment(trx, actor.provinceId, id, { fileId: stored.id, kind, position })
    await audit(trx, {
      actorId: actor.userId,
      action: 'application.file_added',
      objectType: 'application',
      objectId: id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: {
        file_id: stored.id,
        kind,
        name: stored.name,
        size: stored.size,
        content_type: stored.contentType,
        count: existing.length + 1,
      },
    })
  })
}

/** Removes a file from the applicant's own editable draft (audited); a file not on it is "not found". */
export async function removeAttachment(db: DB, actor: Actor, id: string, fileId: string, now: Date): Promise<void> {
  await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const application = await lockOwnApplication(trx, actor, id)
    if (!application) throw notFound()
    const attachment = await findAttachment(trx, actor.provinceId, id, fileId)
    if (!attachment) throw notFound()
    const state = await stateOf(trx, actor, application, now)
    if (state !== 'editable') throw refused(`apply:readOnly.${state}`)
    await deleteAttachment(trx, actor.provinceId, id, fileId)
    await postgresStorage.remove(trx, actor.provinceId, fileId)
    await audit(trx, {
      actorId: actor.userId,
      action: 'application.file_removed',
      objectType: 'application',
      objectId: id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { file_id: fileId, kind: attachment.kind },
    })
  })
}

/** One attachment of the applicant's own application, with its bytes, for download. */
export async function loadOwnAttachment(db: DB, owner: Owner, id: string, fileId: string) {
  const file = await withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    if (!(await findOwnApplication(trx, owner, id))) return undefined
    if (!(await findAttachment(trx, owner.provinceId, id, fileId))) return undefined
    return postgresStorage.get(trx, owner.provinceId, fileId)
  })
  if (!file) throw notFound()
  return file
}

/** One attachment of a submitted (non-draft) application of the province, for Bappeda and national roles. */
export async function loadProvinceAttachment(db: DB, provinceId: string, id: string, fileId: string) {
  const file = await withTenant(db, { provinceId }, async (trx) => {
    if (!(await findVisibleApplication(trx, provinceId, id))) return undefined
    if (!(await findAttachment(trx, provinceId, id, fileId))) return undefined
    return postgresStorage.get(trx, provinceId, fileId)
  })
  if (!file) throw notFound()
  return file
}
