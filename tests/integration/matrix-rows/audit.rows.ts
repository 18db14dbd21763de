import { manageRead, manageReadOther, national, type Row } from './types.ts'

// The audit log's files (issue 16), guarded like the pages they export.

export const rows: Record<string, Row> = {
  'routes/national.audit[.]csv': { own: '/national/audit.csv', get: { own: national } },
  'routes/national.audit[.]xlsx': { own: '/national/audit.xlsx', get: { own: national } },
  'routes/p.$province.manage.audit[.]csv': {
    own: '/p/kalbar/manage/audit.csv',
    other: '/p/sulsel/manage/audit.csv',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.manage.audit[.]xlsx': {
    own: '/p/kalbar/manage/audit.xlsx',
    other: '/p/sulsel/manage/audit.xlsx',
    get: { own: manageRead, other: manageReadOther },
  },
}
