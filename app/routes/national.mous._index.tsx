import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { loadNationalMous } from '#app/modules/cocreation/mou.server.ts'
import { canReadAllMous } from '#app/modules/cocreation/mou-access.ts'
import { MOU_STATUSES } from '#app/modules/cocreation/mou-rules.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { EmptyState } from '#app/ui/page-parts.tsx'

// Co-creation MoUs of every province at a glance for the ministry and ERAT (issue 15):
// how many are at each stage, the quarterly reports waiting for Bappeda and the
// deliverables done; each province links to its MoU list, which they read.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.nationalMous' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canReadAllMous)
  return { provinces: await loadNationalMous(context.db) }
}

export default function NationalMous() {
  const { provinces } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'mou'])
  const lng = i18n.language as Language
  const n = (value: number) => formatNumber(value, lng)
  const sum = (pick: (p: (typeof provinces)[number]) => number) => provinces.reduce((s, p) => s + pick(p), 0)
  const total = sum((p) => p.total)
  return (
    <main id="main" className="page">
      <h1>{t('mou:national.title')}</h1>
      <p className="muted">{t('mou:national.intro')}</p>
      {total === 0 ? <EmptyState>{t('mou:national.empty')}</EmptyState> : null}
      <div className="table-wrap">
        <table id="national-mous">
          <caption>{t('mou:national.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mou:national.province')}</th>
              <th scope="col">{t('mou:national.total')}</th>
              {MOU_STATUSES.map((s) => (
                <th scope="col" key={s}>
                  {t(`mou:status.${s}`)}
                </th>
              ))}
              <th scope="col">{t('mou:national.reportsWaiting')}</th>
              <th scope="col">{t('mou:national.deliverables')}</th>
            </tr>
          </thead>
          <tbody>
            {provinces.map((p) => (
              <tr key={p.slug}>
                <th scope="row">
                  <Link to={`/p/${p.slug}/manage/mous`}>{p.name}</Link>
                </th>
                <td>{n(p.total)}</td>
                {MOU_STATUSES.map((s) => (
                  <td key={s}>{n(p.byStatus[s])}</td>
                ))}
                <td>{n(p.reportsWaiting)}</td>
                <td>{t('mou:national.doneOf', { done: n(p.deliverablesDone), total: n(p.deliverables) })}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('mou:national.all')}</th>
              <td>{n(total)}</td>
              {MOU_STATUSES.map((s) => (
                <td key={s}>{n(sum((p) => p.byStatus[s]))}</td>
              ))}
              <td>{n(sum((p) => p.reportsWaiting))}</td>
              <td>
                {t('mou:national.doneOf', {
                  done: n(sum((p) => p.deliverablesDone)),
                  total: n(sum((p) => p.deliverables)),
                })}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </main>
  )
}
