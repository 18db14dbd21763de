import type { LoaderFunctionArgs } from '@remix-run/node'
import { detectLanguage } from '#app/i18n/detect.ts'
import { notFound } from '#app/modules/errors/errors.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import { canReadOversight } from './access.ts'
import { type ExportFormat, exportDashboardTable } from './export.server.ts'
import { isExportTable } from './export-tables.ts'
import { parseDashboardFilters } from './filters.ts'

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** The loader behind dashboard.csv and dashboard.xlsx: `?table=` with the dashboard's filters, in the reader's language. */
export function dashboardFileLoader(format: ExportFormat) {
  return async ({ request, context }: LoaderFunctionArgs) => {
    await requireNationalAccess(request, context, canReadOversight)
    const url = new URL(request.url)
    const table = url.searchParams.get('table') ?? ''
    if (!isExportTable(table)) throw notFound('table')
    const { language } = detectLanguage(url, {
      cookie: request.headers.get('Cookie'),
      acceptLanguage: request.headers.get('Accept-Language'),
    })
    const filters = parseDashboardFilters(url.searchParams)
    const file = await exportDashboardTable(context.db, filters, table, format, language, context.now())
    if (!file) throw notFound('edition')
    return new Response(file.body, {
      headers: {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'private, no-store',
      },
    })
  }
}
