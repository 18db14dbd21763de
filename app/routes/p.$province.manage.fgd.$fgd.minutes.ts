import type { LoaderFunctionArgs } from '@remix-run/node'
import { canReadIssues } from '#app/modules/catalogue/access.ts'
import { loadMinutes } from '#app/modules/catalogue/fgd.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { fileResponse } from '#app/modules/storage/storage.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'

// The FGD minutes as a download, only for those who may see the province's issues
// (its Bappeda admins, ministry, ERAT); another province's admin gets 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { province } = await requireProvinceAccess(request, context, params.province, canReadIssues)
  const file = await loadMinutes(context.db, province.id, idParam(params, 'fgd'))
  return fileResponse(file)
}
