import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { resetPassword, resetTokenIsValid } from '#app/modules/auth/accounts.server.ts'
import { resetSchema } from '#app/modules/auth/auth.schema.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, TextField } from '#app/ui/fields.tsx'

export const handle: RouteHandle = { hydrate: false, title: 'pages.reset' as const }

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const valid = token.length > 0 && token.length <= 200 && (await resetTokenIsValid(context.db, token, context.now()))
  return data({ token, valid }, { status: valid ? 200 : 400 })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: resetSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }), invalid: false }, { status: 400 })
  }
  const ok = await resetPassword(
    context.db,
    submission.value.token,
    submission.value.password,
    requestMeta(request, context),
  )
  if (!ok) return data({ result: submission.reply({ hideFields: ['password'] }), invalid: true }, { status: 400 })
  return redirect('/login?notice=passwordChanged')
}

export default function ResetPassword() {
  const { token, valid } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'auth'])
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <main id="main" className="page narrow">
      <h1>{t('auth:reset.title')}</h1>
      {!valid || actionData?.invalid ? (
        <>
          <FormMessage kind="error">{t('auth:errors.invalidLink')}</FormMessage>
          <p>
            <Link to="/forgot-password">{t('auth:reset.requestNew')}</Link>
          </p>
        </>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <FormErrorSummary form={form} labels={{ password: t('auth:fields.newPassword') }} />
          <input type="hidden" name="token" value={token} />
          <TextField
            field={fields.password}
            label={t('auth:fields.newPassword')}
            type="password"
            hint={t('auth:fields.passwordHint')}
            autoComplete="new-password"
            maxLength={128}
          />
          <button type="submit">{t('auth:reset.submit')}</button>
        </Form>
      )}
    </main>
  )
}
