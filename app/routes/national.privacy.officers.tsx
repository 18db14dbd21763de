import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { canAppointPrivacyOfficers } from '#app/modules/privacy/access.ts'
import { appoint } from '#app/modules/privacy/officer-page.server.ts'
import { listOfficerCandidates } from '#app/modules/privacy/privacy.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  hydrate: false,
  title: 'pages.privacyOfficers' as const,
  crumbs: [
    { title: 'pages.national', to: '/national' },
    { title: 'pages.privacyDesk', to: '/national/privacy' },
  ],
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, canAppointPrivacyOfficers)
  return {
    accounts: await listOfficerCandidates(context.db),
    done: new URL(request.url).searchParams.has('done'),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, canAppointPrivacyOfficers)
  const outcome = await appoint(context.db, viewer.user.id, await request.formData(), requestMeta(request, context))
  if ('redirect' in outcome) return redirect(outcome.redirect)
  return data(outcome.reply, { status: outcome.status })
}

export default function PrivacyOfficers() {
  const { accounts, done } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'privacy'])
  const text = useErrorText()
  return (
    <main id="main" className="page narrow">
      <h1>{t('privacy:officers.title')}</h1>
      <p>{t('privacy:officers.intro')}</p>
      {done ? <FormMessage kind="ok">{t('privacy:officers.saved')}</FormMessage> : null}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      {reply?.result ? <FormMessage kind="error">{t('privacy:errors.choice')}</FormMessage> : null}
      <ul>
        {accounts.map((a) => (
          <li key={a.id}>
            {a.name} ({a.email}) — {a.appointed_at ? t('privacy:officers.isOfficer') : t('privacy:officers.notOfficer')}
            <Form method="post" className="inline">
              <input type="hidden" name="user" value={a.id} />
              <button type="submit" name="appointed" value={a.appointed_at ? 'no' : 'yes'}>
                {a.appointed_at ? t('privacy:officers.remove') : t('privacy:officers.appoint')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <p>
        <a href="/national/privacy">{t('privacy:desk.title')}</a>
      </p>
    </main>
  )
}
