import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { detectLanguage } from '#app/i18n/detect.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { found, idParam, notFound } from '#app/modules/errors/errors.ts'
import { loadIncident } from '#app/modules/privacy/breach.server.ts'
import { requirePrivacyOfficer } from '#app/modules/privacy/guard.server.ts'
import { sendNotices } from '#app/modules/privacy/officer-page.server.ts'
import { hoursLeft, OFFICE_ZONE } from '#app/modules/privacy/privacy-rules.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.privacyIncident' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.privacyDesk', to: '/national/privacy' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePrivacyOfficer(request, context)
  const url = new URL(request.url)
  const { language } = detectLanguage(url, { cookie: request.headers.get('Cookie') })
  const incident = found(await loadIncident(context.db, idParam(params, 'incident'), language), 'incident')
  return { ...incident, now: context.now().toISOString(), sentNow: url.searchParams.has('sent') }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const viewer = await requirePrivacyOfficer(request, context)
  const outcome = await sendNotices(
    context.db,
    viewer.user.id,
    idParam(params, 'incident'),
    requestMeta(request, context),
  )
  if (!outcome) throw notFound('incident')
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data(outcome.reply, { status: outcome.status })
}

export default function Incident() {
  const { incident, drafts, userNotices, sent, now, sentNow } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'privacy'])
  const text = useErrorText()
  const lng = i18n.language as Language
  const when = (iso: string | Date) => formatDateTime(new Date(iso), lng, OFFICE_ZONE)
  const left = hoursLeft(new Date(incident.due_at), new Date(now))
  return (
    <main id="main" className="page narrow">
      <h1>
        {incident.drill ? `${t('privacy:breach.drillMark')} ` : ''}
        {t('privacy:breach.title')}
      </h1>
      {sentNow ? <FormMessage kind="ok">{t('privacy:breach.sent', { count: sent })}</FormMessage> : null}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      <dl>
        <dt>{t('privacy:breach.what')}</dt>
        <dd>{incident.what}</dd>
        <dt>{t('privacy:breach.foundAt')}</dt>
        <dd>{when(incident.found_at)}</dd>
        <dt>{t('privacy:breach.data')}</dt>
        <dd>{incident.data_affected}</dd>
        <dt>{t('privacy:breach.people')}</dt>
        <dd>{incident.people_affected}</dd>
        <dt>{t('privacy:breach.due')}</dt>
        <dd>
          <strong>{when(incident.due_at)}</strong>
          {incident.notified_at
            ? ` — ${t('privacy:breach.notifiedAt', { at: when(incident.notified_at) })}`
            : ` — ${left >= 0 ? t('privacy:desk.hoursLeft', { count: left }) : t('privacy:desk.overdue')}`}
        </dd>
      </dl>
      <section aria-labelledby="draft-user" className="box">
        <h2 id="draft-user">{t('privacy:breach.draftUser', { count: userNotices })}</h2>
        <p>
          <strong>{drafts.user.subject}</strong>
        </p>
        <pre>{drafts.user.body}</pre>
      </section>
      <section aria-labelledby="draft-authority" className="box">
        <h2 id="draft-authority">{t('privacy:breach.draftAuthority', { email: incident.authority_email })}</h2>
        <p>
          <strong>{drafts.authority.subject}</strong>
        </p>
        <pre>{drafts.authority.body}</pre>
      </section>
      {incident.drill ? (
        <p className="muted">{t('privacy:breach.drillNote')}</p>
      ) : incident.notified_at ? null : (
        <Form method="post">
          <button type="submit">{t('privacy:breach.send')}</button>
        </Form>
      )}
    </main>
  )
}
