import type { LoaderFunctionArgs } from '@remix-run/node'
import { detectLanguage } from '#app/i18n/detect.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { isUuid, notFound } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { canReadRanking } from './access.ts'
import { type ExportFormat, exportRanking } from './export.server.ts'

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/**
 * The loader behind ranking.csv and ranking.xlsx: the ranking of the call under review,
 * optionally of one issue, in the reader's language; audited, never cached (it names
 * ventures), reviewers numbered instead of named when the call is blind.
 */
export function rankingFileLoader(format: ExportFormat) {
  return async ({ request, context, params }: LoaderFunctionArgs) => {
    const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadRanking)
    const url = new URL(request.url)
    const { language } = detectLanguage(url, {
      cookie: request.headers.get('Cookie'),
      acceptLanguage: request.headers.get('Accept-Language'),
    })
    const issue = url.searchParams.get('issue') ?? ''
    const meta = requestMeta(request, context)
    const exporter = {
      provinceId: province.id,
      userId: viewer.user.id,
      ip: meta.ip,
      slug: province.slug,
      timeZone: province.time_zone,
      now: meta.now,
    }
    const file = await exportRanking(context.db, exporter, format, isUuid(issue) ? issue.toLowerCase() : null, language)
    if (!file) throw notFound('ranking')
    return new Response(file.body, {
      headers: {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'private, no-store',
      },
    })
  }
}
