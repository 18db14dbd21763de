import type { LoaderFunctionArgs } from '@remix-run/node'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { requireNationalAccess, requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { canReadAllInnovations, canReadInnovations } from './access.ts'
import { type ExportFormat, exportInnovations } from './export.server.ts'

// The loaders behind innovations.json and innovations.csv: a province's records (its
// Bappeda, ministry, ERAT) or every province's (national). Never cached: records that
// are not public are in them.

function answer(file: Awaited<ReturnType<typeof exportInnovations>>) {
  return new Response(file.body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}

export function provinceExportLoader(format: ExportFormat) {
  return async ({ request, context, params }: LoaderFunctionArgs) => {
    const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadInnovations)
    const meta = requestMeta(request, context)
    const exporter = {
      provinceId: province.id,
      userId: viewer.user.id,
      ip: meta.ip,
      origin: meta.origin,
      now: meta.now,
    }
    return answer(await exportInnovations(context.db, exporter, format))
  }
}

export function nationalExportLoader(format: ExportFormat) {
  return async ({ request, context }: LoaderFunctionArgs) => {
    const viewer = await requireNationalAccess(request, context, canReadAllInnovations)
    const meta = requestMeta(request, context)
    const exporter = { provinceId: null, userId: viewer.user.id, ip: meta.ip, origin: meta.origin, now: meta.now }
    return answer(await exportInnovations(context.db, exporter, format))
  }
}
