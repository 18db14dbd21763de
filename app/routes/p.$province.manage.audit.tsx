import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canReadProvinceAudit } from '#app/modules/audit/access.ts'
import { listAuditEntries } from '#app/modules/audit/audit.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { AuditTable } from '#app/ui/audit-table.tsx'

export const handle: RouteHandle = {
  title: 'pages.audit' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { province } = await requireProvinceAccess(request, context, params.province, canReadProvinceAudit)
  const before = new URL(request.url).searchParams.get('before')
  const page = await listAuditEntries(
    context.db,
    { provinceId: province.id },
    before && /^\d{1,19}$/.test(before) ? before : undefined,
  )
  return { province, ...page }
}

export default function ProvinceAudit() {
  const { province, entries, nextBefore } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'manage'])
  return (
    <main id="main" className="page">
      <h1>{t('manage:audit.titleProvince', { name: province.name })}</h1>
      <AuditTable entries={entries} nextBefore={nextBefore} timeZone={province.time_zone} />
    </main>
  )
}
