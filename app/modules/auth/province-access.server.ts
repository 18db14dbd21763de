import type { AppLoadContext } from '@remix-run/node'
import { forbidden, notFound } from '#app/modules/errors/errors.ts'
import type { AppAbility } from '#app/modules/permissions/abilities.ts'
import { findActiveProvinceBySlug } from '#app/modules/portal/portal.queries.server.ts'
import { belongsTo, requireViewer, type Viewer } from './viewer.server.ts'

export type ProvinceRef = NonNullable<Awaited<ReturnType<typeof findActiveProvinceBySlug>>>

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
  const province = slug ? await findActiveProvinceBySlug(context.db, slug) : undefined
  if (!province) throw notFound()
  const viewer = await requireViewer(request, context)
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
  if (!viewer.memberships.some((m) => m.provinceId === null) || !allowed(viewer.ability)) {
    throw forbidden()
  }
  return viewer
}
