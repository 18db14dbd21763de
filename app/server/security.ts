import { randomBytes } from 'node:crypto'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence for every state-changing request (pages and resource routes): the
 * browser's Origin — or, failing that, Referer — must be one of the configured
 * origins (never derived from the Host header, which the client chooses). A request
 * with neither is refused too; every browser sends one of them on a form POST.
 * `Origin: null` (sandboxed frames, data: pages, cross-site redirects) is never this
 * site. An Origin must also name the host the request was sent to (X-Forwarded-Host,
 * else Host): Remix aborts such actions with a 500, so they are refused here first.
 */
export function originAllowed(
  method: string,
  headers: { origin?: string; referer?: string; host?: string; forwardedHost?: string },
  allowedOrigins: readonly string[],
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true
  if (headers.origin === 'null') return false
  const claimed = headers.origin || headers.referer
  if (!claimed) return false
  try {
    const url = new URL(claimed)
    if (!allowedOrigins.includes(url.origin)) return false
    const addressedTo = headers.forwardedHost?.split(',')[0]?.trim() || headers.host
    return !headers.origin || url.host === addressedTo
  } catch {
    return false
  }
}

export const newNonce = () => randomBytes(16).toString('base64')

/** Headers for every response. Pages without scripts (the cached portal) pass no nonce. */
export function securityHeaders(nonce: string | null, production: boolean, dev = false): Record<string, string> {
  const scriptSrc = nonce ? `'self' 'nonce-${nonce}'` : `'self'`
  const csp = [
    `default-src 'self'`,
    `script-src ${scriptSrc}`,
    `style-src 'self'${dev ? ` 'unsafe-inline'` : ''}`,
    `img-src 'self' data:`,
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    `font-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ')
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(production ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}
