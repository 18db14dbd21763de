import type { Submission } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { detectLanguage } from '#app/i18n/detect.ts'
import { forbidden, notFound } from '#app/modules/errors/errors.ts'
import { findActiveProvinceBySlug } from '#app/modules/tenancy/province.queries.server.ts'
import type { DB } from '#db/client.ts'
import { loadMemberships, type RequestMeta } from './accounts.server.ts'
import { newInviteeSchema } from './auth.schema.ts'
import type { Invitee } from './invitee.server.ts'
import { startSession } from './sessions.server.ts'
import { getViewer, landingPath, requestMeta } from './viewer.server.ts'

// The flow every invitation link's page shares (a province role, a mentor's place, a
// Final Night seat); what accepting grants is the caller's `accept`.

export type InvitationState = 'invalid' | 'new' | 'accept' | 'otherAccount' | 'signIn'

/** What the page offers: a new address creates its account; an existing one accepts signed in as itself. */
export function invitationState(
  invitation: { existingUserId: string | null } | null,
  viewerId: string | undefined,
): InvitationState {
  if (!invitation) return 'invalid'
  if (invitation.existingUserId === null) return 'new'
  if (viewerId === invitation.existingUserId) return 'accept'
  return viewerId ? 'otherAccount' : 'signIn'
}

/**
 * Accepts from the page's post: as the signed-in invitee (anyone else is refused, 403),
 * or as a new account from the form, in the language the page was read in. A refused
 * form comes back as its submission; else the user id, null when the link no longer holds.
 */
export async function acceptPosted(
  request: Request,
  invitation: { existingUserId: string | null },
  viewerId: string | undefined,
  accept: (who: Invitee) => Promise<string | null>,
): Promise<{ userId: string | null } | { refused: Submission<{ name: string; password: string }> }> {
  if (invitation.existingUserId) {
    if (viewerId !== invitation.existingUserId) throw forbidden()
    return { userId: await accept({ userId: viewerId }) }
  }
  const submission = parseWithZod(await request.formData(), { schema: newInviteeSchema })
  if (submission.status !== 'success') return { refused: submission }
  const { language } = detectLanguage(new URL(request.url), {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  const { name, password } = submission.value
  return { userId: await accept({ name, password, locale: language }) }
}

/** How a province's kind of invitation (a role, a mentor's place) is found by its link's token. */
type FindInvitation<I> = (db: DB, provinceId: string, token: string, now: Date) => Promise<I | null>

/** A province's invitation link (a role, a mentor's place): the province (404 when not active), the invitation, the viewer. */
export async function loadProvinceInvitation<I extends { existingUserId: string | null }>(
  { request, context, params }: LoaderFunctionArgs,
  find: FindInvitation<I>,
) {
  const province = await findActiveProvinceBySlug(context.db, params.province ?? '')
  if (!province) throw notFound()
  const token = params.token ?? ''
  const invitation = token.length <= 200 ? await find(context.db, province.id, token, context.now()) : null
  const viewer = await getViewer(request, context)
  return { province, token, invitation, viewer, state: invitationState(invitation, viewer?.user.id) }
}

/**
 * The loader of a province's invitation page: the province, what the page shows of the
 * invitation (`shown`; null with a 400 when the link does not hold), who is signed in,
 * and the page's state.
 */
export async function provinceInvitationLoader<I extends { existingUserId: string | null }, S>(
  args: LoaderFunctionArgs,
  find: FindInvitation<I>,
  shown: (invitation: I) => S,
) {
  const { province, invitation, viewer, state } = await loadProvinceInvitation(args, find)
  return data(
    {
      province: { slug: province.slug, name: province.name },
      invitation: invitation ? shown(invitation) : null,
      current: viewer?.user.email ?? null,
      state,
    },
    { status: invitation ? 200 : 400 },
  )
}

/**
 * The post of a province's invitation page: accepted, the invitee is signed in (a new
 * session, their roles changed) and lands on their workspace; a used-up link answers
 * `invalid`, a refused form its errors (the password never sent back).
 */
export async function acceptProvinceInvitation<I extends { existingUserId: string | null }>(
  args: ActionFunctionArgs,
  find: FindInvitation<I>,
  accept: (db: DB, provinceId: string, token: string, who: Invitee, meta: RequestMeta) => Promise<string | null>,
) {
  const { request, context } = args
  const { province, token, invitation, viewer } = await loadProvinceInvitation(args, find)
  if (!invitation) return data({ result: undefined, invalid: true }, { status: 400 })
  const meta = requestMeta(request, context)
  const outcome = await acceptPosted(request, invitation, viewer?.user.id, (who) =>
    accept(context.db, province.id, token, who, meta),
  )
  if ('refused' in outcome) {
    return data({ result: outcome.refused.reply({ hideFields: ['password'] }), invalid: false }, { status: 400 })
  }
  const { userId } = outcome
  if (!userId) return data({ result: undefined, invalid: true }, { status: 400 })
  const cookie = await startSession(context.db, context.secureCookies ?? false, userId, context.now())
  return redirect(landingPath(await loadMemberships(context.db, userId)), { headers: { 'Set-Cookie': cookie } })
}
