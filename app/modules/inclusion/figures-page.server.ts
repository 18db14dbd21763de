import { parseWithZod } from '@conform-to/zod'
import type { AppLoadContext } from '@remix-run/node'
import { detectLanguage } from '#app/i18n/detect.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { requireNationalAccess, requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { findActiveProvinceBySlug, listActiveProvinces } from '#app/modules/tenancy/province.queries.server.ts'
import { canReadNationalInclusion, canReadProvinceInclusion } from './access.ts'
import { CONTENT_TYPES, type FigureFormat, figureFile } from './export.server.ts'
import { figuresQuerySchema } from './inclusion.schema.ts'
import { listFigureEditions, loadFigures } from './inclusion.server.ts'

// The figures pages (national and a province's) and their files: guard, read the GET
// filters (edition, nationally a province), load the suppressed figures.

type Scope = { national: true } | { slug: string | undefined }

async function resolve(request: Request, context: AppLoadContext, scope: Scope) {
  const url = new URL(request.url)
  const filters = parseWithZod(url.searchParams, { schema: figuresQuerySchema })
  const query = filters.status === 'success' ? filters.value : {}
  let province: { id: string; slug: string; name: string } | null = null
  if ('national' in scope) {
    await requireNationalAccess(request, context, canReadNationalInclusion)
    const found = query.province ? await findActiveProvinceBySlug(context.db, query.province) : undefined
    province = found ?? null
  } else {
    province = (await requireProvinceAccess(request, context, scope.slug, canReadProvinceInclusion)).province
  }
  const editions = await listFigureEditions(context.db)
  const current = await findCurrentEdition(context.db)
  const edition =
    editions.find((e) => e.id === query.edition) ?? editions.find((e) => e.id === current?.id) ?? editions[0]
  return { url, province, editions, edition: edition ?? null }
}

/** The page: filters, their lists and the figures (null without any edition). */
export async function loadFiguresPage(request: Request, context: AppLoadContext, scope: Scope) {
  const { province, editions, edition } = await resolve(request, context, scope)
  const provinces = 'national' in scope ? await listActiveProvinces(context.db, edition?.id ?? null) : []
  const figures = edition
    ? await loadFigures(context.db, { editionId: edition.id, provinceId: province?.id ?? null })
    : null
  return {
    editions,
    edition,
    province,
    provinces: provinces.map((p) => ({ slug: p.slug, name: p.name })),
    figures,
  }
}

/** The same figures as a CSV or XLSX file, in the reader's language; never cached. */
export async function figuresFileResponse(
  request: Request,
  context: AppLoadContext,
  scope: Scope,
  format: FigureFormat,
): Promise<Response> {
  const { url, province, edition } = await resolve(request, context, scope)
  const { language } = detectLanguage(url, {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  const figures = edition
    ? await loadFigures(context.db, { editionId: edition.id, provinceId: province?.id ?? null })
    : null
  const date = requestMeta(request, context).now.toISOString().slice(0, 10)
  const name = `inklusi-${province?.slug ?? 'nasional'}-${date}`
  if (!figures) return new Response(null, { status: 404 })
  const file = await figureFile(figures, format, language, name)
  return new Response(file.body, {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
