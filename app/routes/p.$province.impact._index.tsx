import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { canOpenImpact, canReadAllImpact } from '#app/modules/impact/access.ts'
import { loadImpactIndex } from '#app/modules/impact/impact.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { EmptyState, Pager } from '#app/ui/page-parts.tsx'

// The province's innovations and their measurements (issue 15): Bappeda and national
// roles see every one with the measurements awaiting confirmation; an applicant sees
// only the innovations of their own finalist applications.

export const handle: RouteHandle = { hydrate: false, title: 'pages.impact' as const }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenImpact)
  const all = canReadAllImpact(viewer.ability, province)
  const page = parsePage(new URL(request.url).searchParams)
  const index = await loadImpactIndex(context.db, province.id, all ? null : viewer.user.id, page)
  return { province: { slug: province.slug }, all, ...index }
}

export default function ImpactIndex() {
  const { province, all, page, pageCount, rows } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'impact'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/impact`
  return (
    <main id="main" className="page">
      <p>
        <Link to={all ? `/p/${province.slug}/manage` : `/p/${province.slug}/apply`}>{t('impact:index.back')}</Link>
      </p>
      <h1>{t('impact:index.title')}</h1>
      <p className="muted">{all ? t('impact:index.intro') : t('impact:index.introApplicant')}</p>
      {rows.length === 0 ? (
        <EmptyState>{all ? t('impact:index.empty') : t('impact:index.emptyApplicant')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table id="innovations">
            <thead>
              <tr>
                <th scope="col">{t('impact:index.innovation')}</th>
                <th scope="col">{t('impact:index.venture')}</th>
                <th scope="col">{t('impact:index.startedOn')}</th>
                <th scope="col">{t('impact:index.pending')}</th>
                <th scope="col">{t('impact:index.confirmed')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`${base}/${r.id}`}>{r.title}</Link>
                  </td>
                  <td>{r.venture_name}</td>
                  <td>{formatDate(r.started_on, lng)}</td>
                  <td>{r.pending}</td>
                  <td>{r.confirmed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `${base}?page=${p}`} />
    </main>
  )
}
