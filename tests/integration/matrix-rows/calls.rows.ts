import {
  manageRead,
  manageReadOther,
  onlyRole,
  otherProvince,
  type Row,
  readMissing,
  readMissingOther,
} from './types.ts'

// Calls for applications and the opening checklist. Reading is open to the province's
// admins and the national roles; changing only to the province's admins. Rows with an
// id in the URL use an id that exists nowhere: whoever passes the guard gets 404.

const NO_ID = '00000000-0000-4000-8000-000000000000'

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.calls._index': {
    own: '/p/kalbar/manage/calls',
    other: '/p/sulsel/manage/calls',
    get: { own: manageRead, other: manageReadOther },
    post: {
      own: onlyRole('province_admin', 400),
      other: otherProvince,
      body: { intent: 'create', opens_at: '', closes_at: '' },
    },
  },
  'routes/p.$province.manage.calls.$call': {
    own: `/p/kalbar/manage/calls/${NO_ID}`,
    other: `/p/sulsel/manage/calls/${NO_ID}`,
    get: { own: readMissing, other: readMissingOther },
    post: { own: onlyRole('province_admin', 404), other: otherProvince, body: { intent: 'publish' } },
  },
  'routes/p.$province.manage.checklist': {
    own: '/p/kalbar/manage/checklist',
    other: '/p/sulsel/manage/checklist',
    get: { own: manageRead, other: manageReadOther },
  },
}
