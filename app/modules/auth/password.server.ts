import { hash, verify } from '@node-rs/argon2'
import { commonPasswords } from './common-passwords.ts'

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. The async API runs on
// libuv's thread pool, off the event loop.
// algorithm 2 is Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import).
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): 'tooShort' | 'tooLong' | 'common' | null {
  if (password.length < PASSWORD_MIN) return 'tooShort'
  if (password.length > PASSWORD_MAX) return 'tooLong'
  const lower = password.toLowerCase()
  if (commonPasswords.has(lower)) return 'common'
  if (email && lower === email.toLowerCase()) return 'common'
  return null
}

/** argon2id hash in PHC string form. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2)
}

/** Constant-time check of a password against its stored hash; false on a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password)
  } catch {
    return false
  }
}

// Verified against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing')
  return dummyHash
}
