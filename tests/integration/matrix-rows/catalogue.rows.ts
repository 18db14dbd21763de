import {
  type Expect,
  manageRead,
  manageReadOther,
  onlyRole,
  otherProvince,
  type Row,
  readMissing,
  readMissingOther,
} from './types.ts'

// The Bappeda catalogue (OPDs, FGD records, province issues). Reading is open to the
// province's admins and the national roles; changing only to the province's admins.
// Rows with an id in the URL use an id that exists nowhere: whoever passes the guard
// gets 404, the rest are stopped by the guard first.

const NO_ID = '00000000-0000-4000-8000-000000000000'

// Reviewers may read their province's OPDs (permissions: read Opd).
const opdRead: Expect = { ...manageRead, reviewer: 200 }

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.opds._index': {
    own: '/p/kalbar/manage/opds',
    other: '/p/sulsel/manage/opds',
    get: { own: opdRead, other: manageReadOther },
    post: {
      own: onlyRole('province_admin', 400),
      other: otherProvince,
      body: { intent: 'create', name: '', short_name: '' },
    },
  },
  'routes/p.$province.manage.opds.$opd': {
    own: `/p/kalbar/manage/opds/${NO_ID}`,
    other: `/p/sulsel/manage/opds/${NO_ID}`,
    get: { own: { ...readMissing, reviewer: 404 }, other: readMissingOther },
    post: { own: onlyRole('province_admin', 404), other: otherProvince, body: { name: 'X', short_name: 'X' } },
  },
  'routes/p.$province.manage.fgd._index': {
    own: '/p/kalbar/manage/fgd',
    other: '/p/sulsel/manage/fgd',
    get: { own: manageRead, other: manageReadOther },
    post: { own: onlyRole('province_admin', 400), other: otherProvince, body: { intent: 'create', place: '' } },
  },
  'routes/p.$province.manage.fgd.$fgd.minutes': {
    own: `/p/kalbar/manage/fgd/${NO_ID}/minutes`,
    other: `/p/sulsel/manage/fgd/${NO_ID}/minutes`,
    get: { own: readMissing, other: readMissingOther },
  },
  'routes/p.$province.manage.issues._index': {
    own: '/p/kalbar/manage/issues',
    other: '/p/sulsel/manage/issues',
    get: { own: manageRead, other: manageReadOther },
    post: { own: onlyRole('province_admin', 400), other: otherProvince, body: { national_issue: '', title_id: '' } },
  },
  'routes/p.$province.manage.issues.$issue': {
    own: `/p/kalbar/manage/issues/${NO_ID}`,
    other: `/p/sulsel/manage/issues/${NO_ID}`,
    get: { own: readMissing, other: readMissingOther },
    post: { own: onlyRole('province_admin', 404), other: otherProvince, body: { intent: 'publish' } },
  },
}
