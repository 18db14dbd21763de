import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  redirect,
  redirectDocument,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { languageCookie } from '#app/i18n/detect.ts'
import { isApplyPath } from '#app/modules/applications/apply-paths.ts'
import { loadMemberships, signIn } from '#app/modules/auth/accounts.server.ts'
import { loginSchema } from '#app/modules/auth/auth.schema.ts'
import { safeRedirectPath } from '#app/modules/auth/safe-redirect.ts'
import { startSession } from '#app/modules/auth/sessions.server.ts'
import { getViewer, landingFor, requestMeta } from '#app/modules/auth/viewer.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, TextField } from '#app/ui/fields.tsx'

export const handle: RouteHandle = { hydrate: false, title: 'pages.login' as const }

// Remix passes only cookies from actions to the document unless a route forwards more.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers()
  const retryAfter = actionHeaders.get('Retry-After')
  if (retryAfter) headers.set('Retry-After', retryAfter)
  return headers
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const viewer = await getViewer(request, context)
  if (viewer) {
    const landing = await landingFor(context.db, viewer.user.id, viewer.memberships)
    throw redirect(safeRedirectPath(url.searchParams.get('redirectTo'), landing))
  }
  const notice = url.searchParams.get('notice')
  return { notice: notice === 'passwordChanged' || notice === 'verified' || notice === 'rescued' ? notice : null }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: loginSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }), error: null }, { status: 400 })
  }
  const { email, password, redirectTo } = submission.value
  const result = await signIn(context.db, email, password, requestMeta(request, context))
  const fail = (
    status: number,
    error: { key: 'invalid' | 'unverified' | 'throttled'; minutes?: number },
    headers?: HeadersInit,
  ) => data({ result: submission.reply({ hideFields: ['password'] }), error }, { status, headers })
  switch (result.kind) {
    case 'throttled':
      return fail(
        429,
        { key: 'throttled', minutes: Math.ceil(result.retryAfter / 60) },
        { 'Retry-After': String(result.retryAfter) },
      )
    case 'invalid':
      return fail(401, { key: 'invalid' })
    case 'unverified':
      return fail(403, { key: 'unverified' })
  }
  const headers = new Headers()
  headers.append(
    'Set-Cookie',
    await startSession(context.db, context.secureCookies ?? false, result.userId, context.now()),
  )
  headers.append('Set-Cookie', languageCookie(result.locale, context.secureCookies ?? false))
  const memberships = await loadMemberships(context.db, result.userId)
  const target = safeRedirectPath(redirectTo, await landingFor(context.db, result.userId, memberships))
  // Apply pages ship no React: arrive there with a document load (docs/decisions/005).
  return (isApplyPath(target) ? redirectDocument : redirect)(target, { headers })
}

export default function Login() {
  const { notice } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useTranslation(['common', 'auth'])
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: 'onBlur',
  })
  const error = actionData?.error
  return (
    <main id="main" className="page narrow">
      <h1>{t('auth:login.title')}</h1>
      {notice === 'passwordChanged' ? <FormMessage kind="ok">{t('auth:login.passwordChanged')}</FormMessage> : null}
      {notice === 'verified' ? <FormMessage kind="ok">{t('auth:login.verified')}</FormMessage> : null}
      {notice === 'rescued' ? <FormMessage kind="ok">{t('auth:login.rescued')}</FormMessage> : null}
      {error?.key === 'invalid' ? <FormMessage kind="error">{t('auth:errors.invalidCredentials')}</FormMessage> : null}
      {error?.key === 'unverified' ? <FormMessage kind="error">{t('auth:errors.unverified')}</FormMessage> : null}
      {error?.key === 'throttled' ? (
        <FormMessage kind="error">{t('auth:errors.throttled', { minutes: error.minutes })}</FormMessage>
      ) : null}
      <FormErrorSummary form={form} labels={{ email: t('auth:fields.email'), password: t('auth:fields.password') }} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <TextField
          field={fields.email}
          label={t('auth:fields.email')}
          type="email"
          autoComplete="username"
          maxLength={254}
        />
        <TextField
          field={fields.password}
          label={t('auth:fields.password')}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit">{t('auth:login.submit')}</button>
      </Form>
      <p>
        <Link to="/forgot-password">{t('auth:login.forgot')}</Link>
      </p>
      <p>
        <Link to="/register">{t('auth:login.noAccount')}</Link>
      </p>
    </main>
  )
}
