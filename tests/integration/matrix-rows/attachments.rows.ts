import { onlyRole, otherProvince, type Row, readMissing, readMissingOther } from './types.ts'

// Attachments (issue 6): the applicant's attachments page and download, and the manage
// side download. Ids exist nowhere, so whoever passes the guard gets 404; other
// tenants' members get 404 and roles without the right 403.

const NO_APP = '7c1e9a44-2b6d-4f3e-8a5c-0d9b1e2f3a47'
const NO_FILE = 'a2d4f6b8-1c3e-4a5b-9d7f-6e8c0b2a4d61'

export const rows: Record<string, Row> = {
  'routes/p.$province.apply.$application.attachments': {
    own: `/p/kalbar/apply/${NO_APP}/attachments`,
    other: `/p/sulsel/apply/${NO_APP}/attachments`,
    get: { own: onlyRole('applicant', 404), other: otherProvince },
    post: { own: onlyRole('applicant', 404), other: otherProvince, body: { intent: 'remove', file: NO_FILE } },
  },
  'routes/p.$province.apply.$application.files.$file': {
    own: `/p/kalbar/apply/${NO_APP}/files/${NO_FILE}`,
    other: `/p/sulsel/apply/${NO_APP}/files/${NO_FILE}`,
    get: { own: onlyRole('applicant', 404), other: otherProvince },
  },
  'routes/p.$province.manage.applications.$application.files.$file': {
    own: `/p/kalbar/manage/applications/${NO_APP}/files/${NO_FILE}`,
    other: `/p/sulsel/manage/applications/${NO_APP}/files/${NO_FILE}`,
    get: { own: readMissing, other: readMissingOther },
  },
}
