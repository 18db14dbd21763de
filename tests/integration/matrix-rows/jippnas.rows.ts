import {
  all,
  type Expect,
  manageRead,
  manageReadOther,
  national,
  otherProvince,
  type Row,
  readMissing,
  readMissingOther,
} from './types.ts'

// JIPPNas records (issue 15). Bappeda, ministry and ERAT read a province's records and
// exports; only Bappeda makes and edits them (ministry and ERAT 403); reviewers and
// applicants 403, other tenants' members 404. Record and application ids exist nowhere,
// so whoever passes the guard gets 404. The public page of an id that is no public
// record is 404 for everyone.

const NO_ID = '3f6a2d1e-8b4c-4e7a-9d2f-1c5b7e9a0d34'
const manageMissing: Expect = { ...all(403), anonymous: 302, province_admin: 404 }
const record = {
  title: 'Matriks',
  summary: 'Ringkasan',
  province_issue: NO_ID,
  venture_name: 'Matriks',
  started_on: '2024-01-15',
  status: 'running',
}

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.innovations._index': {
    own: '/p/kalbar/manage/innovations',
    other: '/p/sulsel/manage/innovations',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.manage.innovations.new.$application': {
    own: `/p/kalbar/manage/innovations/new/${NO_ID}`,
    other: `/p/sulsel/manage/innovations/new/${NO_ID}`,
    get: { own: manageMissing, other: otherProvince },
    post: { own: manageMissing, other: otherProvince, body: record },
  },
  'routes/p.$province.manage.innovations.$innovation': {
    own: `/p/kalbar/manage/innovations/${NO_ID}`,
    other: `/p/sulsel/manage/innovations/${NO_ID}`,
    get: { own: readMissing, other: readMissingOther },
    post: { own: manageMissing, other: otherProvince, body: { intent: 'retry' } },
  },
  'routes/p.$province.manage.innovations[.]json': {
    own: '/p/kalbar/manage/innovations.json',
    other: '/p/sulsel/manage/innovations.json',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.manage.innovations[.]csv': {
    own: '/p/kalbar/manage/innovations.csv',
    other: '/p/sulsel/manage/innovations.csv',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/national.innovations._index': { own: '/national/innovations', get: { own: national } },
  'routes/national.innovations[.]json': { own: '/national/innovations.json', get: { own: national } },
  'routes/national.innovations[.]csv': { own: '/national/innovations.csv', get: { own: national } },
  'routes/innovations.$innovation': { own: `/innovations/${NO_ID}`, get: { own: all(404) } },
}
