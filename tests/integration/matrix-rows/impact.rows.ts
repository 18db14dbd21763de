import { type Expect, manageRead, manageReadOther, type Row } from './types.ts'

// Impact (issue 15). Bappeda, ministry and ERAT open a province's impact pages, and so
// does an applicant (their own innovations only); reviewers get 403, other tenants'
// members 404. The innovation id exists nowhere: whoever passes the guard gets 404.

const NO_ID = '3f6a2d1e-8b4c-4e7a-9d2f-1c5b7e9a0d34'

const indexOwn: Expect = { ...manageRead, applicant: 200 }
const missingOwn: Expect = { ...manageRead, applicant: 404, province_admin: 404, ministry: 404, erat: 404 }
const missingOther: Expect = { ...manageReadOther, ministry: 404, erat: 404 }

export const rows: Record<string, Row> = {
  'routes/p.$province.impact._index': {
    own: '/p/kalbar/impact',
    other: '/p/sulsel/impact',
    get: { own: indexOwn, other: manageReadOther },
  },
  'routes/p.$province.impact.$innovation': {
    own: `/p/kalbar/impact/${NO_ID}`,
    other: `/p/sulsel/impact/${NO_ID}`,
    get: { own: missingOwn, other: missingOther },
    post: { own: missingOwn, other: missingOther, body: { intent: 'confirm', measurement: NO_ID } },
  },
}
