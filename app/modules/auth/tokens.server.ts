import { createHash, randomBytes } from 'node:crypto'

/** A fresh unguessable token (256 bits, base64url) for cookies and one-time links. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/** SHA-256 (hex) of a token: what is stored, so a database leak yields no usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
