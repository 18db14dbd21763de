import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatTime } from '#app/i18n/format.ts'
import { canReadOversight } from '#app/modules/oversight/access.ts'
import { parseDashboardFilters } from '#app/modules/oversight/filters.ts'
import { loadReport } from '#app/modules/oversight/report.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FunnelSection, HeatmapSection, StagesTable, TimelineTable } from '#app/ui/oversight.tsx'
import { EmptyState, StatusBadge } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = {
  title: 'pages.oversightReport' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

// The printable programme report of an edition (issue 16), in the language of ?lng=.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canReadOversight)
  const filters = parseDashboardFilters(new URL(request.url).searchParams)
  return { filters, report: await loadReport(context.db, filters, context.now()) }
}

export default function ProgrammeReport() {
  const { filters, report } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['oversight', 'selection'])
  const lng = i18n.language as Language
  // The print button needs JavaScript; without it the browser's own Print does the same.
  const [printable, setPrintable] = useState(false)
  useEffect(() => setPrintable(true), [])
  if (!report) {
    return (
      <main id="main" className="page">
        <h1>{t('oversight:reportLink')}</h1>
        <EmptyState>{t('oversight:dashboard.noEdition')}</EmptyState>
      </main>
    )
  }
  const d = report.dashboard
  const other = lng === 'id' ? 'en' : 'id'
  const phase = filters.phase !== null ? `&phase=${filters.phase}` : ''
  return (
    <main id="main" className="page report">
      <p className="no-print">
        <Link to="/national/dashboard">{t('oversight:link')}</Link> ·{' '}
        <a href={`/national/report?edition=${d.edition.id}${phase}&lng=${other}`} hrefLang={other} lang={other}>
          {t('oversight:report.otherLanguage')}
        </a>
      </p>
      <h1>{t('oversight:report.title', { edition: d.edition.name })}</h1>
      <p>{t('oversight:report.intro')}</p>
      <p className="figures-as-of">
        {d.asOf
          ? t('oversight:asOf', { time: formatTime(new Date(d.asOf), lng, 'Asia/Jakarta') })
          : t('oversight:asOfPending')}
        {filters.phase !== null ? ` · ${t('oversight:filters.phaseN', { n: filters.phase })}` : ''}
      </p>
      <section aria-labelledby="r-funnel">
        <h2 id="r-funnel">{t('oversight:funnel.title')}</h2>
        <FunnelSection d={d} drill={false} />
      </section>
      <section aria-labelledby="r-stages">
        <h2 id="r-stages">{t('oversight:stages.title')}</h2>
        <StagesTable rows={d.rows} />
      </section>
      <section aria-labelledby="r-heatmap">
        <h2 id="r-heatmap">{t('oversight:heatmap.title')}</h2>
        <HeatmapSection d={d} measure="applications" />
      </section>
      <section aria-labelledby="r-finalists">
        <h2 id="r-finalists">{t('oversight:report.finalists')}</h2>
        {report.finalists.length === 0 ? (
          <p>{t('oversight:report.noFinalists')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('oversight:columns.province')}</th>
                  <th scope="col">{t('oversight:columns.venture')}</th>
                  <th scope="col">{t('oversight:columns.provinceIssue')}</th>
                  <th scope="col">{t('oversight:columns.selection')}</th>
                </tr>
              </thead>
              <tbody>
                {report.finalists.flatMap((p) =>
                  p.entries.map((f, i) => (
                    <tr key={`${p.slug}-${f.venture}`}>
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={p.entries.length}>
                          {p.name}
                        </th>
                      ) : null}
                      <td>{f.venture}</td>
                      <td>{f.issue[lng]}</td>
                      <td>
                        <StatusBadge>{t(`selection:status.${f.status}`)}</StatusBadge>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {/* ---- Inclusion figures (issue 16, collected and suppressed in their own module): their section goes here. ---- */}
      <section aria-labelledby="r-timeline">
        <h2 id="r-timeline">{t('oversight:report.timeline')}</h2>
        <TimelineTable milestones={d.milestones} />
      </section>
      {printable ? (
        <p className="no-print">
          <button type="button" onClick={() => window.print()}>
            {t('oversight:report.print')}
          </button>
        </p>
      ) : null}
    </main>
  )
}
