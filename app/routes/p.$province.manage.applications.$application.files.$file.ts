import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadProvinceAttachment } from '#app/modules/applications/attachments.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { canReadApplications } from '#app/modules/intake/access.ts'
import { fileResponse } from '#app/modules/storage/storage.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'

// An attachment of a submitted application, as a download for those who may read the
// province's applications (its Bappeda admins, ministry, ERAT; issue 6). Another
// province's admin gets 404 from the guard; drafts and unknown ids are 404 too.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { province } = await requireProvinceAccess(request, context, params.province, canReadApplications)
  const file = await loadProvinceAttachment(
    context.db,
    province.id,
    idParam(params, 'application'),
    idParam(params, 'file'),
  )

  return fileResponse(file)
}
