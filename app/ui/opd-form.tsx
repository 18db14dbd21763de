import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { type OpdInput, opdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { SelectField } from '#app/ui/catalogue-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { TextField } from '#app/ui/fields.tsx'

export interface RegencyChoice {
  code: string
  name: string
  kind: 'kabupaten' | 'kota'
}

/** The OPD form: empty on the directory page (new OPD), filled on the edit page. */
export function OpdForm({
  lastResult,
  defaultValue,
  submitLabel,
  regencies,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  defaultValue?: OpdInput
  submitLabel?: string
  /** The province's kabupaten/kota: a regency agency names one of them. */
  regencies: readonly RegencyChoice[]
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
          level: t('catalogue:opds.level'),
          regency_code: t('catalogue:opds.regency'),
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
      <SelectField
        field={fields.level}
        label={t('catalogue:opds.level')}
        placeholder={t('catalogue:opds.levels.province')}
        options={[{ value: 'regency', label: t('catalogue:opds.levels.regency') }]}
      />
      <SelectField
        field={fields.regency_code}
        label={t('catalogue:opds.regency')}
        placeholder={t('catalogue:opds.regencyNone')}
        options={regencies.map((r) => ({
          value: r.code,
          label: `${t(`catalogue:opds.kinds.${r.kind}`)} ${r.name} (${r.code})`,
        }))}
      />
      <TextField field={fields.head_name} label={t('catalogue:opds.headOptional')} maxLength={120} />
      <TextField field={fields.contact_email} label={t('catalogue:opds.email')} type="email" maxLength={254} />
      <TextField field={fields.contact_phone} label={t('catalogue:opds.phone')} type="tel" maxLength={20} />
      <button type="submit">{submitLabel ?? t('catalogue:opds.create')}</button>
    </Form>
  )
}
