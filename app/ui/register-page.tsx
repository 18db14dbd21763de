import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { registerSchema } from '#app/modules/auth/auth.schema.ts'
import { FormErrorSummary } from './error-summary.tsx'
import { FormMessage, ProvinceSelect, TextField } from './fields.tsx'

type Province = { slug: string; name: string }
type ActionData = { result: SubmissionResult<string[]>; done: { email: string } | null } | undefined

/** The applicant registration form, with the province chosen or fixed by the URL. */
export function RegisterPage({
  provinces,
  fixed,
  actionData,
}: {
  provinces: Province[]
  fixed: Province | null
  actionData: ActionData
}) {
  const { t } = useTranslation(['common', 'auth', 'privacy'])
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { province: fixed?.slug ?? '' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registerSchema }),
    shouldValidate: 'onBlur',
  })
  const title = fixed ? t('auth:register.titleProvince', { province: fixed.name }) : t('auth:register.title')
  if (actionData?.done) {
    return (
      <main id="main" className="page narrow">
        <h1>{t('auth:register.doneTitle')}</h1>
        <FormMessage kind="ok">{t('auth:register.doneBody', { email: actionData.done.email })}</FormMessage>
      </main>
    )
  }
  return (
    <main id="main" className="page narrow">
      <h1>{title}</h1>
      <p>{t('auth:register.intro')}</p>
      <FormErrorSummary
        form={form}
        labels={{
          name: t('auth:fields.name'),
          email: t('auth:fields.email'),
          phone: t('auth:fields.phone'),
          password: t('auth:fields.password'),
          province: t('auth:fields.province'),
        }}
      />
      <Form method="post" {...getFormProps(form)}>
        <TextField field={fields.name} label={t('auth:fields.name')} autoComplete="name" maxLength={120} />
        <TextField
          field={fields.email}
          label={t('auth:fields.email')}
          type="email"
          autoComplete="email"
          maxLength={254}
        />
        <TextField field={fields.phone} label={t('auth:fields.phone')} type="tel" autoComplete="tel" maxLength={20} />
        <TextField
          field={fields.password}
          label={t('auth:fields.password')}
          type="password"
          hint={t('auth:fields.passwordHint')}
          autoComplete="new-password"
          maxLength={128}
        />
        {fixed ? (
          <input type="hidden" name={fields.province.name} value={fixed.slug} />
        ) : (
          <ProvinceSelect field={fields.province} provinces={provinces} />
        )}
        <p className="muted">
          {t('privacy:registerNote')} <Link to="/privacy">{t('privacy:link')}</Link>
        </p>
        <button type="submit">{t('auth:register.submit')}</button>
      </Form>
      <p>
        <Link to="/login">{t('auth:register.haveAccount')}</Link>
      </p>
    </main>
  )
}
