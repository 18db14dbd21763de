import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime, formatScore } from '#app/i18n/format.ts'
import { canReview } from '#app/modules/review-desk/access.ts'
import { parseQueueView, QUEUE_FILTERS, type QueueView } from '#app/modules/review-desk/queue-filters.ts'
import { loadQueue } from '#app/modules/review-desk/workspace.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { parsePage } from '#app/modules/validation/paging.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'
import { Pager } from '#app/ui/page-parts.tsx'

// The reviewer's queue (issue 7, item 5): their own assignments in the current edition,
// progress, filters, the review deadline in the province's time zone, pages of 25.
export const handle: RouteHandle = { hydrate: false, title: 'pages.reviewHome' as const }

const DONE = ['conflict', 'finished'] as const

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReview)
  const url = new URL(request.url)
  const view = parseQueueView(url.searchParams.get('view'))
  const opdId = viewer.memberships.find((m) => m.provinceId === province.id && m.role === 'reviewer')?.opdId ?? null
  const queue = await loadQueue(
    context.db,
    { provinceId: province.id, userId: viewer.user.id, ability: viewer.ability, opdId },
    view,
    parsePage(url.searchParams),
    context.now(),
  )
  return { province, view, ...queue }
}

export default function ReviewerQueue() {
  const { province, view, opd, edition, counts, deadlines, rows, conflicts, page, pageCount } =
    useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'review'])
  const [params] = useSearchParams()
  const lng = i18n.language as Language
  const base = `/p/${province.slug}/review`
  const done = DONE.find((d) => d === params.get('done'))
  const href = (v: QueueView, p = 1) => {
    const q = new URLSearchParams()
    if (v !== 'all') q.set('view', v)
    if (p > 1) q.set('page', String(p))
    const s = q.toString()
    return s ? `${base}?${s}` : base
  }
  const filterCount: Record<QueueView, number> = {
    all: counts.total,
    todo: counts.total - counts.scored,
    scored: counts.scored,
    conflicts: counts.conflicts,
  }
  return (
    <main id="main" className="page">
      <h1>{t('review:title', { name: province.name })}</h1>
      {/* First on the page (issue 13): assigned, scored and left, then the deadline in the province's time. */}
      {edition ? (
        <>
          <p className="lead">
            <strong>{t('review:progress', { scored: counts.scored, total: counts.total })}</strong> ·{' '}
            {t('review:left', { count: counts.total - counts.scored })}
          </p>
          {deadlines.length === 0 ? null : (
            <ul className="plain">
              {deadlines.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: deadlines have no id of their own on this page
                <li key={i}>
                  {d.closesAt
                    ? t('review:deadline', { at: formatDateTime(new Date(d.closesAt), lng, province.time_zone) })
                    : t('review:noDeadline')}
                  {d.open ? null : <strong> {t('review:closed')}</strong>}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {done ? <FormMessage kind="ok">{t(`review:done.${done}`)}</FormMessage> : null}
      {opd ? <p>{t('review:opd', { opd: `${opd.name} (${opd.short_name})` })}</p> : null}
      {!edition ? (
        <p className="empty">{t('review:noEdition')}</p>
      ) : (
        <>
          <nav aria-label={t('review:filters.label')}>
            <p className="nav">
              {QUEUE_FILTERS.map((f) => (
                <Link key={f} to={href(f)} aria-current={f === view ? 'page' : undefined}>
                  {t(`review:filters.${f}`, { count: filterCount[f] })}
                </Link>
              ))}
            </p>
          </nav>

          <section aria-labelledby="queue">
            <h2 id="queue">{t(`review:queue.heading.${view}`)}</h2>
            {view === 'conflicts' ? (
              conflicts.length === 0 ? (
                <p className="empty">{t('review:queue.noConflicts')}</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('review:queue.receipt')}</th>
                        <th scope="col">{t('review:queue.kind')}</th>
                        <th scope="col">{t('review:queue.declaredAt')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {conflicts.map((c) => (
                        <tr key={c.id}>
                          <td>{c.receipt_number ?? '—'}</td>
                          <td>{t(`review:kind.${c.kind}`)}</td>
                          <td>{formatDateTime(new Date(c.created_at), lng, province.time_zone)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            ) : rows.length === 0 ? (
              <p className="empty">{t(counts.total === 0 ? 'review:queue.empty' : 'review:queue.emptyFiltered')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('review:queue.receipt')}</th>
                      <th scope="col">{t('review:queue.issue')}</th>
                      <th scope="col">{t('review:queue.organisation')}</th>
                      <th scope="col">{t('review:queue.state')}</th>
                      <th scope="col">{t('review:queue.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id}>
                        <td>
                          <Link to={`${base}/${r.id}`}>{r.receipt_number ?? t('review:queue.open')}</Link>
                        </td>
                        <td>{lng === 'en' ? r.issue_title_en : r.issue_title_id}</td>
                        <td>{r.organisation ?? <span className="muted">{t('review:queue.blind')}</span>}</td>
                        <td>
                          {t(`review:state.${r.state}`)}
                          {r.open ? null : <span className="muted"> ({t('review:queue.locked')})</span>}
                        </td>
                        <td>{r.total === null ? '—' : formatScore(r.total, lng)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <Pager page={page} pageCount={pageCount} href={(p) => href(view, p)} label={t('review:pagination.label')} />
        </>
      )}
    </main>
  )
}
