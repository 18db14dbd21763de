import { all, type Expect, manageRead, manageReadOther, national, type Row } from './types.ts'

// Mentoring (issue 14). Bappeda, ministry and ERAT open the province's mentoring pages
// (a mentor too, who is not a matrix actor); reviewers and applicants get 403, other
// tenants' members 404. Only Bappeda starts a cohort (the matrix database has no
// finalists: 409); ministry and ERAT read and change nothing (403). Cohort, session,
// plan and file ids exist nowhere, so whoever passes the guard gets 404.

const NO_ID = '3f6a2d1e-8b4c-4e7a-9d2f-1c5b7e9a0d34'

const passedThenMissing: Expect = { ...manageRead, province_admin: 404, ministry: 404, erat: 404 }
const otherMissing: Expect = { ...manageReadOther, ministry: 404, erat: 404 }
const buildOwn: Expect = {
  anonymous: 302,
  applicant: 403,
  reviewer: 403,
  province_admin: 409,
  ministry: 403,
  erat: 403,
}
const buildOther: Expect = {
  anonymous: 302,
  applicant: 404,
  reviewer: 404,
  province_admin: 404,
  ministry: 403,
  erat: 403,
}
const cohortPage = (path: string, body: Record<string, string>): Row => ({
  own: `/p/kalbar/mentoring/${path}`,
  other: `/p/sulsel/mentoring/${path}`,
  get: { own: passedThenMissing, other: otherMissing },
  post: { own: passedThenMissing, other: otherMissing, body },
})

export const rows: Record<string, Row> = {
  'routes/p.$province.mentoring._index': {
    own: '/p/kalbar/mentoring',
    other: '/p/sulsel/mentoring',
    get: { own: manageRead, other: manageReadOther },
    post: { own: buildOwn, other: buildOther, body: { intent: 'build', edition: NO_ID } },
  },
  'routes/p.$province.mentoring.$cohort._index': cohortPage(NO_ID, { intent: 'sync' }),
  'routes/p.$province.mentoring.$cohort.sessions.$session': cohortPage(`${NO_ID}/sessions/${NO_ID}`, {
    intent: 'note',
    audience: 'internal',
    body: 'Matriks',
  }),
  'routes/p.$province.mentoring.$cohort.plans.$application': cohortPage(`${NO_ID}/plans/${NO_ID}`, {
    intent: 'signOff',
    milestone: NO_ID,
  }),
  // Evidence: also open to the province's applicants (their own plan's file), so they reach the 404.
  'routes/p.$province.mentoring.files.$file': {
    own: `/p/kalbar/mentoring/files/${NO_ID}`,
    other: `/p/sulsel/mentoring/files/${NO_ID}`,
    get: { own: { ...passedThenMissing, applicant: 404 }, other: otherMissing },
  },
  'routes/p.$province.mentoring.invite.$token': {
    own: '/p/kalbar/mentoring/invite/not-a-token',
    other: '/p/sulsel/mentoring/invite/not-a-token',
    get: { own: all(400), other: all(400) },
  },
  'routes/p.$province.apply.$application.mentoring': {
    own: `/p/kalbar/apply/${NO_ID}/mentoring`,
    other: `/p/sulsel/apply/${NO_ID}/mentoring`,
    get: {
      own: { anonymous: 302, applicant: 404, reviewer: 403, province_admin: 403, ministry: 403, erat: 403 },
      other: { anonymous: 302, applicant: 404, reviewer: 404, province_admin: 404, ministry: 403, erat: 403 },
    },
    post: {
      own: { anonymous: 302, applicant: 404, reviewer: 403, province_admin: 403, ministry: 403, erat: 403 },
      other: { anonymous: 302, applicant: 404, reviewer: 404, province_admin: 404, ministry: 403, erat: 403 },
      body: { intent: 'evidence', milestone: NO_ID, text: 'Matriks' },
    },
  },
  'routes/national.mentoring._index': { own: '/national/mentoring', get: { own: national } },
}
