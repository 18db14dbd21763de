import { hashPassword } from '#app/modules/auth/password.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'

// Accounts written as the owner: a verified user and, for applicants and reviewers, a
// membership of one province through the same tenant scope the app uses.

export interface UserSpec {
  email: string
  name: string
  phone?: string | null
  locale?: 'id' | 'en'
  /** Only tests that sign in through /login need it; DEMO_PASSWORD by default. */
  password?: string
}

// argon2 is slow on purpose: one hash per password serves every fixture of a test file.
const hashes = new Map<string, Promise<string>>()
function hashOnce(password: string): Promise<string> {
  let hashed = hashes.get(password)
  if (!hashed) {
    hashed = hashPassword(password)
    hashes.set(password, hashed)
  }
  return hashed
}

/** A verified, active user with no membership. */
export async function createUser(owner: DB, spec: UserSpec): Promise<string> {
  const user = await owner
    .insertInto('users')
    .values({
      email: spec.email,
      name: spec.name,
      phone: spec.phone ?? null,
      password_hash: await hashOnce(spec.password ?? DEMO_PASSWORD),
      email_verified_at: new Date(),
      locale: spec.locale ?? 'id',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return user.id
}

async function addMembership(
  owner: DB,
  userId: string,
  role: 'applicant' | 'reviewer',
  provinceId: string,
  opdId: string | null,
): Promise<void> {
  await withTenant(owner, { provinceId }, (trx) =>
    trx.insertInto('memberships').values({ user_id: userId, role, province_id: provinceId, opd_id: opdId }).execute(),
  )
}

/** A user with an applicant membership of the province. */
export async function createApplicant(owner: DB, provinceId: string, spec: UserSpec): Promise<string> {
  const id = await createUser(owner, spec)
  await addMembership(owner, id, 'applicant', provinceId, null)
  return id
}

/** A user with a reviewer membership of the province, in an OPD (or none). */
export async function createReviewer(
  owner: DB,
  provinceId: string,
  spec: UserSpec & { opdId: string | null },
): Promise<string> {
  const id = await createUser(owner, spec)
  await addMembership(owner, id, 'reviewer', provinceId, spec.opdId)
  return id
}

/** A user's id by e-mail (the demo accounts'). */
export async function userIdOf(owner: DB, email: string): Promise<string> {
  const user = await owner.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  return user.id
}
