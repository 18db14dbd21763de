import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { AttachmentKind } from './attachment-rules.ts'

// Kysely only. An application's attachments (issue 6): the link rows in
// application_files and the metadata of their stored files, never the bytes. Every
// query names the province and the application; the callers have already checked
// that the application is the viewer's own (or visible to Bappeda).

/** The application's attachments in upload order, without their content. */
export function listAttachments(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('application_files as af')
    .innerJoin('files as f', (j) => j.onRef('f.province_id', '=', 'af.province_id').onRef('f.id', '=', 'af.file_id'))
    .select(['f.id', 'f.original_name', 'f.size', 'f.content_type', 'f.sha256', 'af.kind', 'af.position'])
    .where('af.province_id', '=', provinceId)
    .where('af.application_id', '=', applicationId)
    .orderBy('af.position')
    .orderBy('af.created_at')
    .execute()
}

/** Links a stored file to the application. */
export async function insertAttachment(
  trx: Trx,
  provinceId: string,
  applicationId: string,
  values: { fileId: string; kind: AttachmentKind; position: number },
): Promise<void> {
  await trx
    .insertInto('application_files')
    .values({
      province_id: provinceId,
      application_id: applicationId,
      file_id: values.fileId,
      kind: values.kind,
      position: values.position,
    })
    .execute()
}

/** One attachment of the application, if that file is attached to it. */
export function findAttachment(trx: Trx, provinceId: string, applicationId: string, fileId: string) {
  return trx
    .selectFrom('application_files')
    .select(['file_id', 'kind'])
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .where('file_id', '=', fileId)
    .executeTakeFirst()
}

/** Unlinks a file from the application (the stored file is removed separately). */
export async function deleteAttachment(trx: Trx, provinceId: string, applicationId: string, fileId: string) {
  await trx
    .deleteFrom('application_files')
    .where('province_id', '=', provinceId)
    .where('application_id', '=', applicationId)
    .where('file_id', '=', fileId)
    .execute()
}

/** An application of the province that Bappeda may see: any status but draft (drafts stay private). */
export function findVisibleApplication(trx: Trx, provinceId: string, applicationId: string) {
  return trx
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('province_id', '=', provinceId)
    .where('id', '=', applicationId)
    .where('status', '<>', 'draft')
    .executeTakeFirst()
}
