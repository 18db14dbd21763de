import { onlyRole, otherProvince, type Row } from './types.ts'

// The submission pages (issue 6): review and submit, receipt, withdrawal. Only the
// province's applicants pass the guard; other tenants' members get 404 and other
// roles 403. The application id exists nowhere, so whoever passes the guard gets 404.

const NO_ID = '3f6b2c1e-8d4a-4e7b-9c2f-5a1d0e9b7c46'

export const rows: Record<string, Row> = {
  'routes/p.$province.apply.$application.submit': {
    own: `/p/kalbar/apply/${NO_ID}/submit`,
    other: `/p/sulsel/apply/${NO_ID}/submit`,
    get: { own: onlyRole('applicant', 404), other: otherProvince },
    post: {
      own: onlyRole('applicant', 404),
      other: otherProvince,
      body: { consent: 'on', consent_version: '1', application: NO_ID },
    },
  },
  'routes/p.$province.apply.$application.receipt': {
    own: `/p/kalbar/apply/${NO_ID}/receipt`,
    other: `/p/sulsel/apply/${NO_ID}/receipt`,
    get: { own: onlyRole('applicant', 404), other: otherProvince },
  },
  'routes/p.$province.apply.$application.withdraw': {
    own: `/p/kalbar/apply/${NO_ID}/withdraw`,
    other: `/p/sulsel/apply/${NO_ID}/withdraw`,
    get: { own: onlyRole('applicant', 404), other: otherProvince },
    post: { own: onlyRole('applicant', 404), other: otherProvince, body: { reason: 'Matrix', application: NO_ID } },
  },
}
