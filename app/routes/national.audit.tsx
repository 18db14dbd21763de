import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listAuditEntries } from '#app/modules/audit/audit.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { AuditTable } from '#app/ui/audit-table.tsx'

export const handle: RouteHandle = {
  title: 'pages.audit' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, (ability) => ability.can('read', 'AuditLog'))
  const before = new URL(request.url).searchParams.get('before')
  return listAuditEntries(context.db, { national: true }, before && /^\d{1,19}$/.test(before) ? before : undefined)
}

export default function NationalAudit() {
  const { entries, nextBefore } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'manage'])
  return (
    <main id="main" className="page">
      <h1>{t('manage:audit.title')}</h1>
      {/* The ministry sits in Jakarta: national entries are shown in WIB. */}
      <AuditTable entries={entries} nextBefore={nextBefore} timeZone="Asia/Jakarta" />
    </main>
  )
}
