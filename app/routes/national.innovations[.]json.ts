import { nationalExportLoader } from '#app/modules/jippnas/export-file.server.ts'

// Every province's innovation records as JSON; see export-file.server.ts.
export const loader = nationalExportLoader('json')
