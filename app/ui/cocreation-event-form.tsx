import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { eventSchema } from '#app/modules/cocreation/cocreation.schema.ts'
import { CheckboxesField, InputField, SelectField, TextAreaField } from '#app/ui/catalogue-fields.tsx'
import { FormErrorSummary } from '#app/ui/error-summary.tsx'
import { FieldErrors, TextField } from '#app/ui/fields.tsx'

// The co-creation event form: empty on the "new" page, filled on the "edit" page. A plain
// multipart form (the minutes are a PDF upload) that works without JavaScript.

export interface EventChoices {
  agencies: {
    id: string
    name: string
    short_name: string
    level: 'province' | 'regency'
    regency_name: string | null
  }[]
  finalists: { id: string; venture: string; edition: string }[]
  topics: { id: string; name_id: string; name_en: string }[]
  regencies: { code: string; name: string }[]
}

export interface EventDefaults {
  held_on: string
  place: string
  regency_code?: string
  organiser_kind: 'bappeda' | 'erat'
  organiser_name: string
  invited: string[]
  present: string[]
  finalists: string[]
  topics: string[]
  outcomes: string
  next_meeting_on?: string
}

export function CocreationEventForm({
  lastResult,
  choices,
  defaultValue,
  hasMinutes = false,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  choices: EventChoices
  defaultValue?: EventDefaults
  hasMinutes?: boolean
}) {
  const { t, i18n } = useTranslation(['common', 'cocreation'])
  const lng = i18n.language as Language
  const [form, fields] = useForm({
    id: 'cocreation',
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eventSchema }),
    shouldValidate: 'onBlur',
  })
  // conform's id scheme (`<form id>-<name>`), so the error summary links to the file field.
  const minutesId = `${form.id}-minutes`
  const minutesErrors = form.allErrors.minutes
  const agencyOptions = choices.agencies.map((a) => ({
    value: a.id,
    label: a.regency_name ? `${a.short_name} — ${a.name} (${a.regency_name})` : `${a.short_name} — ${a.name}`,
  }))
  const labels = {
    held_on: t('cocreation:events.heldOn'),
    place: t('cocreation:events.place'),
    regency_code: t('cocreation:events.regency'),
    organiser_kind: t('cocreation:events.organiserKind'),
    organiser_name: t('cocreation:events.organiserName'),
    invited: t('cocreation:events.invited'),
    present: t('cocreation:events.present'),
    finalists: t('cocreation:events.finalists'),
    topics: t('cocreation:events.topics'),
    outcomes: t('cocreation:events.outcomes'),
    next_meeting_on: t('cocreation:events.nextMeeting'),
    minutes: t('cocreation:events.minutes'),
  }
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="box">
      <FormErrorSummary form={form} labels={labels} />
      <InputField field={fields.held_on} label={labels.held_on} type="date" />
      <TextField field={fields.place} label={labels.place} hint={t('cocreation:events.placeHint')} maxLength={200} />
      <SelectField
        field={fields.regency_code}
        label={labels.regency_code}
        placeholder={t('cocreation:events.regencyNone')}
        options={choices.regencies.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }))}
      />
      <SelectField
        field={fields.organiser_kind}
        label={labels.organiser_kind}
        placeholder={t('cocreation:events.choose')}
        options={[
          { value: 'bappeda', label: t('cocreation:organisers.bappeda') },
          { value: 'erat', label: t('cocreation:organisers.erat') },
        ]}
      />
      <TextField
        field={fields.organiser_name}
        label={labels.organiser_name}
        hint={t('cocreation:events.organiserNameHint')}
        maxLength={200}
      />
      <CheckboxesField field={fields.invited} legend={labels.invited} options={agencyOptions} />
      <CheckboxesField field={fields.present} legend={labels.present} options={agencyOptions} />
      {choices.finalists.length === 0 ? (
        <p className="muted">{t('cocreation:events.noFinalists')}</p>
      ) : (
        <CheckboxesField
          field={fields.finalists}
          legend={labels.finalists}
          options={choices.finalists.map((f) => ({ value: f.id, label: `${f.venture} (${f.edition})` }))}
        />
      )}
      <CheckboxesField
        field={fields.topics}
        legend={labels.topics}
        options={choices.topics.map((n) => ({ value: n.id, label: lng === 'en' ? n.name_en : n.name_id }))}
      />
      <TextAreaField field={fields.outcomes} label={labels.outcomes} maxLength={4000} rows={5} />
      <InputField field={fields.next_meeting_on} label={labels.next_meeting_on} type="date" />
      {/* The file is never pre-filled (chosen again on each save); its errors come from the server. */}
      <div className="field">
        <label htmlFor={minutesId}>{labels.minutes}</label>
        <p className="hint" id={`${minutesId}-hint`}>
          {hasMinutes ? t('cocreation:events.minutesReplaceHint') : t('cocreation:events.minutesHint')}
        </p>
        <input
          id={minutesId}
          name="minutes"
          type="file"
          accept="application/pdf,.pdf"
          aria-describedby={minutesErrors ? `${minutesId}-hint ${minutesId}-error` : `${minutesId}-hint`}
          aria-invalid={minutesErrors ? true : undefined}
        />
        <FieldErrors id={`${minutesId}-error`} errors={minutesErrors} />
      </div>
      <button type="submit">{defaultValue ? t('cocreation:events.save') : t('cocreation:events.create')}</button>
    </Form>
  )
}
