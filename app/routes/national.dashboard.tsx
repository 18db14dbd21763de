import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatTime } from '#app/i18n/format.ts'
import { canReadOversight } from '#app/modules/oversight/access.ts'
import { loadDashboard } from '#app/modules/oversight/dashboard.server.ts'
import { HEAT_MEASURES } from '#app/modules/oversight/dashboard-rules.ts'
import type { EXPORT_TABLES } from '#app/modules/oversight/export-tables.ts'
import { filtersQuery, parseDashboardFilters } from '#app/modules/oversight/filters.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FunnelSection, HeatmapSection, ReviewsSection, RisksTable, StagesTable } from '#app/ui/oversight.tsx'
import { EmptyState } from '#app/ui/page-parts.tsx'

export const handle: RouteHandle = {
  title: 'pages.oversightDashboard' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

// The national figures for ministry and ERAT (issue 16), read-only; see docs/decisions/016.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canReadOversight)
  const filters = parseDashboardFilters(new URL(request.url).searchParams)
  return { filters, dashboard: await loadDashboard(context.db, filters, context.now()) }
}

/** "Figures as of 09.05 WIB", national time (the ministry's, Jakarta). */
function AsOf({ at }: { at: string | null }) {
  const { t, i18n } = useTranslation(['oversight'])
  const lng = i18n.language as Language
  if (!at) return <p className="figures-as-of">{t('oversight:asOfPending')}</p>
  return (
    <p className="figures-as-of">
      {t('oversight:asOf', { time: formatTime(new Date(at), lng, 'Asia/Jakarta') })}. {t('oversight:asOfNote')}
    </p>
  )
}

export default function OversightDashboard() {
  const { filters, dashboard: d } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['oversight', 'common'])
  if (!d) {
    return (
      <main id="main" className="page">
        <h1>{t('oversight:dashboard.title')}</h1>
        <EmptyState>{t('oversight:dashboard.noEdition')}</EmptyState>
      </main>
    )
  }
  const exportLinks = (table: (typeof EXPORT_TABLES)[number]) => (
    <p className="no-print">
      {t('oversight:export.label')} ({t(`oversight:tables.${table}`)}):{' '}
      {(['csv', 'xlsx'] as const).map((format, i) => (
        <span key={format}>
          {i > 0 ? ' · ' : null}
          <a
            href={`/national/dashboard.${format}${filtersQuery(filters, { table, edition: d.edition.id })}`}
            aria-label={t('oversight:export.of', {
              table: t(`oversight:tables.${table}`),
              format: t(`oversight:export.${format}`),
            })}
            download
          >
            {t(`oversight:export.${format}`)}
          </a>
        </span>
      ))}
    </p>
  )
  return (
    <main id="main" className="page">
      <p>
        <Link to="/national">{t('common:pages.national')}</Link>
      </p>
      <h1>{t('oversight:dashboard.title')}</h1>
      <p>
        {t('oversight:dashboard.intro')} <strong>{d.edition.name}</strong>
      </p>
      <AsOf at={d.asOf} />
      <Form method="get" className="filters">
        <fieldset className="filters">
          <legend>{t('oversight:filters.legend')}</legend>
          <label>
            {t('oversight:filters.edition')}
            <select name="edition" defaultValue={d.edition.id}>
              {d.editions.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('oversight:filters.phase')}
            <select name="phase" defaultValue={filters.phase ?? ''}>
              <option value="">{t('oversight:filters.allPhases')}</option>
              {d.phases.map((n) => (
                <option key={n} value={n}>
                  {t('oversight:filters.phaseN', { n })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('oversight:filters.province')}
            <select name="province" defaultValue={filters.province ?? ''}>
              <option value="">{t('oversight:filters.allProvinces')}</option>
              {d.provinceOptions.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('oversight:filters.measure')}
            <select name="measure" defaultValue={filters.measure}>
              {HEAT_MEASURES.map((m) => (
                <option key={m} value={m}>
                  {t(`oversight:measures.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('oversight:filters.apply')}</button>
        </fieldset>
      </Form>
      <p>
        <Link to={`/national/report?edition=${d.edition.id}`}>{t('oversight:dashboard.reportLink')}</Link>
      </p>
      {d.rows.length === 0 ? (
        <EmptyState>{t('oversight:dashboard.empty')}</EmptyState>
      ) : (
        <>
          <section aria-labelledby="funnel-heading">
            <h2 id="funnel-heading">{t('oversight:funnel.title')}</h2>
            <FunnelSection d={d} />
            {exportLinks('funnel')}
          </section>
          <section aria-labelledby="stages-heading">
            <h2 id="stages-heading">{t('oversight:stages.title')}</h2>
            <StagesTable rows={d.rows} />
            {exportLinks('stages')}
          </section>
          <section aria-labelledby="risks-heading">
            <h2 id="risks-heading">{t('oversight:risks.title')}</h2>
            <RisksTable rows={d.rows} />
            {exportLinks('risks')}
          </section>
          <section aria-labelledby="heatmap-heading">
            <h2 id="heatmap-heading">{t('oversight:heatmap.title')}</h2>
            <HeatmapSection d={d} measure={filters.measure} />
            {exportLinks('heatmap')}
            {exportLinks('issues')}
          </section>
          <section aria-labelledby="reviews-heading">
            <h2 id="reviews-heading">{t('oversight:reviews.title')}</h2>
            <ReviewsSection d={d} />
            {exportLinks('reviews')}
          </section>
        </>
      )}
    </main>
  )
}
