import { manageRead, manageReadOther, type Row, readMissing, readMissingOther } from './types.ts'

// Bappeda's view of incoming applications (issue 6): the province's admins, ministry
// and ERAT read; reviewers and applicants get 403; other tenants' members 404. The
// detail row uses an id that exists nowhere, so whoever passes the guard gets 404.

const NO_ID = '7d1c3a52-9a4e-4c1b-8f0e-2b6d5e4a9c10'

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.applications._index': {
    own: '/p/kalbar/manage/applications',
    other: '/p/sulsel/manage/applications',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.manage.applications.$application._index': {
    own: `/p/kalbar/manage/applications/${NO_ID}`,
    other: `/p/sulsel/manage/applications/${NO_ID}`,
    get: { own: readMissing, other: readMissingOther },
  },
  'routes/p.$province.manage.applications[.]csv': {
    own: '/p/kalbar/manage/applications.csv',
    other: '/p/sulsel/manage/applications.csv',
    get: { own: manageRead, other: manageReadOther },
  },
}
