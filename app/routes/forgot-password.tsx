import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestPasswordReset } from '#app/modules/auth/accounts.server.ts'
import { forgotSchema } from '#app/modules/auth/auth.schema.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FormMessage, TextField } from '#app/ui/fields.tsx'

export const handle: RouteHandle = { hydrate: false, title: 'pages.forgot' as const }

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), done: false }, { status: 400 })
  await requestPasswordReset(context.db, submission.value.email, requestMeta(request, context))
  context.kickMail?.()
  // Same answer for known and unknown addresses.
  return { result: submission.reply({ resetForm: true }), done: true }
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'auth'])
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <main id="main" className="page narrow">
      <h1>{t('auth:forgot.title')}</h1>
      {actionData?.done ? (
        <FormMessage kind="ok">{t('auth:forgot.done')}</FormMessage>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <FormErrorSummary form={form} labels={{ email: t('auth:fields.email') }} />
          <p>{t('auth:forgot.intro')}</p>
          <TextField
            field={fields.email}
            label={t('auth:fields.email')}
            type="email"
            autoComplete="email"
            maxLength={254}
          />
          <button type="submit">{t('auth:forgot.submit')}</button>
        </Form>
      )}
    </main>
  )
}
