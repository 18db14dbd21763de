import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam, refusal } from '#app/modules/errors/errors.ts'
import { jurorPitchSchema } from '#app/modules/final-night/final-night.schema.ts'
import { SCORE_MAX, SCORE_MIN } from '#app/modules/final-night/final-night-rules.ts'
import { declareConflict, loadScoreForm, saveScores } from '#app/modules/final-night/jury.server.ts'
import { requireParticipant } from '#app/modules/final-night/participant-guard.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'

// One pitch's score form on a juror's phone: no client code, a plain POST with a
// hidden idempotency key drawn for this render (a retried post never counts twice),
// then Post/Redirect/Get to the next pitch.

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.pitch' as const,
  crumbs: [{ title: 'pages.jury', to: '/final-night/:event' }],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, eventId } = await requireParticipant(request, context, params, 'juror')
  const form = await loadScoreForm(context.db, { eventId, userId: viewer.user.id }, idParam(params, 'pitch'))
  return { ...form, saved: new URL(request.url).searchParams.has('saved') }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { viewer, eventId } = await requireParticipant(request, context, params, 'juror')
  const pitchId = idParam(params, 'pitch')
  const submission = parseWithZod(await request.formData(), { schema: jurorPitchSchema })
  if (submission.status !== 'success') {
    const errors = [...new Set(Object.values(submission.reply().error ?? {}).flatMap((e) => e ?? []))]
    return data({ errors: errors.length ? errors : ['final-night:errors.invalid'] }, { status: 400 })
  }
  const who = { eventId, userId: viewer.user.id, ip: requestMeta(request, context).ip }
  const input = submission.value
  try {
    if (input.intent === 'conflict') {
      await declareConflict(context.db, who, pitchId, input.reason)
      return redirect(`/final-night/${eventId}`)
    }
    await saveScores(context.db, who, pitchId, input, context.now())
  } catch (error) {
    const no = refusal(error)
    return data({ errors: [no.key] }, { status: no.status })
  }
  return redirect(`/final-night/${eventId}/pitches/${pitchId}?saved=1`)
}

export default function ScorePitch() {
  const { event, pitch, criteria, conflict, nextPitch, key, saved } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'final-night'])
  const en = (i18n.language as Language) === 'en'
  const open = event.status === 'voting'
  const levels = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i)
  return (
    <main id="main" className="page narrow">
      <h1>
        {pitch.position}. {pitch.venture}
      </h1>
      <p>
        {pitch.province} · {en ? pitch.issue.en : pitch.issue.id}
      </p>
      {saved ? (
        <FormMessage kind="ok">
          {t('final-night:jury.saved')}{' '}
          {nextPitch ? (
            <Link to={`/final-night/${event.id}/pitches/${nextPitch}`}>{t('final-night:jury.next')}</Link>
          ) : null}
        </FormMessage>
      ) : null}
      {reply?.errors?.length ? (
        <FormMessage kind="error">
          {reply.errors.map((k) => t(k as 'final-night:errors.invalid')).join(' ')}
        </FormMessage>
      ) : null}
      {conflict ? (
        <p id="conflict" className="form-error">
          {t('final-night:jury.conflictDeclared', { reason: t(`final-night:conflict.${conflict}`) })}
        </p>
      ) : !open ? (
        <p id="closed" className="muted">
          {t(`final-night:jury.state.${event.status}`)}
        </p>
      ) : (
        <Form method="post" id="score-form">
          <input type="hidden" name="intent" value="score" />
          <input type="hidden" name="key" value={key} />
          {criteria.map((c, i) => (
            <div className="field" key={c.id}>
              <input type="hidden" name={`scores[${i}].criterion`} value={c.id} />
              <label htmlFor={`score-${i}`}>
                {en ? c.title.en : c.title.id} ({c.weight}%)
              </label>
              <select id={`score-${i}`} name={`scores[${i}].score`} required defaultValue={c.score ?? ''}>
                <option value="">—</option>
                {levels.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit">{t('final-night:jury.save')}</button>
        </Form>
      )}
      {!conflict && (open || event.status === 'planning') ? (
        <details>
          <summary>{t('final-night:jury.declareConflict')}</summary>
          <Form method="post">
            <input type="hidden" name="intent" value="conflict" />
            <div className="field">
              <label htmlFor="reason">{t('final-night:jury.conflictReason')}</label>
              <select id="reason" name="reason">
                {(['invested', 'advised', 'other'] as const).map((r) => (
                  <option key={r} value={r}>
                    {t(`final-night:conflict.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <p className="muted">{t('final-night:jury.conflictHelp')}</p>
            <button type="submit" className="secondary">
              {t('final-night:jury.declare')}
            </button>
          </Form>
        </details>
      ) : null}
    </main>
  )
}
