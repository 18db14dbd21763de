import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canReadSelections } from '#app/modules/selection/access.ts'
import { loadSelectionsOverview } from '#app/modules/selection/selection.server.ts'
import { FINALISTS } from '#app/modules/selection/selection-rules.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'

export const handle: RouteHandle = {
  title: 'pages.selections' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canReadSelections)
  return loadSelectionsOverview(context.db)
}

export default function NationalSelections() {
  const { edition, provinces } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'selection'])
  return (
    <main id="main" className="page">
      <h1>{t('selection:national.title')}</h1>
      {edition ? (
        <p className="muted">{t('selection:national.intro', { edition: edition.name, n: FINALISTS })}</p>
      ) : null}
      {provinces.length === 0 ? (
        <p className="empty">{t('selection:national.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('selection:national.province')}</th>
                <th scope="col">{t('selection:selection.status')}</th>
                <th scope="col">{t('selection:national.finalists')}</th>
              </tr>
            </thead>
            <tbody>
              {provinces.map((p) => (
                <tr key={p.slug} data-province={p.slug}>
                  <td>
                    <Link to={`/national/selections/${p.slug}`}>{p.name}</Link>
                  </td>
                  <td>{p.status ? t(`selection:status.${p.status}`) : t('selection:national.none')}</td>
                  <td>{p.finalists}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  )
}
