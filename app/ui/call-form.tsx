import { type FieldMetadata, getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { callSchema, extendSchema } from '#app/modules/calls/calls.schema.ts'
import { TextAreaField } from '#app/ui/catalogue-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FieldFrame, TextField } from '#app/ui/fields.tsx'

// The call forms. They work without JavaScript (plain posts, the server answers with
// the typed values and localised errors) and validate on blur when it runs.

type Meta = FieldMetadata<any, any, string[]>

/** The form's values as the browser holds them: strings, local wall-clock times. */
export interface CallFormValues {
  opens_at: string
  closes_at: string
  eligibility_id: string
  eligibility_en: string
  faq_id: string
  faq_en: string
  max_applications: string
  helpdesk_phone: string
  helpdesk_whatsapp: string
  helpdesk_email: string
}

function DateTimeField({
  field,
  label,
  hint,
  readOnly,
  min,
  max,
}: {
  field: Meta
  label: ReactNode
  hint?: ReactNode
  readOnly?: boolean
  min?: string
  max?: string
}) {
  const props = getInputProps(field, { type: 'datetime-local', ariaAttributes: true })
  return (
    <FieldFrame field={field} label={label} hint={hint}>
      <input {...props} key={props.key} readOnly={readOnly} min={min} max={max} />
    </FieldFrame>
  )
}

function NumberField({ field, label, hint }: { field: Meta; label: ReactNode; hint: ReactNode }) {
  const props = getInputProps(field, { type: 'number', ariaAttributes: true })
  return (
    <FieldFrame field={field} label={label} hint={hint}>
      <input {...props} key={props.key} min={1} max={10} step={1} />
    </FieldFrame>
  )
}

/** Creating (empty) or editing (filled) a call; dates are labelled with the province's zone (WIB/WITA/WIT). */
export function CallForm({
  lastResult,
  defaultValue,
  zone,
  period,
  datesLocked = false,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  defaultValue?: CallFormValues
  zone: string
  period?: { min: string; max: string; text: string }
  datesLocked?: boolean
}) {
  const { t } = useTranslation(['common', 'calls'])
  const [form, fields] = useForm({
    id: 'call',
    lastResult,
    defaultValue: defaultValue ?? { max_applications: '1' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: callSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="box">
      <FormErrorSummary
        form={form}
        labels={{
          opens_at: t('calls:form.opensAt', { zone }),
          closes_at: t('calls:form.closesAt', { zone }),
          eligibility_id: t('calls:form.eligibilityId'),
          eligibility_en: t('calls:form.eligibilityEn'),
          faq_id: t('calls:form.faqId'),
          faq_en: t('calls:form.faqEn'),
          max_applications: t('calls:form.maxApplications'),
          helpdesk_phone: t('calls:form.helpdeskPhone'),
          helpdesk_whatsapp: t('calls:form.helpdeskWhatsapp'),
          helpdesk_email: t('calls:form.helpdeskEmail'),
        }}
      />
      <h2>{defaultValue ? t('calls:form.editHeading') : t('calls:form.newHeading')}</h2>
      <input type="hidden" name="intent" value={defaultValue ? 'save' : 'create'} />
      <fieldset>
        <legend>{t('calls:form.datesLegend')}</legend>
        {period ? <p className="hint">{t('calls:form.periodHint', { period: period.text })}</p> : null}
        {datesLocked ? <p className="hint">{t('calls:form.datesLockedHint')}</p> : null}
        <DateTimeField
          field={fields.opens_at}
          label={t('calls:form.opensAt', { zone })}
          readOnly={datesLocked}
          min={period?.min}
          max={period?.max}
        />
        <DateTimeField
          field={fields.closes_at}
          label={t('calls:form.closesAt', { zone })}
          readOnly={datesLocked}
          min={period?.min}
          max={period?.max}
        />
      </fieldset>
      <fieldset>
        <legend>{t('calls:form.detailsLegend')}</legend>
        <TextAreaField field={fields.eligibility_id} label={t('calls:form.eligibilityId')} maxLength={4000} rows={5} />
        <TextAreaField field={fields.eligibility_en} label={t('calls:form.eligibilityEn')} maxLength={4000} rows={5} />
        <TextAreaField field={fields.faq_id} label={t('calls:form.faqId')} maxLength={8000} rows={5} />
        <TextAreaField field={fields.faq_en} label={t('calls:form.faqEn')} maxLength={8000} rows={5} />
        <NumberField
          field={fields.max_applications}
          label={t('calls:form.maxApplications')}
          hint={t('calls:form.maxApplicationsHint')}
        />
      </fieldset>
      <fieldset>
        <legend>{t('calls:form.helpdeskLegend')}</legend>
        <TextField field={fields.helpdesk_phone} label={t('calls:form.helpdeskPhone')} type="tel" maxLength={20} />
        <TextField
          field={fields.helpdesk_whatsapp}
          label={t('calls:form.helpdeskWhatsapp')}
          type="tel"
          maxLength={20}
        />
        <TextField field={fields.helpdesk_email} label={t('calls:form.helpdeskEmail')} type="email" maxLength={254} />
      </fieldset>
      {/* Creating is the calls page's step; on a call's own page publishing or extending is. */}
      <button type="submit" className={defaultValue ? 'secondary' : undefined}>
        {defaultValue ? t('calls:form.save') : t('calls:form.create')}
      </button>
    </Form>
  )
}

/** Moving a published call's closing later, before it closes. */
export function ExtendForm({
  lastResult,
  zone,
  current,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  zone: string
  current: string
}) {
  const { t } = useTranslation(['common', 'calls'])
  const [form, fields] = useForm({
    id: 'extend',
    lastResult,
    defaultValue: { closes_at: current },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: extendSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="box">
      <FormErrorSummary form={form} labels={{ closes_at: t('calls:extend.closesAt', { zone }) }} />
      <h2>{t('calls:extend.heading')}</h2>
      <p className="hint">{t('calls:extend.hint')}</p>
      <input type="hidden" name="intent" value="extend" />
      <DateTimeField field={fields.closes_at} label={t('calls:extend.closesAt', { zone })} min={current} />
      <button type="submit">{t('calls:extend.submit')}</button>
    </Form>
  )
}
