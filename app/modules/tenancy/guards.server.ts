import type { AppLoadContext } from '@remix-run/node'
import { requireViewer, type Viewer } from '#app/modules/auth/viewer.server.ts'
import { forbidden, notFound } from '#app/modules/errors/errors.ts'
import { type AppAbility, hasNationalRole } from '#app/modules/permissions/abilities.ts'
import type { DB } from '#db/client.ts'
import type { ProvinceRef } from './province.queries.server.ts'
import { cachedActiveProvince } from './province-cache.server.ts'

export { invalidateProvinceCache } from './province-cache.server.ts'

/** The active province a URL names (kept in memory, province-cache.server.ts); an unknown or deactivated one answers 404. */
export async function requireActiveProvince(db: DB, slug: string | undefined): Promise<ProvinceRef> {
  const province = slug ? await cachedActiveProvince(db, slug) : undefined
  if (!province) throw notFound()
  return province
}

/** True when the viewer holds any role in the province or a national role. */
function belongsTo(viewer: Viewer | null, provinceId: string): boolean {
  return !!viewer && (hasNationalRole(viewer) || viewer.memberships.some((m) => m.provinceId === provinceId))
}
/**
 * Guards a tenant route: the province comes from the URL, the viewer must belong
 * to it (or hold a national role), and the CASL check must pass. Another tenant's
 * route answers 404, as if it did not exist; a member lacking the right gets 403.
 */
export async function requireProvinceAccess(
  request: Request,
  context: AppLoadContext,
  slug: string | undefined,
  allowed: (ability: AppAbility, province: ProvinceRef, viewer: Viewer) => boolean,
): Promise<{ viewer: Viewer; province: ProvinceRef }> {
  // Both looked up at once; an unknown province still answers 404 before a visitor is sent to sign in.
  const viewerLookup = requireViewer(request, context)
  viewerLookup.catch(() => {})
  const province = await requireActiveProvince(context.db, slug)
  const viewer = await viewerLookup
  if (!belongsTo(viewer, province.id)) throw notFound()
  if (!allowed(viewer.ability, province, viewer)) throw forbidden()
  return { viewer, province }
}

/** Guards a national route: ministry or ERAT only; others get 403, visitors sign in. */
export async function requireNationalAccess(
  request: Request,
  context: AppLoadContext,
  allowed: (ability: AppAbility) => boolean,
): Promise<Viewer> {
  const viewer = await requireViewer(request, context)
  if (!hasNationalRole(viewer) || !allowed(viewer.ability)) {
    throw forbidden()
  }
  return viewer
}
