import {
  manageRead,
  manageReadOther,
  onlyRole,
  otherProvince,
  type Row,
  readMissing,
  readMissingOther,
} from './types.ts'

// Bappeda's side of the review (issue 7): screening, review settings, rubric,
// assignments and reviewers. The province's admins act; ministry and ERAT may look
// (GET) but not act (POST: 403); reviewers and applicants get 403; other tenants'
// members 404. Ids exist nowhere, so whoever passes the guard gets 404.

const NO_APP = '5b2e8f14-6c3a-4d7e-9a1b-3f0c2d4e6a88'
const NO_CALL = '9e4d2c1b-7a6f-4e3d-8c2b-1a0f9e8d7c65'

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.screening._index': {
    own: '/p/kalbar/manage/screening',
    other: '/p/sulsel/manage/screening',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.manage.screening.$application': {
    own: `/p/kalbar/manage/screening/${NO_APP}`,
    other: `/p/sulsel/manage/screening/${NO_APP}`,
    get: { own: readMissing, other: readMissingOther },
    post: { own: onlyRole('province_admin', 404), other: otherProvince, body: { decision: 'eligible', note: '' } },
  },
  'routes/p.$province.manage.review._index': {
    own: '/p/kalbar/manage/review',
    other: '/p/sulsel/manage/review',
    get: { own: manageRead, other: manageReadOther },
    post: {
      own: onlyRole('province_admin', 404),
      other: otherProvince,
      body: { call: NO_CALL, reviewers_per_application: '3' },
    },
  },
  'routes/p.$province.manage.review.rubric': {
    own: '/p/kalbar/manage/review/rubric',
    other: '/p/sulsel/manage/review/rubric',
    get: { own: manageRead, other: manageReadOther },
    post: { own: onlyRole('province_admin', 404), other: otherProvince, body: { call: NO_CALL } },
  },
  'routes/p.$province.manage.review.assignments': {
    own: '/p/kalbar/manage/review/assignments',
    other: '/p/sulsel/manage/review/assignments',
    get: { own: manageRead, other: manageReadOther },
    post: { own: onlyRole('province_admin', 404), other: otherProvince, body: { call: NO_CALL, intent: 'assign' } },
  },
  'routes/p.$province.manage.reviewers': {
    own: '/p/kalbar/manage/reviewers',
    other: '/p/sulsel/manage/reviewers',
    get: { own: manageRead, other: manageReadOther },
    post: { own: onlyRole('province_admin', 404), other: otherProvince, body: { call: NO_CALL, intent: 'detect' } },
  },
}
