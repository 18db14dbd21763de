import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { canReadApplications } from '#app/modules/intake/access.ts'
import { canScreen } from '#app/modules/review/manage-access.ts'
import { callQuery } from '#app/modules/review/review-params.ts'
import { SCREENING_FILTERS, type ScreeningFilter, screeningFilter } from '#app/modules/screening/screening.schema.ts'
import { loadScreeningPage } from '#app/modules/screening/screening.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { Pager } from '#app/ui/page-parts.tsx'
import { CallPicker, ReviewNav } from '#app/ui/review-nav.tsx'
import { ScreeningForm } from '#app/ui/screening-form.tsx'

export const handle: RouteHandle = {
  title: 'pages.screening' as const,
  crumbs: [{ title: 'pages.manage', to: '/p/:province/manage' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReadApplications)
  const url = new URL(request.url)
  const filter = screeningFilter(url.searchParams.get('filter'))
  const page = parsePage(url.searchParams)
  const found = await loadScreeningPage(context.db, province, {
    call: { id: callQuery(url.searchParams), now: context.now() },
    filter,
    page,
  })
  // Deciding the last row of the last page (under a filter it leaves) would land on an
  // empty page without page links: go to the new last page instead.
  if (found && found.pageCount > 0 && page > found.pageCount) {
    url.searchParams.set('page', String(found.pageCount))
    if (found.pageCount === 1) url.searchParams.delete('page')
    return redirect(`${url.pathname}?${url.searchParams}`)
  }
  return {
    province,
    filter,
    page,
    found,
    screened: url.searchParams.has('screened'),
    mayScreen: canScreen(viewer.ability, province),
  }
}

export default function Screening() {
  const { province, filter, page, found, screened, mayScreen } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['screening', 'apply'])
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/manage`
  const when = (d: string | Date | null) => (d ? formatDateTime(new Date(d), lng, province.time_zone) : '—')
  const call = found?.call
  const query = (f: ScreeningFilter | null, p = 1) => {
    const q = new URLSearchParams()
    if (call) q.set('call', call.id)
    if (f) q.set('filter', f)
    if (p > 1) q.set('page', String(p))
    return `?${q}`
  }
  return (
    <main id="main" className="page">
      <ReviewNav slug={province.slug} />
      <h1>{t('screening:list.title')}</h1>
      {screened ? <FormMessage kind="ok">{t('screening:done.screened')}</FormMessage> : null}
      {!found || !call || !found.counts ? (
        <p className="empty">{t('screening:noCall')}</p>
      ) : (
        <>
          <CallPicker calls={found.calls} current={call.id} timeZone={province.time_zone} />
          <p className="muted">{t('screening:list.intro')}</p>
          <nav aria-label={t('screening:list.filters')} className="subnav">
            <Link to={query(null)} aria-current={filter === null ? 'page' : undefined}>
              {t('screening:list.all', {
                count: found.counts.pending + found.counts.eligible + found.counts.ineligible,
              })}
            </Link>
            {SCREENING_FILTERS.map((f) => (
              <Link key={f} to={query(f)} aria-current={filter === f ? 'page' : undefined}>
                {t(`screening:list.filter.${f}`, { count: found.counts?.[f] ?? 0 })}
              </Link>
            ))}
          </nav>
          {found.rows.length === 0 ? (
            <p className="empty">{t('screening:list.empty')}</p>
          ) : (
            <ul className="rows">
              {found.rows.map((a) => (
                <li key={a.id}>
                  <div>
                    <strong>{a.receipt_number}</strong> — {a.venture_name}
                    <br />
                    <span className="muted">
                      {lng === 'en' ? a.issue_title_en : a.issue_title_id} · {t('screening:list.submitted')}{' '}
                      {when(a.submitted_at)}
                    </span>
                    <br />
                    {t(`apply:status.${a.status}`)}
                    {a.screening_reason ? ` — ${t(`screening:reason.${a.screening_reason}`)}` : null}
                    {a.screening_note ? `: ${a.screening_note}` : null}
                    <br />
                    <Link to={`${base}/applications/${a.id}`}>{t('screening:list.details')}</Link>
                    {' · '}
                    <Link to={`${base}/screening/${a.id}${query(filter, page)}`}>{t('screening:list.decide')}</Link>
                  </div>
                  {mayScreen && a.status === 'submitted' ? (
                    <ScreeningForm
                      slug={province.slug}
                      applicationId={a.id}
                      back={`${base}/screening${query(filter, page)}`}
                      compact
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Pager page={page} pageCount={found.pageCount} href={(p) => query(filter, p)} />
        </>
      )}
    </main>
  )
}
