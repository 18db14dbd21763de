// Shared shapes for the authorization matrix (tests/integration/authorization-matrix.test.ts).
// Each area adds its routes in a file of its own here, exporting `rows`.

export type Actor = 'anonymous' | 'applicant' | 'reviewer' | 'province_admin' | 'ministry' | 'erat'
export type Expect = Record<Actor, number>
export interface Row {
  own: string
  other?: string
  get: { own: Expect; other?: Expect }
  post?: { own: Expect; other?: Expect; body: Record<string, string> }
}

export const all = (status: number): Expect => ({
  anonymous: status,
  applicant: status,
  reviewer: status,
  province_admin: status,
  ministry: status,
  erat: status,
})
export const signedInOnly = (signedIn: number): Expect => ({ ...all(signedIn), anonymous: 302 })
export const guestPage: Expect = { ...all(302), anonymous: 200 }

export const manageRead: Expect = {
  anonymous: 302,
  applicant: 403,
  reviewer: 403,
  province_admin: 200,
  ministry: 200,
  erat: 200,
}
export const manageReadOther: Expect = {
  anonymous: 302,
  applicant: 404,
  reviewer: 404,
  province_admin: 404,
  ministry: 200,
  erat: 200,
}
export const national: Expect = {
  anonymous: 302,
  applicant: 403,
  reviewer: 403,
  province_admin: 403,
  ministry: 200,
  erat: 200,
}
export const invite = { name: 'Matrix Test', email: 'matrix@example.id', opd: '00000000-0000-4000-8000-000000000000' }
