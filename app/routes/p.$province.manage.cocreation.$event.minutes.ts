import type { LoaderFunctionArgs } from '@remix-run/node'
import { canReadCoCreation } from '#app/modules/cocreation/access.ts'
import { loadEventMinutes } from '#app/modules/cocreation/cocreation.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { fileResponse } from '#app/modules/storage/storage.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'

// A co-creation event's minutes as a download, for whoever may read the province's
// events (its Bappeda admins, ministry, ERAT); another province's admin gets 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { province } = await requireProvinceAccess(request, context, params.province, canReadCoCreation)
  return fileResponse(await loadEventMinutes(context.db, province.id, idParam(params, 'event')))
}
