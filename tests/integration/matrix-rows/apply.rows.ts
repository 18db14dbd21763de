import { onlyRole, otherProvince, type Row } from './types.ts'

// The applicant's drafting pages (issue 6). Only the province's applicants pass the
// guard; other tenants' members get 404 and other roles 403. Rows with an application
// id use one that exists nowhere, so whoever passes the guard gets 404.

const NO_ID = '7d1c3a52-9a4e-4c1b-8f0e-2b6d5e4a9c10'

export const rows: Record<string, Row> = {
  'routes/p.$province.apply._index': {
    own: '/p/kalbar/apply',
    other: '/p/sulsel/apply',
    get: { own: onlyRole('applicant', 200), other: otherProvince },
    // An empty choice: the applicant gets 400 and nothing is created.
    post: { own: onlyRole('applicant', 400), other: otherProvince, body: { issue_id: '' } },
  },
  'routes/p.$province.apply.$application._index': {
    own: `/p/kalbar/apply/${NO_ID}`,
    other: `/p/sulsel/apply/${NO_ID}`,
    get: { own: onlyRole('applicant', 404), other: otherProvince },
  },
  'routes/p.$province.apply.$application.$section': {
    own: `/p/kalbar/apply/${NO_ID}/problem`,
    other: `/p/sulsel/apply/${NO_ID}/problem`,
    get: { own: onlyRole('applicant', 404), other: otherProvince },
    post: { own: onlyRole('applicant', 404), other: otherProvince, body: { problem: 'x' } },
  },
  // The enhancement script's JSON endpoint: signed-out is 401 (a script cannot sign in).
  'routes/p.$province.apply.$application.$section.autosave': {
    own: `/p/kalbar/apply/${NO_ID}/problem/autosave`,
    other: `/p/sulsel/apply/${NO_ID}/problem/autosave`,
    get: {
      own: { anonymous: 405, applicant: 405, reviewer: 405, province_admin: 405, ministry: 405, erat: 405 },
      other: { anonymous: 405, applicant: 405, reviewer: 405, province_admin: 405, ministry: 405, erat: 405 },
    },
    post: {
      own: { ...onlyRole('applicant', 404), anonymous: 401 },
      other: { ...otherProvince, anonymous: 401 },
      body: { problem: 'x' },
    },
  },
}
