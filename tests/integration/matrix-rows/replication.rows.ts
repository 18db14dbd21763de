import {
  type Expect,
  manageRead,
  manageReadOther,
  national,
  otherProvince,
  type Row,
  readMissing,
  readMissingOther,
} from './types.ts'

// Replication (issue 15). Bappeda, ministry and ERAT open a province's replication page;
// reviewers and applicants get 403, other tenants' members 404. Only Bappeda records
// (an empty form: 400); ministry and ERAT may not record for a province (403). The
// national pages are for ministry and ERAT; only the ministry recommends (the matrix
// database has no innovation: 404), ERAT gets 403. Ids exist nowhere: 404 past the guard.

const NO_ID = '3f6a2d1e-8b4c-4e7a-9d2f-1c5b7e9a0d34'

const recordOwn: Expect = {
  anonymous: 302,
  applicant: 403,
  reviewer: 403,
  province_admin: 400,
  ministry: 403,
  erat: 403,
}
const recommend: Expect = { ...national, ministry: 404, erat: 403 }

export const rows: Record<string, Row> = {
  'routes/p.$province.replications._index': {
    own: '/p/kalbar/replications',
    other: '/p/sulsel/replications',
    get: { own: manageRead, other: manageReadOther },
    post: { own: recordOwn, other: otherProvince, body: { intent: 'record' } },
  },
  'routes/p.$province.replications.$replication': {
    own: `/p/kalbar/replications/${NO_ID}`,
    other: `/p/sulsel/replications/${NO_ID}`,
    get: { own: readMissing, other: readMissingOther },
    post: { own: readMissing, other: readMissingOther, body: { intent: 'status', status: 'running' } },
  },
  'routes/national.replications._index': {
    own: '/national/replications',
    get: { own: national },
    post: { own: recommend, body: { intent: 'recommend', innovation: NO_ID, recommended: 'yes' } },
  },
  'routes/national.replications.$innovation': {
    own: `/national/replications/${NO_ID}`,
    get: { own: { ...national, ministry: 404, erat: 404 } },
    post: { own: recommend, body: { intent: 'recommend', recommended: 'yes' } },
  },
}
