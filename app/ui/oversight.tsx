import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatNumber } from '#app/i18n/format.ts'
import type { Dashboard } from '#app/modules/oversight/dashboard.server.ts'
import { FUNNEL_STEPS, type HeatMeasure, type Risk } from '#app/modules/oversight/dashboard-rules.ts'
import { riskMessage } from '#app/modules/oversight/risk-message.ts'
import { BarChart, ChartPair, Heatmap } from './charts.tsx'
import { StatusBadge } from './page-parts.tsx'

// The sections of the national dashboard and the programme report (issue 16): each a
// chart and the table of its figures, from the same loaded Dashboard.

type Rows = Dashboard['rows']

function useLng() {
  const { t, i18n } = useTranslation(['oversight', 'manage', 'national'])
  return { t, lng: i18n.language as Language }
}

/** The applicant funnel: a chart of the totals shown and a table per province with the national total. */
export function FunnelSection({ d, drill = true }: { d: Dashboard; drill?: boolean }) {
  const { t, lng } = useLng()
  const scope = d.rows.length === 1 ? (d.rows[0]?.name ?? '') : t('oversight:nationalTotal')
  return (
    <ChartPair
      chart={
        <BarChart
          id="funnel"
          title={t('oversight:funnel.chartTitle', { scope })}
          desc={t('oversight:funnel.chartDesc', { scope })}
          bars={FUNNEL_STEPS.map((s) => ({
            label: t(`oversight:steps.${s}`),
            value: d.totals.funnel[s],
            text: formatNumber(d.totals.funnel[s], lng),
          }))}
        />
      }
    >
      <table>
        <caption>{t('oversight:funnel.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('oversight:columns.province')}</th>
            {FUNNEL_STEPS.map((s) => (
              <th scope="col" key={s}>
                {t(`oversight:steps.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r) => (
            <tr key={r.slug}>
              <th scope="row">{drill ? <Link to={`/p/${r.slug}/manage/applications`}>{r.name}</Link> : r.name}</th>
              {FUNNEL_STEPS.map((s) => (
                <td key={s}>{formatNumber(r.funnel[s], lng)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('oversight:nationalTotal')}</th>
            {FUNNEL_STEPS.map((s) => (
              <td key={s}>{formatNumber(d.totals.funnel[s], lng)}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </ChartPair>
  )
}

/** Where each province stands: its stage, its phase's current milestone, and links into its pages. */
export function StagesTable({ rows }: { rows: Rows }) {
  const { t } = useLng()
  return (
    <div className="table-wrap">
      <table>
        <caption>{t('oversight:stages.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('oversight:columns.province')}</th>
            <th scope="col">{t('oversight:columns.phase')}</th>
            <th scope="col">{t('oversight:columns.stage')}</th>
            <th scope="col">{t('oversight:columns.milestone')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.slug}>
              <th scope="row">
                <Link to={`/p/${r.slug}/manage`}>{r.name}</Link>
              </th>
              <td>{r.phase ?? t('oversight:none')}</td>
              <td>
                <StatusBadge>{t(`manage:national.stages.${r.stage}`)}</StatusBadge>
              </td>
              <td>{r.milestone ? t(`national:milestones.kinds.${r.milestone}`) : t('oversight:none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Deadlines at risk, province by province, linking to the page where the work is. */
export function RisksTable({ rows }: { rows: Rows }) {
  const { t, lng } = useLng()
  const atRisk = rows.filter((r) => r.risks.length > 0)
  const riskLine = (risk: Risk, timeZone: string) => {
    const m = riskMessage(risk, lng, timeZone)
    return t(m.key, m.values)
  }
  if (atRisk.length === 0) return <p>{t('oversight:risks.none')}</p>
  const where = (slug: string, risk: Risk) =>
    risk.kind === 'selectionWaiting'
      ? `/national/selections/${slug}`
      : risk.kind === 'closingFewSubmissions'
        ? `/p/${slug}/manage/applications`
        : `/p/${slug}/manage/review`
  return (
    <div className="table-wrap">
      <table>
        <caption>{t('oversight:risks.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('oversight:columns.province')}</th>
            <th scope="col">{t('oversight:columns.risk')}</th>
          </tr>
        </thead>
        <tbody>
          {atRisk.map((r) => (
            <tr key={r.slug}>
              <th scope="row">{r.name}</th>
              <td>
                <ul className="risk-list">
                  {r.risks.map((risk) => (
                    <li key={risk.kind}>
                      <Link to={where(r.slug, risk)}>{riskLine(risk, r.timeZone)}</Link>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The province × national-issue heatmap of one measure, its table, and the per-issue totals. */
export function HeatmapSection({ d, measure }: { d: Dashboard; measure: HeatMeasure }) {
  const { t, lng } = useLng()
  const name = (i: Dashboard['issues'][number]) => i.name[lng]
  const value = (r: Rows[number], issue: string) => r.byIssue[issue]?.[measure] ?? 0
  const measureName = t(`oversight:measures.${measure}`)
  const rowTotal = (r: Rows[number]) => d.issues.reduce((s, i) => s + value(r, i.id), 0)
  const total = (issue: string) => d.issueTotals[issue]?.[measure] ?? 0
  return (
    <>
      <ChartPair
        chart={
          <Heatmap
            id="heatmap"
            title={t('oversight:heatmap.chartTitle', { measure: measureName })}
            desc={t('oversight:heatmap.chartDesc')}
            rows={d.rows.map((r) => r.name)}
            columns={d.issues.map((i) => i.code)}
            values={d.rows.map((r) => d.issues.map((i) => value(r, i.id)))}
            texts={d.rows.map((r) => d.issues.map((i) => formatNumber(value(r, i.id), lng)))}
          />
        }
      >
        <table>
          <caption>{t('oversight:heatmap.chartTitle', { measure: measureName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('oversight:columns.province')}</th>
              {d.issues.map((i) => (
                <th scope="col" key={i.id}>
                  <abbr title={name(i)}>{i.code}</abbr>
                </th>
              ))}
              <th scope="col">{t('oversight:columns.total')}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.slug}>
                <th scope="row">{r.name}</th>
                {d.issues.map((i) => (
                  <td key={i.id}>{formatNumber(value(r, i.id), lng)}</td>
                ))}
                <td>{formatNumber(rowTotal(r), lng)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('oversight:nationalTotal')}</th>
              {d.issues.map((i) => (
                <td key={i.id}>{formatNumber(total(i.id), lng)}</td>
              ))}
              <td>
                {formatNumber(
                  d.issues.reduce((s, i) => s + total(i.id), 0),
                  lng,
                )}
              </td>
            </tr>
          </tfoot>
        </table>
      </ChartPair>
      <h3>{t('oversight:heatmap.issuesTitle')}</h3>
      <ChartPair
        chart={
          <BarChart
            id="issues"
            title={t('oversight:heatmap.issuesChartTitle', { measure: measureName })}
            desc={t('oversight:heatmap.issuesChartDesc')}
            bars={d.issues.map((i) => ({ label: name(i), value: total(i.id), text: formatNumber(total(i.id), lng) }))}
          />
        }
      >
        <table>
          <caption>{t('oversight:heatmap.issuesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('oversight:columns.issue')}</th>
              <th scope="col">{t('oversight:measures.applications')}</th>
              <th scope="col">{t('oversight:measures.eligible')}</th>
              <th scope="col">{t('oversight:measures.finalists')}</th>
            </tr>
          </thead>
          <tbody>
            {d.issues.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  {i.code} {name(i)}
                </th>
                <td>{formatNumber(d.issueTotals[i.id]?.applications ?? 0, lng)}</td>
                <td>{formatNumber(d.issueTotals[i.id]?.eligible ?? 0, lng)}</td>
                <td>{formatNumber(d.issueTotals[i.id]?.finalists ?? 0, lng)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartPair>
    </>
  )
}

const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100))

/** Reviewer progress per province: a chart of the share scored, a table of the counts. */
export function ReviewsSection({ d }: { d: Dashboard }) {
  const { t, lng } = useLng()
  const r = d.totals.reviews
  return (
    <ChartPair
      chart={
        <BarChart
          id="reviews"
          title={t('oversight:reviews.chartTitle')}
          desc={t('oversight:reviews.chartDesc')}
          max={100}
          bars={d.rows.map((row) => {
            const p = percentOf(row.reviews.scored, row.reviews.assigned)
            return { label: row.name, value: p, text: t('oversight:reviews.percent', { value: p }) }
          })}
        />
      }
    >
      <table>
        <caption>{t('oversight:reviews.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('oversight:columns.province')}</th>
            <th scope="col">{t('oversight:columns.reviewers')}</th>
            <th scope="col">{t('oversight:columns.assigned')}</th>
            <th scope="col">{t('oversight:columns.scored')}</th>
            <th scope="col">{t('oversight:columns.overdue')}</th>
            <th scope="col">{t('oversight:columns.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((row) => (
            <tr key={row.slug}>
              <th scope="row">
                <Link to={`/p/${row.slug}/manage/review`}>{row.name}</Link>
              </th>
              <td>{formatNumber(row.reviews.reviewers, lng)}</td>
              <td>{formatNumber(row.reviews.assigned, lng)}</td>
              <td>{formatNumber(row.reviews.scored, lng)}</td>
              <td>{formatNumber(row.reviews.overdue, lng)}</td>
              <td>{t('oversight:reviews.percent', { value: percentOf(row.reviews.scored, row.reviews.assigned) })}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('oversight:nationalTotal')}</th>
            <td>{formatNumber(r.reviewers, lng)}</td>
            <td>{formatNumber(r.assigned, lng)}</td>
            <td>{formatNumber(r.scored, lng)}</td>
            <td>{formatNumber(r.overdue, lng)}</td>
            <td>{t('oversight:reviews.percent', { value: percentOf(r.scored, r.assigned) })}</td>
          </tr>
        </tfoot>
      </table>
    </ChartPair>
  )
}

/** The edition's milestones per phase. */
export function TimelineTable({ milestones }: { milestones: Dashboard['milestones'] }) {
  const { t, lng } = useLng()
  if (milestones.length === 0) return <p>{t('oversight:report.noTimeline')}</p>
  return (
    <div className="table-wrap">
      <table>
        <caption>{t('oversight:report.timeline')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('oversight:columns.phase')}</th>
            <th scope="col">{t('oversight:columns.milestone')}</th>
            <th scope="col">{t('oversight:columns.from')}</th>
            <th scope="col">{t('oversight:columns.until')}</th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <tr key={`${m.phase}-${m.kind}-${m.starts_on}`}>
              <td>{m.phase}</td>
              <td>{t(`national:milestones.kinds.${m.kind}`)}</td>
              <td>{formatDate(m.starts_on, lng)}</td>
              <td>{m.ends_on ? formatDate(m.ends_on, lng) : t('oversight:none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
