import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canReadAllMentoring } from '#app/modules/mentoring/access.ts'
import { loadNationalMentoring } from '#app/modules/mentoring/mentoring.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'

// Every province's mentoring cohorts for the ministry and ERAT (issue 14), each linking to
// its cohort page, which they read and do not change.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.nationalMentoring' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canReadAllMentoring)
  return { cohorts: await loadNationalMentoring(context.db) }
}

export default function NationalMentoring() {
  const { cohorts } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'mentoring'])
  return (
    <main id="main" className="page">
      <h1>{t('mentoring:national.title')}</h1>
      {cohorts.length === 0 ? (
        <p className="empty">{t('mentoring:national.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table id="cohorts">
            <thead>
              <tr>
                <th scope="col">{t('mentoring:national.province')}</th>
                <th scope="col">{t('mentoring:national.edition')}</th>
                <th scope="col">{t('mentoring:national.finalists')}</th>
                <th scope="col">{t('mentoring:national.mentors')}</th>
                <th scope="col">{t('mentoring:national.sessions')}</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/p/${c.slug}/mentoring/${c.id}`}>{c.province_name}</Link>
                  </td>
                  <td>{c.edition_name}</td>
                  <td>{c.finalists}</td>
                  <td>{c.mentors}</td>
                  <td>{c.sessions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  )
}
