import type { LoaderFunctionArgs } from '@remix-run/node'
import { detectLanguage } from '#app/i18n/detect.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canReadApplications } from '#app/modules/intake/access.ts'
import { parseFilters } from '#app/modules/intake/filters.ts'
import { exportIncomingCsv } from '#app/modules/intake/intake.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'

// The incoming applications as a spreadsheet file, with the list's filters; audited,
// and never cached, because it carries applicants' personal data.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadApplications)
  const url = new URL(request.url)
  const { language } = detectLanguage(url, {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  const meta = requestMeta(request, context)
  const { csv, filename } = await exportIncomingCsv(
    context.db,
    {
      provinceId: province.id,
      ability: viewer.ability,
      userId: viewer.user.id,
      ip: meta.ip,
      slug: province.slug,
      timeZone: province.time_zone,
      now: meta.now,
    },
    parseFilters(url.searchParams),
    language,
  )
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
