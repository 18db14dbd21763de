import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadSignedDocument } from '#app/modules/cocreation/mou.server.ts'
import { canReadMous } from '#app/modules/cocreation/mou-access.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { fileResponse } from '#app/modules/storage/storage.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'

// The signed MoU as a download for those who read the province's MoUs (Bappeda,
// ministry, ERAT); another province's MoU, or one not signed, is 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { province } = await requireProvinceAccess(request, context, params.province, canReadMous)
  return fileResponse(await loadSignedDocument(context.db, province.id, idParam(params, 'mou')))
}
