import { createHmac, timingSafeEqual } from 'node:crypto'
import { REPLAY_WINDOW_S } from './messaging-rules.ts'

// Provider callbacks are signed: HMAC-SHA256 over "<timestamp>.<nonce>.<raw body>" with
// the shared MESSAGING_WEBHOOK_SECRET, sent as `X-Winner-Signature: sha256=<hex>` next to
// `X-Winner-Timestamp` (Unix seconds) and `X-Winner-Nonce`. The nonce is remembered for
// the replay window (webhooks.server.ts), so a captured callback cannot be sent again.

export const SIGNATURE_HEADER = 'x-winner-signature'
export const TIMESTAMP_HEADER = 'x-winner-timestamp'
export const NONCE_HEADER = 'x-winner-nonce'

export function signPayload(secret: string, timestamp: string, nonce: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${nonce}.${body}`).digest('hex')}`
}

export interface SignedHeaders {
  signature: string | null
  timestamp: string | null
  nonce: string | null
}

/**
 * Whether a callback is genuine and fresh: a well-formed timestamp within the window
 * of `now`, a plausible nonce and a signature equal (in constant time) to ours. The
 * nonce's single use is checked separately, against the database.
 */
export function signatureValid(secret: string | null, h: SignedHeaders, body: string, now: Date): boolean {
  if (!secret || !h.signature || !h.timestamp || !h.nonce) return false
  if (!/^\d{1,12}$/.test(h.timestamp) || !/^[A-Za-z0-9_-]{16,128}$/.test(h.nonce)) return false
  if (Math.abs(now.getTime() / 1000 - Number(h.timestamp)) > REPLAY_WINDOW_S) return false
  const expected = Buffer.from(signPayload(secret, h.timestamp, h.nonce, body))
  const given = Buffer.from(h.signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
