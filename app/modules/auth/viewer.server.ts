import { type AppLoadContext, redirect } from '@remix-run/node'
import { findParticipantLanding } from '#app/modules/final-night/jury.server.ts'
import { type AppAbility, defineAbilityFor } from '#app/modules/permissions/abilities.ts'
import type { DB } from '#db/client.ts'
import type { MembershipView, RequestMeta } from './accounts.server.ts'
import type { SessionMembershipRow } from './session-adapter.server.ts'
import { type AuthSession, type AuthUser, readSessionWithMemberships } from './sessions.server.ts'

/** The signed-in person behind a request, with what they may do. */
export interface Viewer {
  user: AuthUser
  session: AuthSession
  memberships: MembershipView[]
  ability: AppAbility
}

// One viewer per request: the root loader, the page's loader and their guards all ask.
// Remix gives each loader its own copy of the Request but all of them the same load
// context (one per HTTP request, app/server/server.ts), so that is the key. Only reads are
// remembered: an action may change the viewer (name, roles, sign-out), and the loaders
// that follow it in the same request must see the change.
const viewers = new WeakMap<AppLoadContext, Promise<Viewer | null>>()

/** Reads the session cookie (once per request); null for visitors who are not signed in. */
export function getViewer(request: Request, context: AppLoadContext): Promise<Viewer | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return readViewer(request, context)
  let viewer = viewers.get(context)
  if (!viewer) {
    viewer = readViewer(request, context)
    viewers.set(context, viewer)
    // A failure (database away) is not remembered: the next caller may try again.
    viewer.catch(() => viewers.delete(context))
  }
  return viewer
}

async function readViewer(request: Request, context: AppLoadContext): Promise<Viewer | null> {
  const {
    user,
    session,
    memberships: rows,
  } = await readSessionWithMemberships(context.db, context.secureCookies ?? false, request.headers.get('Cookie'))
  if (!user || !session) return null
  const memberships = membershipViews(rows)
  return { user, session, memberships, ability: abilityFor(user.id, memberships) }
}

/** Memberships in deactivated provinces grant nothing (as `loadMemberships`). */
function membershipViews(rows: SessionMembershipRow[]): MembershipView[] {
  return rows
    .filter((r) => r.province_id === null || r.province_active === true)
    .map((r) => ({
      id: r.id,
      role: r.role,
      provinceId: r.province_id,
      provinceSlug: r.province_slug,
      provinceName: r.province_name,
      opdId: r.opd_id,
    }))
}

// CASL abilities are built once per distinct (user, memberships) and shared: nothing here
// mutates an ability after it is built. Bounded; the oldest entry goes first.
const ABILITY_CACHE_SIZE = 1000
const abilities = new Map<string, AppAbility>()

/** The ability of a user with these memberships, from the cache when already built. */
export function abilityFor(userId: string, memberships: MembershipView[]): AppAbility {
  const key = `${userId}|${memberships.map((m) => `${m.role}:${m.provinceId ?? ''}:${m.opdId ?? ''}`).join(',')}`
  let ability = abilities.get(key)
  if (!ability) {
    ability = defineAbilityFor({
      userId,
      memberships: memberships.map((m) => ({ role: m.role, provinceId: m.provinceId, opdId: m.opdId })),
    })
    if (abilities.size >= ABILITY_CACHE_SIZE) abilities.delete(abilities.keys().next().value as string)
    abilities.set(key, ability)
  }
  return ability
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
