import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canReadAllInnovations } from '#app/modules/jippnas/access.ts'
import { loadNationalInnovations, pageOf } from '#app/modules/jippnas/jippnas.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { Pager } from '#app/ui/innovation-parts.tsx'
import { EmptyState, StatusBadge } from '#app/ui/page-parts.tsx'

// Every province's JIPPNas records for the ministry and ERAT (issue 15), with their
// sync state, each linking to its record page (read-only for them), and the exports.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.nationalInnovations' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canReadAllInnovations)
  const page = pageOf(new URL(request.url))
  return { page, ...(await loadNationalInnovations(context.db, page, context.jippnas?.configured ?? false)) }
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
        <div className="table-wrap">
          <table id="innovations">
            <thead>
              <tr>
                <th scope="col">{t('jippnas:list.province')}</th>
                <th scope="col">{t('jippnas:list.innovation')}</th>
                <th scope="col">{t('jippnas:list.venture')}</th>
                <th scope="col">{t('jippnas:list.edition')}</th>
                <th scope="col">{t('jippnas:list.status')}</th>
                <th scope="col">{t('jippnas:list.public')}</th>
                <th scope="col">{t('jippnas:list.sync')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.province_name}</td>
                  <td>
                    <Link to={`/p/${r.province_slug}/manage/innovations/${r.id}`}>{r.title}</Link>
                  </td>
                  <td>{r.venture_name}</td>
                  <td>{r.edition_name}</td>
                  <td>{t(`jippnas:status.${r.status}`)}</td>
                  <td>{r.is_public ? t('jippnas:list.yes') : t('jippnas:list.no')}</td>
                  <td>
                    <StatusBadge>{t(`jippnas:sync.state.${r.sync}`)}</StatusBadge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} path="/national/innovations" />
    </main>
  )
}
