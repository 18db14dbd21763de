import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { findAccount, setAccountActive } from '#app/modules/auth/accounts.server.ts'
import { accountQuerySchema, accountToggleSchema } from '#app/modules/auth/auth.schema.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { requireNationalAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage } from '#app/ui/fields.tsx'

export const handle: RouteHandle = {
  title: 'pages.accounts' as const,
  crumbs: [{ title: 'pages.national', to: '/national' }],
}

const mayAdminister = (ability: Parameters<Parameters<typeof requireNationalAccess>[2]>[0]) =>
  ability.can('manage', 'Membership')

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireNationalAccess(request, context, mayAdminister)
  const query = parseWithZod(new URL(request.url).searchParams, { schema: accountQuerySchema })
  const email = query.status === 'success' ? query.value.email : null
  return { query: email ?? '', account: email ? await findAccount(context.db, email) : null }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireNationalAccess(request, context, mayAdminister)
  const submission = parseWithZod(await request.formData(), { schema: accountToggleSchema })
  if (submission.status !== 'success') return data({ done: null, error: 'notFound' as const }, { status: 400 })
  const account = await findAccount(context.db, submission.value.email)
  if (!account) return data({ done: null, error: 'notFound' as const }, { status: 404 })
  if (account.id === viewer.user.id) return data({ done: null, error: 'self' as const }, { status: 400 })
  const active = submission.value.intent === 'reactivate'
  await setAccountActive(context.db, account.id, active, viewer.user.id, requestMeta(request, context))
  return { done: active ? ('reactivated' as const) : ('deactivated' as const), error: null }
}

export default function Accounts() {
  const { query, account } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'manage', 'auth'])
  return (
    <main id="main" className="page narrow">
      <h1>{t('manage:accounts.title')}</h1>
      <p>{t('manage:accounts.intro')}</p>
      {actionData?.done === 'deactivated' ? (
        <FormMessage kind="ok">{t('manage:accounts.deactivated')}</FormMessage>
      ) : null}
      {actionData?.done === 'reactivated' ? (
        <FormMessage kind="ok">{t('manage:accounts.reactivated')}</FormMessage>
      ) : null}
      {actionData?.error === 'self' ? <FormMessage kind="error">{t('manage:accounts.self')}</FormMessage> : null}
      {actionData?.error === 'notFound' ? (
        <FormMessage kind="error">{t('manage:accounts.notFound')}</FormMessage>
      ) : null}
      <Form method="get" className="field">
        <label htmlFor="email">{t('auth:fields.email')}</label>
        <input id="email" name="email" type="email" defaultValue={query} maxLength={254} required />
        <button type="submit">{t('manage:accounts.search')}</button>
      </Form>
      {query && !account ? <p className="empty">{t('manage:accounts.notFound')}</p> : null}
      {account ? (
        <section className="box">
          <h2>{account.name}</h2>
          <p>
            {account.email} — {account.active ? t('manage:accounts.active') : t('manage:accounts.inactive')}
            {account.verified ? '' : ` (${t('manage:accounts.unverified')})`}
          </p>
          <ul>
            {account.memberships.map((m) => (
              <li key={m.id}>
                {t('auth:account.roleIn', {
                  role: t(`auth:roles.${m.role}`),
                  province: m.provinceName ?? t('auth:account.national'),
                })}
              </li>
            ))}
          </ul>
          <Form method="post">
            <input type="hidden" name="email" value={account.email} />
            <button
              type="submit"
              name="intent"
              value={account.active ? 'deactivate' : 'reactivate'}
              className="secondary"
            >
              {account.active ? t('manage:accounts.deactivate') : t('manage:accounts.reactivate')}
            </button>
          </Form>
        </section>
      ) : null}
    </main>
  )
}
