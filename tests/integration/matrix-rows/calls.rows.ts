import { type Expect, manageRead, manageReadOther, type Row } from './types.ts'

// Calls for applications and the opening checklist. Reading is open to the province's
// admins and the national roles; changing only to the province's admins. Rows with an
// id in the URL use an id that exists nowhere: whoever passes the guard gets 404.

const NO_ID = '00000000-0000-4000-8000-000000000000'

/** Bappeda of the own province may post; the body is invalid or the id unknown, so nothing changes. */
const manageWrite = (adminStatus: number): Expect => ({
  anonymous: 302,
  applicant: 403,
  reviewer: 403,
  province_admin: adminStatus,
  ministry: 403,
  erat: 403,
})
const manageWriteOther: Expect = {
  anonymous: 302,
  applicant: 404,
  reviewer: 404,
  province_admin: 404,
  ministry: 403,
  erat: 403,
}
const readMissing: Expect = { ...manageRead, province_admin: 404, ministry: 404, erat: 404 }
const readMissingOther: Expect = { ...manageReadOther, ministry: 404, erat: 404 }

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.calls._index': {
    own: '/p/kalbar/manage/calls',
    other: '/p/sulsel/manage/calls',
    get: { own: manageRead, other: manageReadOther },
    post: { own: manageWrite(400), other: manageWriteOther, body: { intent: 'create', opens_at: '', closes_at: '' } },
  },
  'routes/p.$province.manage.calls.$call': {
    own: `/p/kalbar/manage/calls/${NO_ID}`,
    other: `/p/sulsel/manage/calls/${NO_ID}`,
    get: { own: readMissing, other: readMissingOther },
    post: { own: manageWrite(404), other: manageWriteOther, body: { intent: 'publish' } },
  },
  'routes/p.$province.manage.checklist': {
    own: '/p/kalbar/manage/checklist',
    other: '/p/sulsel/manage/checklist',
    get: { own: manageRead, other: manageReadOther },
  },
}
