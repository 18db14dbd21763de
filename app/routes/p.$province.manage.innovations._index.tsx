import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { canManageInnovations, canReadInnovations } from '#app/modules/jippnas/access.ts'
import { loadInnovationsPage } from '#app/modules/jippnas/jippnas.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { InnovationTable } from '#app/ui/innovation-parts.tsx'
import { EmptyState, Pager } from '#app/ui/page-parts.tsx'

// The province's JIPPNas records (issue 15): each with its status and sync state, the
// exports, and — for Bappeda — the finalists (of any edition) still without a record.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.innovations' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadInnovations)
  const page = parsePage(new URL(request.url).searchParams)
  const data = await loadInnovationsPage(context.db, province.id, page, context.jippnas?.configured ?? false)
  const mayManage = canManageInnovations(viewer.ability, province)
  return {
    province: { slug: province.slug, name: province.name },
    ...data,
    finalists: mayManage ? data.finalists : [],
    mayManage,
  }
}

export default function Innovations() {
  const { province, rows, page, pageCount, finalists, mayManage } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['common', 'jippnas'])
  const base = `/p/${province.slug}/manage/innovations`
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/p/${province.slug}/manage`}>{t('jippnas:list.back')}</Link>
      </p>
      <h1>{t('jippnas:list.title', { province: province.name })}</h1>
      <p className="muted">{t('jippnas:list.intro')}</p>
      <p>
        <a href={`${base}.json`}>{t('jippnas:list.exportJson')}</a> ·{' '}
        <a href={`${base}.csv`}>{t('jippnas:list.exportCsv')}</a>
      </p>
      {rows.length === 0 ? (
        <EmptyState>{t('jippnas:list.empty')}</EmptyState>
      ) : (
        <InnovationTable rows={rows} withProvince={false} />
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `${base}?page=${p}`} />
      {mayManage ? (
        <section className="box" aria-labelledby="finalists-heading">
          <h2 id="finalists-heading">{t('jippnas:list.finalistsHeading')}</h2>
          {finalists.length === 0 ? (
            <p className="empty">{t('jippnas:list.finalistsEmpty')}</p>
          ) : (
            <ul id="finalists" className="rows">
              {finalists.map((f) => (
                <li key={f.id}>
                  <Link to={`${base}/new/${f.id}`}>
                    {t('jippnas:list.createFrom', { venture: f.venture_name, edition: f.edition_name })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </main>
  )
}
