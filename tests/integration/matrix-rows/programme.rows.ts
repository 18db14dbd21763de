import { all, national, onlyRole, type Row } from './types.ts'

// The ministry's programme configuration (editions, phases, milestones, national
// issues, provinces). Ministry and ERAT read; only the ministry writes (ERAT 403).
// Bodies are invalid, so a ministry POST answers 400 and changes nothing.

export const rows: Record<string, Row> = {
  'routes/national.editions._index': {
    own: '/national/editions',
    get: { own: national },
    post: { own: onlyRole('ministry', 400), body: { slug: '', name: '' } },
  },
  'routes/national.editions.$edition': {
    own: '/national/editions/2023',
    get: { own: national },
    post: { own: onlyRole('ministry', 400), body: { intent: 'addPhase', number: '' } },
  },
  'routes/national.issues._index': {
    own: '/national/issues',
    get: { own: national },
    post: { own: onlyRole('ministry', 400), body: { code: '', name_id: '' } },
  },
  'routes/national.issues.$issue': {
    own: '/national/issues/poverty',
    get: { own: national },
    post: { own: onlyRole('ministry', 400), body: { intent: 'save', name_id: '' } },
  },
  'routes/national.provinces._index': {
    own: '/national/provinces',
    get: { own: national },
    post: { own: onlyRole('ministry', 400), body: { slug: '', name: '' } },
  },
  'routes/national.provinces.$province': {
    own: '/national/provinces/kalbar',
    other: '/national/provinces/sulsel',
    get: { own: national, other: national },
    post: { own: onlyRole('ministry', 400), other: onlyRole('ministry', 400), body: { intent: 'save', name: '' } },
  },
  // Public like the portal; the seeded provinces have no logo yet.
  'routes/p.$province.logo': {
    own: '/p/kalbar/logo',
    other: '/p/sulsel/logo',
    get: { own: all(404), other: all(404) },
  },
}
