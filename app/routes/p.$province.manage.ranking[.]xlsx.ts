import type { LoaderFunctionArgs } from '@remix-run/node'
import { detectLanguage } from '#app/i18n/detect.ts'
import { requireProvinceAccess } from '#app/modules/auth/province-access.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canReadRanking } from '#app/modules/selection/access.ts'
import { exportRanking } from '#app/modules/selection/export.server.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// The ranking as a XLSX file, optionally of one issue; audited, never cached (it
// names ventures), reviewers numbered instead of named when the call is blind.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadRanking)
  const url = new URL(request.url)
  const { language } = detectLanguage(url, {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  const issue = url.searchParams.get('issue') ?? ''
  const meta = requestMeta(request, context)
  const file = await exportRanking(
    context.db,
    {
      provinceId: province.id,
      userId: viewer.user.id,
      ip: meta.ip,
      slug: province.slug,
      timeZone: province.time_zone,
      now: meta.now,
    },
    'xlsx',
    UUID.test(issue) ? issue.toLowerCase() : null,
    language,
  )
  if (!file) throw new Response('Not Found', { status: 404 })
  return new Response(file.body, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
