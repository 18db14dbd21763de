import type { AppLoadContext } from '@remix-run/node'
import type { Viewer } from '#app/modules/auth/viewer.server.ts'
import { forbidden } from '#app/modules/errors/errors.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import { canAppointPrivacyOfficers, canHandlePrivacy } from './access.ts'
import { isPrivacyOfficer } from './privacy.server.ts'

/** Guards the privacy officer's pages: a ministry account with the officer flag; others 403. */
export async function requirePrivacyOfficer(request: Request, context: AppLoadContext): Promise<Viewer> {
  const viewer = await requireNationalAccess(request, context, canAppointPrivacyOfficers)
  if (!canHandlePrivacy(viewer.ability, await isPrivacyOfficer(context.db, viewer.user.id))) throw forbidden()
  return viewer
}
