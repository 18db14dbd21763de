import { type Expect, manageRead, manageReadOther, national, type Row } from './types.ts'

// Ranking, exports and selection (issue 7). The matrix database holds no edition and so
// no call: whoever passes a guard that needs a call gets 404 (the page itself renders
// "no call yet"). Bappeda's own admin alone changes the method and the selection; the
// ministry alone decides; ERAT reads everywhere and changes nothing (403).

const adminOnly = (adminStatus: number): Expect => ({
  anonymous: 302,
  applicant: 403,
  reviewer: 403,
  province_admin: adminStatus,
  ministry: 403,
  erat: 403,
})
const otherWrite: Expect = {
  anonymous: 302,
  applicant: 404,
  reviewer: 404,
  province_admin: 404,
  ministry: 403,
  erat: 403,
}
const readThenNoCall: Expect = { ...manageRead, province_admin: 404, ministry: 404, erat: 404 }
const otherNoCall: Expect = { ...manageReadOther, ministry: 404, erat: 404 }

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.ranking': {
    own: '/p/kalbar/manage/ranking',
    other: '/p/sulsel/manage/ranking',
    get: { own: manageRead, other: manageReadOther },
    post: { own: adminOnly(404), other: otherWrite, body: { intent: 'method', method: 'mean' } },
  },
  'routes/p.$province.manage.ranking[.]csv': {
    own: '/p/kalbar/manage/ranking.csv',
    other: '/p/sulsel/manage/ranking.csv',
    get: { own: readThenNoCall, other: otherNoCall },
  },
  'routes/p.$province.manage.ranking[.]xlsx': {
    own: '/p/kalbar/manage/ranking.xlsx',
    other: '/p/sulsel/manage/ranking.xlsx',
    get: { own: readThenNoCall, other: otherNoCall },
  },
  'routes/p.$province.manage.selection': {
    own: '/p/kalbar/manage/selection',
    other: '/p/sulsel/manage/selection',
    get: { own: manageRead, other: manageReadOther },
    post: { own: adminOnly(404), other: otherWrite, body: { intent: 'submit' } },
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
