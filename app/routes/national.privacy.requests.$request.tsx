import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { found, idParam } from '#app/modules/errors/errors.ts'
import { requirePrivacyOfficer } from '#app/modules/privacy/guard.server.ts'
import { decide, loadRequest } from '#app/modules/privacy/officer-page.server.ts'
import { OFFICE_ZONE } from '#app/modules/privacy/privacy-rules.ts'
import { firstErrors } from '#app/modules/validation/form-errors.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.privacyRequest' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.privacyDesk', to: '/national/privacy' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePrivacyOfficer(request, context)
  return found(await loadRequest(context.db, idParam(params, 'request')), 'privacy request')
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requirePrivacyOfficer(request, context)
  const id = idParam(params, 'request')
  const outcome = await decide(context.db, viewer.user.id, id, await request.formData(), requestMeta(request, context))
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data(outcome.reply, { status: outcome.status })
}

export default function PrivacyRequest() {
  const r = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors = firstErrors(reply?.result?.error)
  const { t, i18n } = useTranslation(['common', 'privacy'])
  const text = useErrorText()
  const lng = i18n.language as Language
  return (
    <main id="main" className="page narrow">
      <h1>{t(`privacy:kinds.${r.kind}`)}</h1>
      <p>
        {r.requester_name} — {r.requester_email}
      </p>
      <p>
        {t('privacy:desk.received')}: {formatDateTime(new Date(r.received_at), lng, OFFICE_ZONE)}
        <br />
        {t('privacy:desk.due')}: <strong>{formatDateTime(new Date(r.due_at), lng, OFFICE_ZONE)}</strong>
      </p>
      {r.details ? <blockquote>{r.details}</blockquote> : null}
      <p>{t(`privacy:status.${r.status}`)}</p>
      {r.decision_reason ? <p>{r.decision_reason}</p> : null}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      {r.status === 'open' ? (
        <Form method="post" className="box">
          {r.kind === 'erasure' ? <p className="muted">{t('privacy:desk.erasureNote')}</p> : null}
          <fieldset>
            <legend>{t('privacy:desk.decision')}</legend>
            <label>
              <input type="radio" name="decision" value="granted" required /> {t('privacy:decisions.granted')}
            </label>
            <label>
              <input type="radio" name="decision" value="refused" /> {t('privacy:decisions.refused')}
            </label>
            {errors.decision ? <p className="error">{text(errors.decision)}</p> : null}
          </fieldset>
          <div className="field">
            <label htmlFor="reason">{t('privacy:desk.reason')}</label>
            <textarea id="reason" name="reason" maxLength={2000} rows={4} required />
            {errors.reason ? <p className="error">{text(errors.reason)}</p> : null}
          </div>
          <button type="submit">{t('privacy:desk.decide')}</button>
        </Form>
      ) : null}
    </main>
  )
}
