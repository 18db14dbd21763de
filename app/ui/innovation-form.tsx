import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { type ErrorItem, ErrorSummary } from './error-summary.tsx'
import { FieldErrors, useErrorText } from './fields.tsx'

// The JIPPNas record form (issue 15), a plain HTML form on a page that does not hydrate:
// the new-record page (prefilled from the finalist) and the record page share it. After
// a 400 it shows what was typed and the localised errors, summed up at the top.

export interface InnovationFormValues {
  title: string
  summary: string
  province_issue: string
  regency: string
  opd: string
  venture_name: string
  started_on: string
  status: 'running' | 'continuing' | 'stopped'
  stop_reason: string
  is_public: boolean
}

/** A failed save: the first error of each field, and what was typed. */
export interface InnovationFormReply {
  errors: Record<string, string>
  values: Partial<Record<keyof InnovationFormValues, string>>
}

export interface InnovationChoices {
  issues: { id: string; title_id: string; title_en: string; edition_name: string }[]
  opds: { id: string; name: string; short_name: string }[]
  regencies: { code: string; name: string }[]
}

const FIELDS = [
  'title',
  'summary',
  'province_issue',
  'regency',
  'opd',
  'venture_name',
  'started_on',
  'status',
  'stop_reason',
] as const

export function InnovationForm({
  values,
  reply,
  choices,
  hidden,
  submitLabel,
}: {
  values: InnovationFormValues
  reply: InnovationFormReply | undefined
  choices: InnovationChoices
  hidden: Record<string, string>
  submitLabel: string
}) {
  const { t, i18n } = useTranslation(['common', 'jippnas'])
  const text = useErrorText()
  const v = (name: keyof InnovationFormValues) =>
    reply ? (reply.values[name] ?? '') : typeof values[name] === 'boolean' ? '' : String(values[name])
  const isPublic = reply ? reply.values.is_public === 'on' : values.is_public
  const err = (name: string) => (reply?.errors[name] ? [reply.errors[name]] : undefined)
  const label = (name: (typeof FIELDS)[number]) => t(`jippnas:form.${name}`)
  const described = (name: string) => (reply?.errors[name] ? `innovation-${name}-error` : undefined)
  const items: ErrorItem[] = FIELDS.filter((f) => reply?.errors[f]).map((f) => ({
    fieldId: `innovation-${f}`,
    text: `${label(f)}: ${text(reply?.errors[f] ?? '')}`,
  }))
  if (reply?.errors['']) items.unshift({ text: text(reply.errors['']) })
  const english = i18n.language === 'en'
  const field = (name: (typeof FIELDS)[number], control: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`innovation-${name}`}>{label(name)}</label>
      {hint ? <p className="hint">{hint}</p> : null}
      {control}
      <FieldErrors id={`innovation-${name}-error`} errors={err(name)} />
    </div>
  )
  return (
    <Form method="post" className="box" id="innovation">
      <ErrorSummary items={items} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {field(
        'title',
        <input
          id="innovation-title"
          name="title"
          defaultValue={v('title')}
          maxLength={200}
          aria-describedby={described('title')}
        />,
      )}
      {field(
        'summary',
        <textarea
          id="innovation-summary"
          name="summary"
          defaultValue={v('summary')}
          maxLength={4000}
          rows={6}
          aria-describedby={described('summary')}
        />,
      )}
      {field(
        'province_issue',
        <select id="innovation-province_issue" name="province_issue" defaultValue={v('province_issue')}>
          {choices.issues.map((i) => (
            <option key={i.id} value={i.id}>
              {english ? i.title_en : i.title_id} ({i.edition_name})
            </option>
          ))}
        </select>,
        t('jippnas:form.issueHint'),
      )}
      {field(
        'regency',
        <select id="innovation-regency" name="regency" defaultValue={v('regency')}>
          <option value="">{t('jippnas:form.provinceWide')}</option>
          {choices.regencies.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>,
      )}
      {field(
        'opd',
        <select id="innovation-opd" name="opd" defaultValue={v('opd')}>
          <option value="">{t('jippnas:form.noAgency')}</option>
          {choices.opds.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.short_name})
            </option>
          ))}
        </select>,
      )}
      {field(
        'venture_name',
        <input
          id="innovation-venture_name"
          name="venture_name"
          defaultValue={v('venture_name')}
          maxLength={200}
          aria-describedby={described('venture_name')}
        />,
      )}
      {field(
        'started_on',
        <input
          id="innovation-started_on"
          name="started_on"
          type="date"
          defaultValue={v('started_on')}
          aria-describedby={described('started_on')}
        />,
      )}
      {field(
        'status',
        <select id="innovation-status" name="status" defaultValue={v('status')}>
          {(['running', 'continuing', 'stopped'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`jippnas:status.${s}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'stop_reason',
        <textarea
          id="innovation-stop_reason"
          name="stop_reason"
          defaultValue={v('stop_reason')}
          maxLength={1000}
          rows={2}
          aria-describedby={described('stop_reason')}
        />,
        t('jippnas:form.stopReasonHint'),
      )}
      <div className="field">
        <label>
          <input type="checkbox" name="is_public" defaultChecked={isPublic} /> {t('jippnas:form.isPublic')}
        </label>
      </div>
      <button type="submit">{submitLabel}</button>
    </Form>
  )
}
