import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { requestMeta, requireViewer } from '#app/modules/auth/viewer.server.ts'
import { runSelfService } from '#app/modules/privacy/account-privacy-page.server.ts'
import { loadOwnPrivacy } from '#app/modules/privacy/privacy.server.ts'
import { OFFICE_ZONE } from '#app/modules/privacy/privacy-rules.ts'
import { firstError } from '#app/modules/validation/form-errors.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.accountPrivacy' as const,
  crumbs: [{ title: 'pages.account', to: '/account' }],
}

const DONE = ['consentGiven', 'consentWithdrawn', 'requestFiled', 'erasureQueued'] as const

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context)
  const own = await loadOwnPrivacy(context.db, viewer.user.id)
  const done = new URL(request.url).searchParams.get('done')
  return {
    ...own,
    profiles: viewer.memberships.filter((m) => m.role === 'applicant' && m.provinceSlug).map((m) => m.provinceSlug),
    done: DONE.find((d) => d === done) ?? null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context)
  const meta = requestMeta(request, context)
  const outcome = await runSelfService(context.db, viewer.user.id, await request.formData(), meta)
  if ('erased' in outcome) return redirect('/privacy?erased=1')
  if ('done' in outcome) return redirect(`/account/privacy?done=${outcome.done}`)
  return data(outcome.reply, { status: outcome.status })
}

export default function AccountPrivacy() {
  const { consents, requests, profiles, done } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t, i18n } = useTranslation(['common', 'privacy'])
  const text = useErrorText()
  const lng = i18n.language as Language
  const consent = consents.find((c) => c.purpose === 'future_editions')
  const given = !!consent && consent.withdrawn_at === null
  const error = reply?.result ? firstError(reply.result.error, 'privacy:errors.required') : null
  return (
    <main id="main" className="page narrow">
      <h1>{t('privacy:account.title')}</h1>
      <p>
        {t('privacy:account.intro')} <a href="/privacy">{t('privacy:link')}</a>
      </p>
      {done ? <FormMessage kind="ok">{t(`privacy:done.${done}`)}</FormMessage> : null}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      {error ? <FormMessage kind="error">{text(error)}</FormMessage> : null}

      <section aria-labelledby="download">
        <h2 id="download">{t('privacy:account.download')}</h2>
        <p>{t('privacy:account.downloadText')}</p>
        <ul>
          <li>
            <a href="/account/data">{t('privacy:account.downloadHtml')}</a>
          </li>
          <li>
            <a href="/account/data.json" download>
              {t('privacy:account.downloadJson')}
            </a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="correct">
        <h2 id="correct">{t('privacy:account.correct')}</h2>
        <ul>
          <li>
            <a href="/account">{t('privacy:account.correctAccount')}</a>
          </li>
          {profiles.map((slug) => (
            <li key={slug}>
              <a href={`/p/${slug}/apply/profile`}>{t('privacy:account.correctVenture')}</a>
            </li>
          ))}
        </ul>
        <p className="muted">{t('privacy:account.correctSubmitted')}</p>
      </section>

      <section aria-labelledby="consents">
        <h2 id="consents">{t('privacy:account.consents')}</h2>
        <p>{t('privacy:consent.future_editions')}</p>
        <p className="muted">{given ? t('privacy:account.consentGiven') : t('privacy:account.consentNotGiven')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="consent" />
          <button type="submit" name="granted" value={given ? 'no' : 'yes'} className="secondary">
            {given ? t('privacy:account.withdraw') : t('privacy:account.give')}
          </button>
        </Form>
        <p className="muted">{t('privacy:account.requiredConsent')}</p>
      </section>

      <section aria-labelledby="request">
        <h2 id="request">{t('privacy:account.request')}</h2>
        <p>{t('privacy:account.requestText')}</p>
        <Form method="post" className="box">
          <input type="hidden" name="intent" value="request" />
          <div className="field">
            <label htmlFor="kind">{t('privacy:account.kind')}</label>
            <select id="kind" name="kind">
              <option value="objection">{t('privacy:kinds.objection')}</option>
              <option value="member_data">{t('privacy:kinds.member_data')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="details">{t('privacy:account.details')}</label>
            <textarea id="details" name="details" maxLength={2000} rows={4} required />
          </div>
          <button type="submit">{t('privacy:account.send')}</button>
        </Form>
      </section>

      <section aria-labelledby="erase">
        <h2 id="erase">{t('privacy:account.erase')}</h2>
        <p>{t('privacy:account.eraseText')}</p>
        <Form method="post" className="box">
          <input type="hidden" name="intent" value="erase" />
          <div className="field">
            <label htmlFor="erase-details">{t('privacy:account.details')}</label>
            <textarea id="erase-details" name="details" maxLength={2000} rows={3} />
          </div>
          <label>
            <input type="checkbox" name="confirm" /> {t('privacy:account.eraseConfirm')}
          </label>
          <button type="submit" className="secondary">
            {t('privacy:account.eraseSubmit')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="requests">
        <h2 id="requests">{t('privacy:account.requests')}</h2>
        {requests.length === 0 ? (
          <p className="empty">{t('privacy:account.noRequests')}</p>
        ) : (
          <ul>
            {requests.map((r) => (
              <li key={r.id}>
                {t(`privacy:kinds.${r.kind}`)} — {t(`privacy:status.${r.status}`)} —{' '}
                {t('privacy:account.due', { due: formatDateTime(new Date(r.due_at), lng, OFFICE_ZONE) })}
                {r.decision_reason ? ` — ${r.decision_reason}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
