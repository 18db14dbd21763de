import { type Expect, manageRead, manageReadOther, national, type Row } from './types.ts'

// MoUs of co-creation (issue 15). Bappeda, ministry and ERAT read the province's MoUs;
// reviewers and applicants get 403, other tenants' members 404. Only Bappeda changes
// them: a new MoU naming an application that is no finalist is refused (409), a MoU id
// that exists nowhere is 404; ministry and ERAT change nothing (403). The venture's
// page answers an applicant 404 for an application that is not their finalist one.

const NO_ID = '5b1d7c9e-2a4f-4c3b-8e6d-0f9a1b2c3d4e'

const passedThenMissing: Expect = { ...manageRead, province_admin: 404, ministry: 404, erat: 404 }
const otherMissing: Expect = { ...manageReadOther, ministry: 404, erat: 404 }
const changeOwn = (bappeda: number): Expect => ({
  anonymous: 302,
  applicant: 403,
  reviewer: 403,
  province_admin: bappeda,
  ministry: 403,
  erat: 403,
})
const changeOther: Expect = {
  anonymous: 302,
  applicant: 404,
  reviewer: 404,
  province_admin: 404,
  ministry: 403,
  erat: 403,
}
const ownApplicant: Expect = {
  anonymous: 302,
  applicant: 404,
  reviewer: 403,
  province_admin: 403,
  ministry: 403,
  erat: 403,
}
const otherApplicant: Expect = {
  anonymous: 302,
  applicant: 404,
  reviewer: 404,
  province_admin: 404,
  ministry: 403,
  erat: 403,
}

export const rows: Record<string, Row> = {
  'routes/national.mous._index': { own: '/national/mous', get: { own: national } },
  'routes/p.$province.manage.mous._index': {
    own: '/p/kalbar/manage/mous',
    other: '/p/sulsel/manage/mous',
    get: { own: manageRead, other: manageReadOther },
    post: {
      own: changeOwn(409),
      other: changeOther,
      body: {
        intent: 'create',
        application: NO_ID,
        agencies: NO_ID,
        title: 'Matriks',
        scope: 'Matriks',
        starts_on: '2026-01-05',
      },
    },
  },
  'routes/p.$province.manage.mous.$mou._index': {
    own: `/p/kalbar/manage/mous/${NO_ID}`,
    other: `/p/sulsel/manage/mous/${NO_ID}`,
    get: { own: passedThenMissing, other: otherMissing },
    post: { own: changeOwn(404), other: changeOther, body: { intent: 'transition', to: 'negotiate' } },
  },
  'routes/p.$province.manage.mous.$mou.document': {
    own: `/p/kalbar/manage/mous/${NO_ID}/document`,
    other: `/p/sulsel/manage/mous/${NO_ID}/document`,
    get: { own: passedThenMissing, other: otherMissing },
  },
  'routes/p.$province.apply.$application.mous': {
    own: `/p/kalbar/apply/${NO_ID}/mous`,
    other: `/p/sulsel/apply/${NO_ID}/mous`,
    get: { own: ownApplicant, other: otherApplicant },
    post: {
      own: ownApplicant,
      other: otherApplicant,
      body: { intent: 'report', mou: NO_ID, quarter: '1', body: 'Matriks' },
    },
  },
  'routes/p.$province.apply.$application.mous.$mou.document': {
    own: `/p/kalbar/apply/${NO_ID}/mous/${NO_ID}/document`,
    other: `/p/sulsel/apply/${NO_ID}/mous/${NO_ID}/document`,
    get: { own: ownApplicant, other: otherApplicant },
  },
}
