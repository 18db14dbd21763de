import { manageRead, manageReadOther, national, onlyRole, otherProvince, type Row } from './types.ts'

// The inclusion figures (issue 16): a province's for its Bappeda and national roles,
// the national ones for ministry and ERAT; the self-declaration for the province's applicants.

export const rows: Record<string, Row> = {
  'routes/national.inclusion': { own: '/national/inclusion', get: { own: national } },
  'routes/national.inclusion[.]csv': { own: '/national/inclusion.csv', get: { own: national } },
  'routes/national.inclusion[.]xlsx': { own: '/national/inclusion.xlsx', get: { own: national } },
  'routes/p.$province.manage.inclusion': {
    own: '/p/kalbar/manage/inclusion',
    other: '/p/sulsel/manage/inclusion',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.manage.inclusion[.]csv': {
    own: '/p/kalbar/manage/inclusion.csv',
    other: '/p/sulsel/manage/inclusion.csv',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.manage.inclusion[.]xlsx': {
    own: '/p/kalbar/manage/inclusion.xlsx',
    other: '/p/sulsel/manage/inclusion.xlsx',
    get: { own: manageRead, other: manageReadOther },
  },
  'routes/p.$province.apply.inclusion': {
    own: '/p/kalbar/apply/inclusion',
    other: '/p/sulsel/apply/inclusion',
    get: { own: onlyRole('applicant', 200), other: otherProvince },
    // Consent missing: 400 with the field's message, nothing stored.
    post: { own: onlyRole('applicant', 400), other: otherProvince, body: { intent: 'declare' } },
  },
}
