import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canReadAllReplications, canRecommend } from '#app/modules/replication/access.ts'
import { loadMostReplicated } from '#app/modules/replication/replication.server.ts'
import { runNationalIntent } from '#app/modules/replication/replication-page.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { EmptyState, Pager, StatusBadge } from '#app/ui/page-parts.tsx'
import { DoneNotice, type FormReply } from '#app/ui/replication.tsx'

// The national view of replication (issue 15): innovations by how often they were
// replicated and into how many provinces, each linking to its replication map; the
// ministry marks innovations recommended for replication (KemenPANRB's 2024 push).

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.nationalReplications' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadAllReplications)
  const page = parsePage(new URL(request.url).searchParams)
  return { canRecommend: canRecommend(viewer.ability), ...(await loadMostReplicated(context.db, page)) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canReadAllReplications)
  const meta = requestMeta(request, context)
  const page = parsePage(new URL(request.url).searchParams)
  const back = `/national/replications${page > 1 ? `?page=${page}` : ''}`
  const outcome = await runNationalIntent(
    context.db,
    viewer.ability,
    { userId: viewer.user.id, ip: meta.ip },
    await request.formData(),
    meta.now,
    back,
  )
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data<FormReply>(outcome.reply, { status: outcome.status })
}

export default function NationalReplications() {
  const { page, pageCount, canRecommend, rows } = useLoaderData<typeof loader>()
  const [search] = useSearchParams()
  const { t } = useTranslation(['common', 'replication'])
  return (
    <main id="main" className="page">
      <p>
        <Link to="/national">{t('replication:national.back')}</Link>
      </p>
      <h1>{t('replication:national.title')}</h1>
      <p className="muted">{t('replication:national.intro')}</p>
      <DoneNotice done={search.get('done')} />
      {rows.length === 0 ? (
        <EmptyState>{t('replication:national.empty')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table id="most-replicated">
            <thead>
              <tr>
                <th scope="col">{t('replication:national.innovation')}</th>
                <th scope="col">{t('replication:national.province')}</th>
                <th scope="col">{t('replication:national.replications')}</th>
                <th scope="col">{t('replication:national.provinces')}</th>
                <th scope="col">{t('replication:national.recommended')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/national/replications/${r.id}`}>{r.title}</Link>
                    <br />
                    <span className="muted">{r.venture_name}</span>
                  </td>
                  <td>{r.province_name}</td>
                  <td>{r.replications}</td>
                  <td>{r.provinces}</td>
                  <td>
                    {r.recommended_for_replication ? (
                      <StatusBadge>{t('replication:national.recommendedYes')}</StatusBadge>
                    ) : (
                      t('replication:national.recommendedNo')
                    )}
                    {canRecommend ? (
                      <Form method="post" action={`?page=${page}`}>
                        <input type="hidden" name="intent" value="recommend" />
                        <input type="hidden" name="innovation" value={r.id} />
                        <input type="hidden" name="recommended" value={r.recommended_for_replication ? 'no' : 'yes'} />
                        <button type="submit" className="secondary">
                          {r.recommended_for_replication
                            ? t('replication:national.unrecommend')
                            : t('replication:national.recommend')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `/national/replications?page=${p}`} />
    </main>
  )
}
