import { cookieValue } from '#app/i18n/detect.ts'
import { SESSION_COOKIE } from '#app/modules/auth/sessions.server.ts'

// Dynamic responses must never land in a shared or back-button cache: a signed-in page
// carries names, scores and tokens. The public page cache (portal-cache.ts) and the
// immutable /assets set their own headers and never come through here.

const PRIVATE = 'private, no-store'

/** Whether a request carries a session cookie (plain on http://localhost, `__Host-` over HTTPS). */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return (
    cookieValue(cookieHeader, SESSION_COOKIE) !== undefined ||
    cookieValue(cookieHeader, `__Host-${SESSION_COOKIE}`) !== undefined
  )
}

/**
 * The Cache-Control of a dynamic response. Signed in: `private, no-store`, unless the route
 * declared the response `public` (the same bytes for everyone, like a province logo).
 * Anonymous: what the route declared, else `private, no-store`.
 */
export function cacheControlFor(cookieHeader: string | undefined, declared: string | null): string {
  if (declared && /\bpublic\b/i.test(declared)) return declared
  if (hasSessionCookie(cookieHeader)) return PRIVATE
  return declared ?? PRIVATE
}
