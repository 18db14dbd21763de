import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { toCsv } from '#app/modules/intake/csv.ts'
import { toXlsx } from '#app/modules/selection/export.server.ts'
import type { DB } from '#db/client.ts'
import { loadDashboard } from './dashboard.server.ts'
import { type ExportTable, tableSheet } from './export-tables.ts'
import type { DashboardFilters } from './filters.ts'
import { riskMessage } from './risk-message.ts'

// A dashboard table as CSV or XLSX with the page's filters (issue 16). Aggregates only —
// no person is named — so, unlike the ranking, the export is not audited (and the national
// scope it reads in cannot write).

export type ExportFormat = 'csv' | 'xlsx'

export async function exportDashboardTable(
  db: DB,
  filters: DashboardFilters,
  table: ExportTable,
  format: ExportFormat,
  lng: Language,
  now: Date,
) {
  const d = await loadDashboard(db, filters, now)
  if (!d) return null
  const t = getFixedT(lng)
  const sheet = tableSheet(d, table, filters.measure, t, lng, (risk, timeZone) => {
    const m = riskMessage(risk, lng, timeZone)
    return t(m.key, m.values)
  })
  const date = instantToLocal(now, 'Asia/Jakarta').slice(0, 10)
  const scope = filters.province ?? (filters.phase !== null ? `fase-${filters.phase}` : 'nasional')
  const filename = `${table}-${d.edition.slug}-${scope}-${date}.${format}`
  if (format === 'csv') return { body: toCsv(sheet.header, sheet.records), filename }
  return { body: await toXlsx(sheet, t(`oversight:tables.${table}`)), filename }
}
