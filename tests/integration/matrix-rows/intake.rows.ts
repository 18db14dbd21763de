import { type Expect, manageRead, manageReadOther, type Row } from './types.ts'

// Bappeda's view of incoming applications (issue 6): the province's admins, ministry
// and ERAT read; reviewers and applicants get 403; other tenants' members 404. The
// detail row uses an id that exists nowhere, so whoever passes the guard gets 404.

const NO_ID = '7d1c3a52-9a4e-4c1b-8f0e-2b6d5e4a9c10'

const passedThenMissing: Expect = { ...manageRead, province_admin: 404, ministry: 404, erat: 404 }
const otherMissing: Expect = { ...manageReadOther, ministry: 404, erat: 404 }

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.applications._index': {
    own: '/p/kalbar/manage/applications',
    other: '/p/sulsel/manage/applications',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.manage.applications.$application._index': {
    own: `/p/kalbar/manage/applications/${NO_ID}`,
    other: `/p/sulsel/manage/applications/${NO_ID}`,
    get: { own: passedThenMissing, other: otherMissing },
  },
  'routes/p.$province.manage.applications[.]csv': {
    own: '/p/kalbar/manage/applications.csv',
    other: '/p/sulsel/manage/applications.csv',
    get: { own: manageRead, other: manageReadOther },
  },
}
