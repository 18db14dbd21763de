import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { type OpdInput, opdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { TextField } from '#app/ui/fields.tsx'

/** The OPD form: empty on the directory page (new OPD), filled on the edit page. */
export function OpdForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  defaultValue?: OpdInput
  submitLabel?: string
}) {
  const { t } = useTranslation(['common', 'catalogue'])
  const [form, fields] = useForm<OpdInput>({
    id: 'opd',
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: opdSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="box">
      <FormErrorSummary
        form={form}
        labels={{
          name: t('catalogue:opds.name'),
          short_name: t('catalogue:opds.shortName'),
          head_name: t('catalogue:opds.headOptional'),
          contact_email: t('catalogue:opds.email'),
          contact_phone: t('catalogue:opds.phone'),
        }}
      />
      <h2>{defaultValue ? t('catalogue:opds.editHeading') : t('catalogue:opds.newHeading')}</h2>
      <input type="hidden" name="intent" value={defaultValue ? 'save' : 'create'} />
      <TextField field={fields.name} label={t('catalogue:opds.name')} maxLength={200} />
      <TextField
        field={fields.short_name}
        label={t('catalogue:opds.shortName')}
        hint={t('catalogue:opds.shortNameHint')}
        maxLength={40}
      />
      <TextField field={fields.head_name} label={t('catalogue:opds.headOptional')} maxLength={120} />
      <TextField field={fields.contact_email} label={t('catalogue:opds.email')} type="email" maxLength={254} />
      <TextField field={fields.contact_phone} label={t('catalogue:opds.phone')} type="tel" maxLength={20} />
      <button type="submit">{submitLabel ?? t('catalogue:opds.create')}</button>
    </Form>
  )
}
