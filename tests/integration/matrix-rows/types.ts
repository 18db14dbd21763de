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
/** A province's page or form for one role: that role gets `status`, every other signed-in role 403. */
export const onlyRole = (role: Exclude<Actor, 'anonymous'>, status: number): Expect => ({
  ...all(403),
  anonymous: 302,
  [role]: status,
})
/** The same page in another province: its members get 404 (it does not exist for them), national roles 403. */
export const otherProvince: Expect = { ...all(404), anonymous: 302, ministry: 403, erat: 403 }
/** A page behind the read guard whose id exists nowhere: whoever passes the guard gets 404. */
export const readMissing: Expect = { ...manageRead, province_admin: 404, ministry: 404, erat: 404 }
export const readMissingOther: Expect = { ...manageReadOther, ministry: 404, erat: 404 }
export const invite = { name: 'Matrix Test', email: 'matrix@example.id', opd: '00000000-0000-4000-8000-000000000000' }
