import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { guestPageSchema } from '#app/modules/final-night/final-night.schema.ts'
import { EVENT_ZONE } from '#app/modules/final-night/final-night-rules.ts'
import { addFollowup, loadGuestPage, registerInterest } from '#app/modules/final-night/matchmaking.server.ts'
import { requireParticipant } from '#app/modules/final-night/participant-guard.server.ts'
import { FormMessage } from '#app/ui/fields.tsx'
import { FollowupForm, InterestItem } from '#app/ui/final-night.tsx'

// A Final Night guest's page (investor, other local government, partner): register
// interest in finalists and record what followed. Plain forms, no client code.

export const handle = { hydrate: false, title: 'pages.finalNightGuest' as const }

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, eventId } = await requireParticipant(request, context, params, 'guest')
  const page = await loadGuestPage(context.db, { eventId, userId: viewer.user.id })
  return { ...page, done: new URL(request.url).searchParams.has('done') }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, eventId } = await requireParticipant(request, context, params, 'guest')
  const submission = parseWithZod(await request.formData(), { schema: guestPageSchema })
  if (submission.status !== 'success') {
    const errors = [...new Set(Object.values(submission.reply().error ?? {}).flatMap((e) => e ?? []))]
    return data({ errors: errors.length ? errors : ['final-night:errors.invalid'] }, { status: 400 })
  }
  const who = { eventId, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  try {
    if (submission.value.intent === 'interest') await registerInterest(context.db, who, submission.value)
    else await addFollowup(context.db, who, submission.value)
  } catch (error) {
    const no = refusal(error)
    return data({ errors: [no.key] }, { status: no.status })
  }
  if (submission.value.intent === 'interest') context.kickMail?.()
  return redirect(`/final-night/${eventId}/guest?done=1`)
}

export default function GuestPage() {
  const { event, pitches, interests, done } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'final-night'])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page narrow">
      <h1>{t('final-night:matchmaking.guestTitle')}</h1>
      <p>
        {formatDateTime(new Date(event.starts_at), lng, EVENT_ZONE)} · {event.venue}, {event.city}
      </p>
      <p className="muted">{t('final-night:matchmaking.guestIntro')}</p>
      {done ? <FormMessage kind="ok">{t('final-night:matchmaking.done')}</FormMessage> : null}
      {reply?.errors?.length ? (
        <FormMessage kind="error">
          {reply.errors.map((k) => t(k as 'final-night:errors.invalid')).join(' ')}
        </FormMessage>
      ) : null}
      {pitches.length === 0 ? (
        <p className="empty">{t('final-night:matchmaking.noPitches')}</p>
      ) : (
        <Form method="post" className="box" id="interest-form">
          <input type="hidden" name="intent" value="interest" />
          <div className="field">
            <label htmlFor="pitch">{t('final-night:matchmaking.pitch')}</label>
            <select id="pitch" name="pitch">
              {pitches.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.venture} — {p.province}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="kind">{t('final-night:matchmaking.kind')}</label>
            <select id="kind" name="kind">
              {(['investment', 'pilot', 'partnership', 'replication'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`final-night:matchmaking.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="message">{t('final-night:matchmaking.message')}</label>
            <textarea id="message" name="message" rows={3} maxLength={2000} />
          </div>
          <button type="submit">{t('final-night:matchmaking.register')}</button>
        </Form>
      )}
      <h2>{t('final-night:matchmaking.own')}</h2>
      {interests.length === 0 ? (
        <p className="empty">{t('final-night:matchmaking.none')}</p>
      ) : (
        <ul id="interests">
          {interests.map((i) => (
            <InterestItem
              key={i.id}
              interest={i}
              actions={i.status === 'accepted' ? <FollowupForm interestId={i.id} /> : null}
            />
          ))}
        </ul>
      )}
    </main>
  )
}
