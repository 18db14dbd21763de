import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listAuditEntries } from '#app/modules/audit/audit.server.ts'
import { parseAuditFilters } from '#app/modules/audit/audit-filters.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import { listActiveProvinces } from '#app/modules/tenancy/province.queries.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { AuditFiltersForm, AuditTable } from '#app/ui/audit-table.tsx'

export const handle: RouteHandle = {
  title: 'pages.audit' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

// The ministry sits in Jakarta: national entries, and the date filter, are in WIB.
const ZONE = 'Asia/Jakarta'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, (ability) => ability.can('read', 'AuditLog'))
  const params = new URL(request.url).searchParams
  const before = params.get('before')
  const filters = parseAuditFilters(params)
  const page = await listAuditEntries(
    context.db,
    { national: true },
    filters,
    before && /^\d{1,19}$/.test(before) ? before : undefined,
    ZONE,
  )
  const provinces = (await listActiveProvinces(context.db, null)).map((p) => ({ slug: p.slug, name: p.name }))
  return { ...page, filters, provinces }
}

export default function NationalAudit() {
  const { entries, nextBefore, filters, choices, provinces } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'manage'])
  return (
    <main id="main" className="page">
      <h1>{t('manage:audit.title')}</h1>
      <AuditFiltersForm
        filters={filters}
        choices={choices}
        provinces={provinces}
        files="/national/audit"
        timeZone={ZONE}
      />
      <AuditTable entries={entries} nextBefore={nextBefore} timeZone={ZONE} filters={filters} national />
    </main>
  )
}
