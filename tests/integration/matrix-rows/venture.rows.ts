import type { Expect, Row } from './types.ts'

// The venture profile (issue 6) is the applicant's own page: only the province's
// applicants pass the guard; national roles (who may read applications) and every
// other role get 403, members of another province 404.

const applicantOnly = (applicantStatus: number): Expect => ({
  anonymous: 302,
  applicant: applicantStatus,
  reviewer: 403,
  province_admin: 403,
  ministry: 403,
  erat: 403,
})
const otherProvince: Expect = {
  anonymous: 302,
  applicant: 404,
  reviewer: 404,
  province_admin: 404,
  ministry: 403,
  erat: 403,
}

export const rows: Record<string, Row> = {
  'routes/p.$province.apply.profile': {
    own: '/p/kalbar/apply/profile',
    other: '/p/sulsel/apply/profile',
    get: { own: applicantOnly(200), other: otherProvince },
    // An empty profile: the applicant gets 400 and nothing is saved.
    post: { own: applicantOnly(400), other: otherProvince, body: { intent: 'save', name: '' } },
  },
}
