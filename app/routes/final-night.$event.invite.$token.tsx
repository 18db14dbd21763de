import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { detectLanguage } from '#app/i18n/detect.ts'
import { acceptInvitationSchema } from '#app/modules/auth/auth.schema.ts'
import { startSession } from '#app/modules/auth/sessions.server.ts'
import { getViewer, requestMeta } from '#app/modules/auth/viewer.server.ts'
import { forbidden, isUuid } from '#app/modules/errors/errors.ts'
import { acceptParticipantInvitation, findParticipantInvitation } from '#app/modules/final-night/jury.server.ts'
import { FormMessage } from '#app/ui/fields.tsx'

// A juror's or guest's one-time invitation link to one Final Night. Accepting binds the
// account to that event only (no membership); a new address gets a verified account.

export const handle = { hydrate: false, title: 'pages.finalNightInvite' as const }

async function load({ request, context, params }: LoaderFunctionArgs) {
  const eventId = isUuid(params.event) ? params.event.toLowerCase() : null
  const token = params.token ?? ''
  const invitation =
    eventId && token.length <= 200 ? await findParticipantInvitation(context.db, eventId, token, context.now()) : null
  const viewer = await getViewer(request, context)
  return { eventId, token, invitation, viewer }
}

export async function loader(args: LoaderFunctionArgs) {
  const { invitation, viewer } = await load(args)
  const state = !invitation
    ? 'invalid'
    : invitation.existingUserId === null
      ? 'new'
      : viewer?.user.id === invitation.existingUserId
        ? 'accept'
        : viewer
          ? 'otherAccount'
          : 'signIn'
  return data(
    {
      invitation: invitation
        ? { name: invitation.name, email: invitation.email, kind: invitation.kind, city: invitation.event.city }
        : null,
      current: viewer?.user.email ?? null,
      state,
    } as const,
    { status: invitation ? 200 : 400 },
  )
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args
  const { eventId, token, invitation, viewer } = await load(args)
  if (!invitation || !eventId) return data({ errors: ['final-night:errors.invalidLink'] }, { status: 400 })
  const meta = requestMeta(request, context)
  let userId: string | null
  if (invitation.existingUserId) {
    if (viewer?.user.id !== invitation.existingUserId) throw forbidden()
    userId = await acceptParticipantInvitation(context.db, eventId, token, { userId: viewer.user.id }, meta)
  } else {
    const submission = parseWithZod(await request.formData(), {
      schema: acceptInvitationSchema.required({ name: true, password: true }),
    })
    if (submission.status !== 'success') {
      const errors = [...new Set(Object.values(submission.reply().error ?? {}).flatMap((e) => e ?? []))]
      return data({ errors }, { status: 400 })
    }
    const { language } = detectLanguage(new URL(request.url), {
      cookie: request.headers.get('Cookie'),
      acceptLanguage: request.headers.get('Accept-Language'),
    })
    userId = await acceptParticipantInvitation(
      context.db,
      eventId,
      token,
      { name: submission.value.name, password: submission.value.password, locale: language },
      meta,
    )
  }
  if (!userId) return data({ errors: ['final-night:errors.invalidLink'] }, { status: 400 })
  const headers = new Headers()
  if (!viewer)
    headers.append('Set-Cookie', await startSession(context.db, context.secureCookies ?? false, userId, context.now()))
  const target = invitation.kind === 'juror' ? `/final-night/${eventId}` : `/final-night/${eventId}/guest`
  return redirect(target, { headers })
}

export default function AcceptParticipantInvitation() {
  const { invitation, current, state } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { pathname } = useLocation()
  const { t } = useTranslation(['common', 'final-night', 'auth'])
  if (!invitation) {
    return (
      <main id="main" className="page narrow">
        <h1>{t('final-night:invite.title')}</h1>
        <FormMessage kind="error">{t('final-night:errors.invalidLink')}</FormMessage>
      </main>
    )
  }
  return (
    <main id="main" className="page narrow">
      <h1>{t('final-night:invite.title')}</h1>
      <p>{t(`final-night:invite.body.${invitation.kind}`, { name: invitation.name, city: invitation.city })}</p>
      {reply?.errors?.length ? (
        <FormMessage kind="error">
          {reply.errors.map((k) => t(k as 'final-night:errors.invalid')).join(' ')}
        </FormMessage>
      ) : null}
      {state === 'new' ? (
        <Form method="post">
          <p>{t('final-night:invite.createAccount', { email: invitation.email })}</p>
          <div className="field">
            <label htmlFor="name">{t('auth:fields.name')}</label>
            <input id="name" name="name" required maxLength={120} defaultValue={invitation.name} autoComplete="name" />
          </div>
          <div className="field">
            <label htmlFor="password">{t('auth:fields.password')}</label>
            <input id="password" name="password" type="password" required maxLength={128} autoComplete="new-password" />
            <p className="hint">{t('auth:fields.passwordHint')}</p>
          </div>
          <button type="submit">{t('final-night:invite.accept')}</button>
        </Form>
      ) : null}
      {state === 'accept' ? (
        <Form method="post">
          <button type="submit">{t('final-night:invite.accept')}</button>
        </Form>
      ) : null}
      {state === 'signIn' ? (
        <p>
          {t('final-night:invite.signInFirst', { email: invitation.email })}{' '}
          <Link to={`/login?redirectTo=${encodeURIComponent(pathname)}`}>{t('auth:nav.signIn')}</Link>
        </p>
      ) : null}
      {state === 'otherAccount' ? (
        <FormMessage kind="error">
          {t('final-night:invite.otherAccount', { email: invitation.email, current: current ?? '' })}
        </FormMessage>
      ) : null}
    </main>
  )
}
