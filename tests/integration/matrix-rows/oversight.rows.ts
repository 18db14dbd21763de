import { national, type Row } from './types.ts'

// The national oversight pages (issue 16): ministry and ERAT read them, nobody else.

export const rows: Record<string, Row> = {
  'routes/national.dashboard': { own: '/national/dashboard', get: { own: national } },
  'routes/national.dashboard[.]csv': { own: '/national/dashboard.csv?table=funnel', get: { own: national } },
  'routes/national.dashboard[.]xlsx': { own: '/national/dashboard.xlsx?table=heatmap', get: { own: national } },
  'routes/national.report': { own: '/national/report', get: { own: national } },
}
