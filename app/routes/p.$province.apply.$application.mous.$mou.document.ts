import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadSignedDocument } from '#app/modules/cocreation/mou.server.ts'
import { canOpenOwnMous } from '#app/modules/cocreation/mou-access.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { fileResponse } from '#app/modules/storage/storage.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'

// The venture's own signed MoU as a download; another applicant's MoU is 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenOwnMous)
  const own = { applicantId: viewer.user.id, applicationId: idParam(params, 'application') }
  return fileResponse(await loadSignedDocument(context.db, province.id, idParam(params, 'mou'), own))
}
