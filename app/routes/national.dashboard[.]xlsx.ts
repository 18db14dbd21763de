import { dashboardFileLoader } from '#app/modules/oversight/export-file.server.ts'

// A dashboard table as a file; see export-file.server.ts.
export const loader = dashboardFileLoader('xlsx')
