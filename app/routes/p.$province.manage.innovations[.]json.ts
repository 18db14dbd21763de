import { provinceExportLoader } from '#app/modules/jippnas/export-file.server.ts'

// The province's innovation records as JSON; see export-file.server.ts.
export const loader = provinceExportLoader('json')
