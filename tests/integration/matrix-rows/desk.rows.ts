import { onlyRole, otherProvince, type Row } from './types.ts'

// The reviewer's side of issue 7: one application and its attachment downloads. The
// ids exist nowhere, so a reviewer who passes the guard gets 404 (not assigned to
// them); other roles get 403 (ERAT's `cannot score` included) and other tenants 404.
// The queue itself keeps its row in authorization-matrix.test.ts.

const NO_APP = '5b2f8c1e-7d3a-4e6b-9c0d-1a2b3c4d5e6f'
const NO_FILE = 'c3d5e7f9-2a4b-4c6d-8e0f-1a3b5c7d9e2f'

export const rows: Record<string, Row> = {
  'routes/p.$province.review.$application._index': {
    own: `/p/kalbar/review/${NO_APP}`,
    other: `/p/sulsel/review/${NO_APP}`,
    get: { own: onlyRole('reviewer', 404), other: otherProvince },
    post: {
      own: onlyRole('reviewer', 404),
      other: otherProvince,
      body: { application: NO_APP, intent: 'declare', conflict: 'none' },
    },
  },
  'routes/p.$province.review.$application.files.$file': {
    own: `/p/kalbar/review/${NO_APP}/files/${NO_FILE}`,
    other: `/p/sulsel/review/${NO_APP}/files/${NO_FILE}`,
    get: { own: onlyRole('reviewer', 404), other: otherProvince },
  },
}
