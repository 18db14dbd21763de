import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { requirePrivacyOfficer } from '#app/modules/privacy/guard.server.ts'
import { createIncident, loadOfficerDesk } from '#app/modules/privacy/officer-page.server.ts'
import { hoursLeft, OFFICE_ZONE } from '#app/modules/privacy/privacy-rules.ts'
import { firstErrors } from '#app/modules/validation/form-errors.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.privacyDesk' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePrivacyOfficer(request, context)
  return { ...(await loadOfficerDesk(context.db)), now: context.now().toISOString() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePrivacyOfficer(request, context)
  const outcome = await createIncident(
    context.db,
    viewer.user.id,
    await request.formData(),
    requestMeta(request, context),
  )
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data(outcome.reply, { status: outcome.status })
}

export default function PrivacyDesk() {
  const { requests, incidents, reports, provinces, now } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors = firstErrors(reply?.result?.error)
  const { t, i18n } = useTranslation(['common', 'privacy'])
  const text = useErrorText()
  const lng = i18n.language as Language
  const when = (iso: string | Date) => formatDateTime(new Date(iso), lng, OFFICE_ZONE)
  return (
    <main id="main" className="page">
      <h1>{t('privacy:desk.title')}</h1>
      <p>
        <a href="/national/privacy/officers">{t('privacy:desk.officers')}</a>
      </p>

      <section aria-labelledby="queue">
        <h2 id="queue">{t('privacy:desk.queue')}</h2>
        {requests.length === 0 ? (
          <p className="empty">{t('privacy:desk.empty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('privacy:desk.kind')}</th>
                <th scope="col">{t('privacy:desk.requester')}</th>
                <th scope="col">{t('privacy:desk.received')}</th>
                <th scope="col">{t('privacy:desk.due')}</th>
                <th scope="col">{t('privacy:desk.status')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => {
                const left = hoursLeft(new Date(r.due_at), new Date(now))
                return (
                  <tr key={r.id}>
                    <td>
                      <a href={`/national/privacy/requests/${r.id}`}>{t(`privacy:kinds.${r.kind}`)}</a>
                    </td>
                    <td>{r.requester_name}</td>
                    <td>{when(r.received_at)}</td>
                    <td>
                      {when(r.due_at)}
                      {r.status === 'open'
                        ? ` — ${left >= 0 ? t('privacy:desk.hoursLeft', { count: left }) : t('privacy:desk.overdue')}`
                        : ''}
                    </td>
                    <td>{t(`privacy:status.${r.status}`)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="incidents">
        <h2 id="incidents">{t('privacy:desk.incidents')}</h2>
        <ul>
          {incidents.map((i) => (
            <li key={i.id}>
              <a href={`/national/privacy/incidents/${i.id}`}>{i.what}</a> — {when(i.found_at)}
              {i.drill ? ` — ${t('privacy:breach.drill')}` : ''}
            </li>
          ))}
        </ul>
        {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
        <Form method="post" className="box">
          <h3>{t('privacy:breach.record')}</h3>
          <div className="field">
            <label htmlFor="what">{t('privacy:breach.what')}</label>
            <textarea id="what" name="what" maxLength={2000} rows={3} required />
            {errors.what ? <p className="error">{text(errors.what)}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="found_at">{t('privacy:breach.foundAt')}</label>
            <input id="found_at" name="found_at" type="datetime-local" required />
            {errors.found_at ? <p className="error">{text(errors.found_at)}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="data_affected">{t('privacy:breach.data')}</label>
            <input id="data_affected" name="data_affected" maxLength={1000} required />
            {errors.data_affected ? <p className="error">{text(errors.data_affected)}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="province">{t('privacy:breach.province')}</label>
            <select id="province" name="province">
              <option value="">{t('privacy:breach.allProvinces')}</option>
              {provinces.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="authority_email">{t('privacy:breach.authorityEmail')}</label>
            <input id="authority_email" name="authority_email" type="email" maxLength={254} required />
            {errors.authority_email ? <p className="error">{text(errors.authority_email)}</p> : null}
          </div>
          <label>
            <input type="checkbox" name="drill" /> {t('privacy:breach.drillLabel')}
          </label>
          <button type="submit">{t('privacy:breach.submit')}</button>
        </Form>
      </section>

      <section aria-labelledby="retention">
        <h2 id="retention">{t('privacy:desk.retention')}</h2>
        <ul>
          {reports.map((r) => (
            <li key={r.id}>
              {when(r.at)} —{' '}
              {Object.entries(r.details)
                .map(([k, v]) => `${text(`privacy:retention.${k}`)}: ${String(v)}`)
                .join(', ')}
            </li>
          ))}
        </ul>
      </section>
    </main>
  )
}
