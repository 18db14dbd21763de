import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { listFinalists } from './dashboard.queries.server.ts'
import { loadDashboard } from './dashboard.server.ts'
import type { DashboardFilters } from './filters.ts'

// The programme report of an edition (issue 16): the dashboard's figures for every
// province, plus the finalists each province chose (named as submitted) and the timeline.

export async function loadReport(db: DB, filters: DashboardFilters, now: Date) {
  const dashboard = await loadDashboard(db, { ...filters, province: null }, now)
  if (!dashboard) return null
  const chosen = await withTenant(db, { national: true }, (trx) => listFinalists(trx, dashboard.edition.id))
  const finalists = dashboard.rows
    .map((p) => ({
      slug: p.slug,
      name: p.name,
      entries: chosen
        .filter((f) => f.province_id === p.id)
        .map((f) => ({ venture: f.venture, issue: { id: f.title_id, en: f.title_en }, status: f.status })),
    }))
    .filter((p) => p.entries.length > 0)
  return { dashboard, finalists }
}
