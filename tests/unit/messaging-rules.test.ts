import { describe, expect, it } from 'vitest'
import {
  advances,
  backoffMs,
  DAY_MS,
  HOUR_MS,
  nextSlot,
  parseInbound,
  RATE_PER_DAY,
  RATE_PER_HOUR,
} from '#app/modules/messaging/messaging-rules.ts'
import { maskPhone, normalisePhone } from '#app/modules/messaging/phone.ts'
import { signatureValid, signPayload } from '#app/modules/messaging/signature.ts'

describe('phone numbers', () => {
  it('normalises the ways Indonesians write a mobile number to E.164', () => {
    expect(normalisePhone('0812-3456-7890')).toBe('+6281234567890')
    expect(normalisePhone('+62 812 3456 7890')).toBe('+6281234567890')
    expect(normalisePhone('6281234567890')).toBe('+6281234567890')
    expect(normalisePhone('(0812) 3456.7890')).toBe('+6281234567890')
    expect(normalisePhone('+44 7700 900123')).toBe('+447700900123')
  })
  it('refuses what cannot be a mobile number', () => {
    for (const bad of ['', 'abc', '0812', '021-555-1234', '+62 21 555 1234', '0812345678901234', '+0812']) {
      expect(normalisePhone(bad), bad).toBeNull()
    }
  })
  it('masks all but the country code and the last three digits', () => {
    expect(maskPhone('+6281234567890')).toBe('+62••••••••890')
    expect(maskPhone('+6281234567890')).not.toContain('1234567')
  })
})

describe('rate limits and retries', () => {
  const now = new Date('2026-12-06T10:00:00Z')
  const ago = (ms: number) => new Date(now.getTime() - ms)
  it('lets a message go at once under both limits', () => {
    expect(nextSlot([], now)).toEqual(now)
    expect(
      nextSlot(
        Array.from({ length: RATE_PER_HOUR - 1 }, (_, i) => ago(i * 60_000)),
        now,
      ),
    ).toEqual(now)
  })
  it('waits until the oldest send of a full hour leaves the window', () => {
    const sent = Array.from({ length: RATE_PER_HOUR }, (_, i) => ago((i + 1) * 5 * 60_000))
    expect(nextSlot(sent, now)).toEqual(new Date(ago(RATE_PER_HOUR * 5 * 60_000).getTime() + HOUR_MS))
  })
  it('waits for the day window too', () => {
    const sent = Array.from({ length: RATE_PER_DAY }, (_, i) => ago(HOUR_MS + (i + 1) * 30 * 60_000))
    const oldest = ago(HOUR_MS + RATE_PER_DAY * 30 * 60_000)
    expect(nextSlot(sent, now)).toEqual(new Date(oldest.getTime() + DAY_MS))
  })
  it('backs off from 30 s, doubling, to at most an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000])
    expect(backoffMs(20)).toBe(HOUR_MS)
  })
  it('moves delivery states only forward', () => {
    expect(advances('sent', 'delivered')).toBe(true)
    expect(advances('queued', 'sent')).toBe(true)
    expect(advances('delivered', 'sent')).toBe(false)
    expect(advances('failed', 'delivered')).toBe(false)
  })
})

describe('inbound words', () => {
  it('reads STOP, STATUS and STATUS <receipt>, whatever the case', () => {
    expect(parseInbound(' stop ')).toEqual({ kind: 'stop' })
    expect(parseInbound('Berhenti')).toEqual({ kind: 'stop' })
    expect(parseInbound('status')).toEqual({ kind: 'status', receipt: null })
    expect(parseInbound('STATUS wnr-2026-kalbar-0042')).toEqual({ kind: 'status', receipt: 'WNR-2026-KALBAR-0042' })
    expect(parseInbound("STATUS '; drop table")).toEqual({ kind: 'status', receipt: '' })
  })
  it('takes anything else as a question for the help desk', () => {
    expect(parseInbound('stop sending me the deadline please')).toEqual({ kind: 'other' })
    expect(parseInbound('halo')).toEqual({ kind: 'other' })
    expect(parseInbound('')).toEqual({ kind: 'other' })
  })
})

describe('callback signatures', () => {
  const secret = 'a-shared-secret-of-at-least-32-chars!'
  const now = new Date('2026-12-06T10:00:00Z')
  const ts = String(now.getTime() / 1000)
  const nonce = '0123456789abcdef0123'
  const body = '{"id":"m1","status":"delivered"}'
  const headers = { signature: signPayload(secret, ts, nonce, body), timestamp: ts, nonce }
  it('accepts a fresh, correctly signed body', () => {
    expect(signatureValid(secret, headers, body, now)).toBe(true)
  })
  it('refuses another key, another body, a stale timestamp, missing headers or no secret', () => {
    expect(signatureValid('another-secret-of-at-least-32-chars!!', headers, body, now)).toBe(false)
    expect(signatureValid(secret, headers, body.replace('delivered', 'failed'), now)).toBe(false)
    expect(signatureValid(secret, headers, body, new Date(now.getTime() + 301_000))).toBe(false)
    expect(signatureValid(secret, { ...headers, nonce: null }, body, now)).toBe(false)
    expect(signatureValid(secret, { ...headers, nonce: 'x'.repeat(20) }, body, now)).toBe(false)
    expect(signatureValid(null, headers, body, now)).toBe(false)
  })
})
