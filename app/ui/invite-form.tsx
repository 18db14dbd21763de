import { getFormProps, getSelectProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { inviteSchema } from '#app/modules/auth/auth.schema.ts'
import { FormErrorSummary } from './error-summary.tsx'
import { FieldFrame, TextField } from './fields.tsx'

/** Invitation form: reviewers pick their OPD; Bappeda admins have none. */
export function InviteForm({
  id,
  heading,
  opds,
  lastResult,
  action,
  hidden,
}: {
  id: string
  heading: string
  opds: { id: string; name: string; short_name: string }[] | null
  lastResult: SubmissionResult<string[]> | undefined
  action?: string
  hidden?: Record<string, string>
}) {
  const { t } = useTranslation(['common', 'manage', 'auth'])
  const [form, fields] = useForm({
    id,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="box">
      <FormErrorSummary
        form={form}
        labels={{ name: t('manage:invite.name'), email: t('manage:invite.email'), opd: t('manage:invite.opd') }}
      />
      <h3>{heading}</h3>
      <input type="hidden" name="intent" value="invite" />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextField field={fields.name} label={t('manage:invite.name')} autoComplete="off" maxLength={120} />
      <TextField
        field={fields.email}
        label={t('manage:invite.email')}
        type="email"
        autoComplete="off"
        maxLength={254}
      />
      {opds ? (
        <FieldFrame field={fields.opd} label={t('manage:invite.opd')}>
          <select {...getSelectProps(fields.opd)} key={fields.opd.key} required>
            <option value="">{t('manage:invite.chooseOpd')}</option>
            {opds.map((o) => (
              <option key={o.id} value={o.id}>
                {o.short_name} — {o.name}
              </option>
            ))}
          </select>
        </FieldFrame>
      ) : null}
      <button type="submit">{t('manage:invite.submit')}</button>
    </Form>
  )
}
