import type { LoaderFunctionArgs } from '@remix-run/node'
import { canApply } from '#app/modules/applications/application-access.ts'
import { loadOwnAttachment } from '#app/modules/applications/attachments.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { fileResponse } from '#app/modules/storage/storage.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'

// An attachment of the applicant's own application, always as a download (issue 6).
// Looked up by province, application, applicant and file: anyone else's file is 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const owner = { provinceId: province.id, userId: viewer.user.id }
  const file = await loadOwnAttachment(context.db, owner, idParam(params, 'application'), idParam(params, 'file'))
  return fileResponse(file)
}
