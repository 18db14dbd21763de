import type { Language } from '#app/i18n/config.ts'
import type { getFixedT } from '#app/i18n/i18n.server.ts'
import type { CsvValue } from '#app/modules/intake/csv.ts'
import type { Dashboard } from './dashboard.server.ts'
import { FUNNEL_STEPS, type HeatMeasure } from './dashboard-rules.ts'

// Every table of the dashboard as rows for a file (issue 16), with the same figures the
// page shows for the same filters. Pure; the CSV and XLSX writers neutralise formulas.

export const EXPORT_TABLES = ['funnel', 'stages', 'risks', 'heatmap', 'issues', 'reviews'] as const
export type ExportTable = (typeof EXPORT_TABLES)[number]

export function isExportTable(value: string): value is ExportTable {
  return (EXPORT_TABLES as readonly string[]).includes(value)
}

export interface TableSheet {
  header: string[]
  records: CsvValue[][]
}

type Risk = Dashboard['rows'][number]['risks'][number]

export function tableSheet(
  d: Dashboard,
  table: ExportTable,
  measure: HeatMeasure,
  t: ReturnType<typeof getFixedT>,
  lng: Language,
  riskText: (risk: Risk, timeZone: string) => string,
): TableSheet {
  const province = t('oversight:columns.province')
  const total = t('oversight:nationalTotal')
  switch (table) {
    case 'funnel':
      return {
        header: [province, ...FUNNEL_STEPS.map((s) => t(`oversight:steps.${s}`))],
        records: [
          ...d.rows.map((r) => [r.name, ...FUNNEL_STEPS.map((s) => r.funnel[s])]),
          [total, ...FUNNEL_STEPS.map((s) => d.totals.funnel[s])],
        ],
      }
    case 'stages':
      return {
        header: [
          province,
          t('oversight:columns.phase'),
          t('oversight:columns.stage'),
          t('oversight:columns.milestone'),
        ],
        records: d.rows.map((r) => [
          r.name,
          r.phase,
          t(`manage:national.stages.${r.stage}`),
          r.milestone ? t(`national:milestones.kinds.${r.milestone}`) : '',
        ]),
      }
    case 'risks':
      return {
        header: [province, t('oversight:columns.risk')],
        records: d.rows.flatMap((r) => r.risks.map((risk) => [r.name, riskText(risk, r.timeZone)])),
      }
    case 'heatmap': {
      const value = (r: Dashboard['rows'][number], issue: string) => r.byIssue[issue]?.[measure] ?? 0
      return {
        header: [province, ...d.issues.map((i) => `${i.code} ${i.name[lng]}`), t('oversight:columns.total')],
        records: [
          ...d.rows.map((r) => {
            const cells = d.issues.map((i) => value(r, i.id))
            return [r.name, ...cells, cells.reduce((a, b) => a + b, 0)]
          }),
          (() => {
            const cells = d.issues.map((i) => d.issueTotals[i.id]?.[measure] ?? 0)
            return [total, ...cells, cells.reduce((a, b) => a + b, 0)]
          })(),
        ],
      }
    }
    case 'issues':
      return {
        header: [
          t('oversight:columns.issue'),
          t('oversight:measures.applications'),
          t('oversight:measures.eligible'),
          t('oversight:measures.finalists'),
        ],
        records: d.issues.map((i) => {
          const c = d.issueTotals[i.id]
          return [`${i.code} ${i.name[lng]}`, c?.applications ?? 0, c?.eligible ?? 0, c?.finalists ?? 0]
        }),
      }
    case 'reviews':
      return {
        header: [
          province,
          t('oversight:columns.reviewers'),
          t('oversight:columns.assigned'),
          t('oversight:columns.scored'),
          t('oversight:columns.overdue'),
        ],
        records: [
          ...d.rows.map((r) => [r.name, r.reviews.reviewers, r.reviews.assigned, r.reviews.scored, r.reviews.overdue]),
          [
            total,
            d.totals.reviews.reviewers,
            d.totals.reviews.assigned,
            d.totals.reviews.scored,
            d.totals.reviews.overdue,
          ],
        ],
      }
  }
}
