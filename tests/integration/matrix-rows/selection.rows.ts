import {
  manageRead,
  manageReadOther,
  national,
  onlyRole,
  otherProvince,
  type Row,
  readMissing,
  readMissingOther,
} from './types.ts'

// Ranking, exports and selection (issue 7). The matrix database holds no edition and so
// no call: whoever passes a guard that needs a call gets 404 (the page itself renders
// "no call yet"). Bappeda's own admin alone changes the method and the selection; the
// ministry alone decides; ERAT reads everywhere and changes nothing (403).

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.ranking': {
    own: '/p/kalbar/manage/ranking',
    other: '/p/sulsel/manage/ranking',
    get: { own: manageRead, other: manageReadOther },
    post: { own: onlyRole('province_admin', 404), other: otherProvince, body: { intent: 'method', method: 'mean' } },
  },
  'routes/p.$province.manage.ranking[.]csv': {
    own: '/p/kalbar/manage/ranking.csv',
    other: '/p/sulsel/manage/ranking.csv',
    get: { own: readMissing, other: readMissingOther },
  },
  'routes/p.$province.manage.ranking[.]xlsx': {
    own: '/p/kalbar/manage/ranking.xlsx',
    other: '/p/sulsel/manage/ranking.xlsx',
    get: { own: readMissing, other: readMissingOther },
  },
  'routes/p.$province.manage.selection': {
    own: '/p/kalbar/manage/selection',
    other: '/p/sulsel/manage/selection',
    get: { own: manageRead, other: manageReadOther },
    post: { own: onlyRole('province_admin', 404), other: otherProvince, body: { intent: 'submit' } },
  },
  'routes/national.selections._index': { own: '/national/selections', get: { own: national } },
  'routes/national.selections.$province': {
    own: '/national/selections/kalbar',
    get: { own: national },
    post: {
      own: { anonymous: 302, applicant: 403, reviewer: 403, province_admin: 403, ministry: 404, erat: 403 },
      body: { intent: 'confirm' },
    },
  },
}
