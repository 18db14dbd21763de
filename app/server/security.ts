import { randomBytes } from 'node:crypto'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence for every state-changing request (pages and resource routes): the
 * browser's Origin — or, failing that, Referer — must be this site. A request
 * with neither is refused too; every browser sends one of them on a form POST.
 */
export function originAllowed(
  method: string,
  headers: { origin?: string; referer?: string },
  allowedOrigins: readonly string[],
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true
  const claimed = headers.origin && headers.origin !== 'null' ? headers.origin : headers.referer
  if (!claimed) return false
  try {
    return allowedOrigins.includes(new URL(claimed).origin)
  } catch {
    return false
  }
}

/** The origins this server answers as: the configured public one, else the Host it was reached by. */
export function expectedOrigins(appOrigin: string | null, host: string | undefined, protocol: string): string[] {
  if (appOrigin) return [new URL(appOrigin).origin]
  return host ? [`${protocol}://${host}`] : []
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
