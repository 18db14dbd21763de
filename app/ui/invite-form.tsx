import { getFormProps, getSelectProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { inviteSchema, provinceAdminInviteSchema } from '#app/modules/auth/auth.schema.ts'
import { FormErrorSummary } from './error-summary.tsx'
import { FieldFrame, ProvinceSelect, TextField } from './fields.tsx'

/**
 * Invitation form: reviewers pick their OPD; Bappeda admins have none. Given `provinces`
 * (the national home), the inviter picks the province of the new Bappeda admin.
 */
export function InviteForm({
  id,
  heading,
  opds,
  provinces,
  lastResult,
  action,
}: {
  id: string
  heading: string
  opds: { id: string; name: string; short_name: string }[] | null
  provinces?: { slug: string; name: string }[]
  lastResult: SubmissionResult<string[]> | undefined
  action?: string
}) {
  const { t } = useTranslation(['common', 'manage', 'auth'])
  const [form, fields] = useForm<z.input<typeof inviteSchema> & { province?: string }>({
    id,
    lastResult,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: provinces ? provinceAdminInviteSchema : inviteSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="box">
      <FormErrorSummary
        form={form}
        labels={{
          province: t('auth:fields.province'),
          name: t('manage:invite.name'),
          email: t('manage:invite.email'),
          opd: t('manage:invite.opd'),
        }}
      />
      <h3>{heading}</h3>
      <input type="hidden" name="intent" value="invite" />
      {provinces ? <ProvinceSelect field={fields.province} provinces={provinces} /> : null}
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
