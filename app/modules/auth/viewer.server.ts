import { type AppLoadContext, redirect } from '@remix-run/node'
import { findParticipantLanding } from '#app/modules/final-night/jury.server.ts'
import { type AppAbility, defineAbilityFor } from '#app/modules/permissions/abilities.ts'
import type { DB } from '#db/client.ts'
import { loadMemberships, type MembershipView, type RequestMeta } from './accounts.server.ts'
import { type AuthSession, type AuthUser, readSession } from './sessions.server.ts'

/** The signed-in person behind a request, with what they may do. */
export interface Viewer {
  user: AuthUser
  session: AuthSession
  memberships: MembershipView[]
  ability: AppAbility
}

/** Reads the session cookie; null for visitors who are not signed in. */
export async function getViewer(request: Request, context: AppLoadContext): Promise<Viewer | null> {
  const { user, session } = await readSession(context.db, context.secureCookies ?? false, request.headers.get('Cookie'))
  if (!user || !session) return null
  const memberships = await loadMemberships(context.db, user.id)
  const ability = defineAbilityFor({
    userId: user.id,
    memberships: memberships.map((m) => ({ role: m.role, provinceId: m.provinceId, opdId: m.opdId })),
  })
  return { user, session, memberships, ability }
}

/** The viewer, or a redirect to sign in that brings them back here afterwards. */
export async function requireViewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  const viewer = await getViewer(request, context)
  if (viewer) return viewer
  const url = new URL(request.url)
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
}

/**
 * Where a user lands after signing in: the workspace of their most senior role; a
 * Final Night juror or guest with no role (they hold no membership) lands on their event.
 */
export function landingPath(memberships: MembershipView[], participantLanding: string | null = null): string {
  const order = ['ministry', 'erat', 'province_admin', 'mentor', 'reviewer', 'applicant'] as const
  for (const role of order) {
    const m = memberships.find((x) => x.role === role)
    if (!m) continue
    if (role === 'ministry' || role === 'erat') return '/national'
    if (role === 'province_admin') return `/p/${m.provinceSlug}/manage`
    // A mentor's workspace is their cohort, reached from the province's mentoring page.
    if (role === 'mentor') return `/p/${m.provinceSlug}/mentoring`
    if (role === 'reviewer') return `/p/${m.provinceSlug}/review`
    return `/p/${m.provinceSlug}/apply`
  }
  return participantLanding ?? '/account'
}

/** The landing page after signing in, looking up a Final Night participation only for users without a role. */
export async function landingFor(db: DB, userId: string, memberships: MembershipView[]): Promise<string> {
  if (memberships.length > 0) return landingPath(memberships)
  return landingPath(memberships, await findParticipantLanding(db, userId))
}

/** The facts about a request that workflows record (IP, origin for mail links, time). */
export function requestMeta(_request: Request, context: AppLoadContext): RequestMeta {
  return { ip: context.clientIp ?? null, origin: context.origin, now: context.now() }
}
