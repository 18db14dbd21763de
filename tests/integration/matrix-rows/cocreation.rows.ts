import { type Expect, manageRead, manageReadOther, type Row, readMissing, readMissingOther } from './types.ts'

// Co-creation events and the kabupaten/kota list (issue 15, docs/decisions/012).
// Events: read by the province's Bappeda and the national roles; recorded and edited by
// the province's Bappeda and by ERAT (any province), never by the ministry. The
// kabupaten/kota list: read with the agency directory (reviewers too), added to by the
// province's Bappeda and by the ministry that onboards provinces. Rows with an id use
// one that exists nowhere: whoever passes the guard gets 404.

const NO_ID = '00000000-0000-4000-8000-000000000000'

const manageEvents: Expect = {
  anonymous: 302,
  applicant: 403,
  reviewer: 403,
  province_admin: 200,
  ministry: 403,
  erat: 200,
}
const manageEventsOther: Expect = { ...manageEvents, applicant: 404, reviewer: 404, province_admin: 404 }
const at = (e: Expect, status: number): Expect => ({
  ...e,
  province_admin: e.province_admin === 200 ? status : e.province_admin,
  erat: status,
})

export const rows: Record<string, Row> = {
  'routes/p.$province.manage.regencies': {
    own: '/p/kalbar/manage/regencies',
    other: '/p/sulsel/manage/regencies',
    get: { own: { ...manageRead, reviewer: 200 }, other: manageReadOther },
    post: {
      own: { anonymous: 302, applicant: 403, reviewer: 403, province_admin: 400, ministry: 400, erat: 403 },
      other: { anonymous: 302, applicant: 404, reviewer: 404, province_admin: 404, ministry: 400, erat: 403 },
      body: { intent: 'add', code: '', name: '' },
    },
  },
  'routes/p.$province.manage.cocreation._index': {
    own: '/p/kalbar/manage/cocreation',
    other: '/p/sulsel/manage/cocreation',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.manage.cocreation.new': {
    own: '/p/kalbar/manage/cocreation/new',
    other: '/p/sulsel/manage/cocreation/new',
    get: { own: manageEvents, other: manageEventsOther },
    post: { own: at(manageEvents, 400), other: at(manageEventsOther, 400), body: { place: '' } },
  },
  'routes/p.$province.manage.cocreation.$event._index': {
    own: `/p/kalbar/manage/cocreation/${NO_ID}`,
    other: `/p/sulsel/manage/cocreation/${NO_ID}`,
    get: { own: readMissing, other: readMissingOther },
  },
  'routes/p.$province.manage.cocreation.$event.edit': {
    own: `/p/kalbar/manage/cocreation/${NO_ID}/edit`,
    other: `/p/sulsel/manage/cocreation/${NO_ID}/edit`,
    get: { own: at(manageEvents, 404), other: at(manageEventsOther, 404) },
    post: { own: at(manageEvents, 404), other: at(manageEventsOther, 404), body: { place: '' } },
  },
  'routes/p.$province.manage.cocreation.$event.minutes': {
    own: `/p/kalbar/manage/cocreation/${NO_ID}/minutes`,
    other: `/p/sulsel/manage/cocreation/${NO_ID}/minutes`,
    get: { own: readMissing, other: readMissingOther },
  },
}
