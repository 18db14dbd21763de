import { all, type Expect, type Row, signedInOnly } from './types.ts'

// The privacy pages (issue 17). The public page is open to all; self-service is for any
// signed-in account (their own data only); the officer's pages need the privacy officer
// flag, which no demo account holds, so everyone is refused there; the ministry appoints.

const NO_ID = '6d1f0c2b-3a4e-4b5c-8d7e-9f0a1b2c3d4e'
const refusedToAll: Expect = { ...all(403), anonymous: 302 }
const ministryOnly = (status: number): Expect => ({ ...refusedToAll, ministry: status })

export const rows: Record<string, Row> = {
  'routes/privacy': { own: '/privacy', get: { own: all(200) } },
  'routes/account_.data': { own: '/account/data', get: { own: signedInOnly(200) } },
  'routes/account_.data[.]json': { own: '/account/data.json', get: { own: signedInOnly(200) } },
  'routes/account_.privacy': {
    own: '/account/privacy',
    get: { own: signedInOnly(200) },
    // Giving the optional consent: every account may, for itself.
    post: { own: signedInOnly(302), body: { intent: 'consent', granted: 'yes' } },
  },
  'routes/national.privacy._index': {
    own: '/national/privacy',
    get: { own: refusedToAll },
    post: { own: refusedToAll, body: { what: 'Matrix', found_at: '2026-12-01T10:00' } },
  },
  'routes/national.privacy.requests.$request': {
    own: `/national/privacy/requests/${NO_ID}`,
    get: { own: refusedToAll },
    post: { own: refusedToAll, body: { decision: 'refused', reason: 'Matrix' } },
  },
  'routes/national.privacy.incidents.$incident': {
    own: `/national/privacy/incidents/${NO_ID}`,
    get: { own: refusedToAll },
    post: { own: refusedToAll, body: {} },
  },
  'routes/national.privacy.officers': {
    own: '/national/privacy/officers',
    get: { own: ministryOnly(200) },
    // The id is no ministry account: refused with 409.
    post: { own: ministryOnly(409), body: { user: NO_ID, appointed: 'yes' } },
  },
}
