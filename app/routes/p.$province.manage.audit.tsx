import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canReadProvinceAudit } from '#app/modules/audit/access.ts'
import { listAuditEntries } from '#app/modules/audit/audit.server.ts'
import { parseAuditFilters } from '#app/modules/audit/audit-filters.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { AuditFiltersForm, AuditTable } from '#app/ui/audit-table.tsx'

export const handle: RouteHandle = {
  title: 'pages.audit' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { province } = await requireProvinceAccess(request, context, params.province, canReadProvinceAudit)
  const query = new URL(request.url).searchParams
  const before = query.get('before')
  // The province's page has no province filter: its entries only.
  const { province: _ignored, ...filters } = parseAuditFilters(query)
  const page = await listAuditEntries(
    context.db,
    { provinceId: province.id },
    filters,
    before && /^\d{1,19}$/.test(before) ? before : undefined,
    province.time_zone,
  )
  return { province, filters, ...page }
}

export default function ProvinceAudit() {
  const { province, entries, nextBefore, filters, choices } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'manage'])
  return (
    <main id="main" className="page">
      <h1>{t('manage:audit.titleProvince', { name: province.name })}</h1>
      <AuditFiltersForm
        filters={filters}
        choices={choices}
        files={`/p/${province.slug}/manage/audit`}
        timeZone={province.time_zone}
      />
      <AuditTable entries={entries} nextBefore={nextBefore} timeZone={province.time_zone} filters={filters} />
    </main>
  )
}
