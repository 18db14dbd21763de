import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { acceptPosted, invitationState } from '#app/modules/auth/invitation-page.server.ts'
import { startSession } from '#app/modules/auth/sessions.server.ts'
import { getViewer, requestMeta } from '#app/modules/auth/viewer.server.ts'
import { isUuid } from '#app/modules/errors/errors.ts'
import { acceptParticipantInvitation, findParticipantInvitation } from '#app/modules/final-night/jury.server.ts'
import { FormMessage } from '#app/ui/fields.tsx'
import { InvitationPage } from '#app/ui/invitation-page.tsx'

// A juror's or guest's one-time invitation link to one Final Night. Accepting binds the
// account to that event only (no membership); a new address gets a verified account.
// The page does not hydrate: its new account form is plain, refusals listed above it.

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
  return data(
    {
      invitation: invitation
        ? { name: invitation.name, email: invitation.email, kind: invitation.kind, city: invitation.event.city }
        : null,
      current: viewer?.user.email ?? null,
      state: invitationState(invitation, viewer?.user.id),
    },
    { status: invitation ? 200 : 400 },
  )
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args
  const { eventId, token, invitation, viewer } = await load(args)
  if (!invitation || !eventId) return data({ errors: ['final-night:errors.invalidLink'] }, { status: 400 })
  const meta = requestMeta(request, context)
  const outcome = await acceptPosted(request, invitation, viewer?.user.id, (who) =>
    acceptParticipantInvitation(context.db, eventId, token, who, meta),
  )
  if ('refused' in outcome) {
    const errors = [...new Set(Object.values(outcome.refused.reply().error ?? {}).flatMap((e) => e ?? []))]
    return data({ errors }, { status: 400 })
  }
  const { userId } = outcome
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
  const { t } = useTranslation(['common', 'final-night', 'auth'])
  const email = invitation?.email ?? ''
  return (
    <InvitationPage
      state={invitation ? state : 'invalid'}
      texts={{
        title: t('final-night:invite.title'),
        invalid: t('final-night:errors.invalidLink'),
        body: invitation
          ? t(`final-night:invite.body.${invitation.kind}`, { name: invitation.name, city: invitation.city })
          : '',
        accept: t('final-night:invite.accept'),
        signInFirst: t('final-night:invite.signInFirst', { email }),
        otherAccount: t('final-night:invite.otherAccount', { email, current: current ?? '' }),
      }}
      notice={
        reply?.errors?.length ? (
          <FormMessage kind="error">
            {reply.errors.map((k) => t(k as 'final-night:errors.invalid')).join(' ')}
          </FormMessage>
        ) : null
      }
      newAccountForm={
        <Form method="post">
          <p>{t('final-night:invite.createAccount', { email })}</p>
          <div className="field">
            <label htmlFor="name">{t('auth:fields.name')}</label>
            <input id="name" name="name" required maxLength={120} defaultValue={invitation?.name} autoComplete="name" />
          </div>
          <div className="field">
            <label htmlFor="password">{t('auth:fields.password')}</label>
            <input id="password" name="password" type="password" required maxLength={128} autoComplete="new-password" />
            <p className="hint">{t('auth:fields.passwordHint')}</p>
          </div>
          <button type="submit">{t('final-night:invite.accept')}</button>
        </Form>
      }
    />
  )
}
