import { onlyRole, otherProvince, type Row } from './types.ts'

// The venture profile (issue 6) is the applicant's own page: only the province's
// applicants pass the guard; national roles (who may read applications) and every
// other role get 403, members of another province 404.

export const rows: Record<string, Row> = {
  'routes/p.$province.apply.profile': {
    own: '/p/kalbar/apply/profile',
    other: '/p/sulsel/apply/profile',
    get: { own: onlyRole('applicant', 200), other: otherProvince },
    // An empty profile: the applicant gets 400 and nothing is saved.
    post: { own: onlyRole('applicant', 400), other: otherProvince, body: { intent: 'save', name: '' } },
  },
}
