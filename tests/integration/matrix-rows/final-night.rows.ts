import { all, type Expect, national, type Row, signedInOnly } from './types.ts'

// The Final Night (issue 14). The matrix database holds no edition and no event: the
// ministry passes the organiser's guards and meets a 404 (unknown event) or a 400
// (unknown edition); ERAT reads but never organises (403 on posts). The juror's pages
// are guarded by participation in the event, not by a role: no matrix actor takes part,
// so every signed-in actor gets 404 (someone else's event does not exist for them).

const EVENT = '00000000-0000-4000-8000-000000000001'
const PITCH = '00000000-0000-4000-8000-000000000002'
const organiserOnly = (ministry: number): Expect => ({
  anonymous: 302,
  applicant: 403,
  reviewer: 403,
  province_admin: 403,
  ministry,
  erat: 403,
})
const nationalUnknownEvent: Expect = { ...national, ministry: 404, erat: 404 }
const NO_ID = '3f6b2c1e-8d4a-4e7b-9c2f-5a1d0e9b7c46'
// The finalist's matchmaking page: only the province's applicants pass the guard (then 404:
// no such application on stage); other tenants' members get 404, other roles 403.
const applicantOnly: Expect = {
  anonymous: 302,
  applicant: 404,
  reviewer: 403,
  province_admin: 403,
  ministry: 403,
  erat: 403,
}
const otherProvince: Expect = { ...applicantOnly, reviewer: 404, province_admin: 404 }

export const rows: Record<string, Row> = {
  'routes/national.final-night._index': {
    own: '/national/final-night',
    get: { own: national },
    post: {
      own: organiserOnly(400),
      body: {
        edition: '00000000-0000-4000-8000-000000000009',
        startsAt: '2026-12-20T19:00',
        venue: 'Balai Kartini',
        city: 'Jakarta',
        minutes: '7',
      },
    },
  },
  'routes/national.final-night.$event._index': {
    own: `/national/final-night/${EVENT}`,
    get: { own: nationalUnknownEvent },
    post: { own: organiserOnly(404), body: { intent: 'draw' } },
  },
  'routes/national.final-night.$event.board': {
    own: `/national/final-night/${EVENT}/board`,
    get: { own: nationalUnknownEvent },
  },
  'routes/final-night.$event._index': {
    own: `/final-night/${EVENT}`,
    get: { own: signedInOnly(404) },
  },
  'routes/final-night.$event.pitches.$pitch': {
    own: `/final-night/${EVENT}/pitches/${PITCH}`,
    get: { own: signedInOnly(404) },
    post: { own: signedInOnly(404), body: { intent: 'conflict', reason: 'advised' } },
  },
  'routes/national.final-night.$event.matchmaking': {
    own: `/national/final-night/${EVENT}/matchmaking`,
    get: { own: nationalUnknownEvent },
  },
  'routes/final-night.$event.guest': {
    own: `/final-night/${EVENT}/guest`,
    get: { own: signedInOnly(404) },
    post: { own: signedInOnly(404), body: { intent: 'interest', pitch: PITCH, kind: 'pilot' } },
  },
  'routes/p.$province.apply.$application.final-night': {
    own: `/p/kalbar/apply/${NO_ID}/final-night`,
    other: `/p/sulsel/apply/${NO_ID}/final-night`,
    get: { own: applicantOnly, other: otherProvince },
    post: {
      own: applicantOnly,
      other: otherProvince,
      body: { intent: 'decide', interest: NO_ID, decision: 'accepted' },
    },
  },
  'routes/final-night.$event.invite.$token': {
    own: `/final-night/${EVENT}/invite/not-a-valid-token`,
    get: { own: all(400) },
    post: { own: all(400), body: { name: 'Matrix Test', password: 'matrix-test-password-2026' } },
  },
}
