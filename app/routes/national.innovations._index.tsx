import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canReadAllInnovations } from '#app/modules/jippnas/access.ts'
import { loadNationalInnovations } from '#app/modules/jippnas/jippnas.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { InnovationTable } from '#app/ui/innovation-parts.tsx'
import { EmptyState, Pager } from '#app/ui/page-parts.tsx'

// Every province's JIPPNas records for the ministry and ERAT (issue 15), with their
// sync state, each linking to its record page (read-only for them), and the exports.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.nationalInnovations' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canReadAllInnovations)
  const page = parsePage(new URL(request.url).searchParams)
  return loadNationalInnovations(context.db, page, context.jippnas?.configured ?? false)
}

export default function NationalInnovations() {
  const { rows, page, pageCount } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'jippnas'])
  return (
    <main id="main" className="page">
      <p>
        <Link to="/national">{t('jippnas:national.back')}</Link>
      </p>
      <h1>{t('jippnas:national.title')}</h1>
      <p className="muted">{t('jippnas:national.intro')}</p>
      <p>
        <a href="/national/innovations.json">{t('jippnas:list.exportJson')}</a> ·{' '}
        <a href="/national/innovations.csv">{t('jippnas:list.exportCsv')}</a>
      </p>
      {rows.length === 0 ? (
        <EmptyState>{t('jippnas:national.empty')}</EmptyState>
      ) : (
        <InnovationTable rows={rows} withProvince={true} />
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `/national/innovations?page=${p}`} />
    </main>
  )
}
