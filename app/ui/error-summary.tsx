import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from './fields.tsx'

/** One problem of a form that failed: its text and, for a field, the field's id. */
export interface ErrorItem {
  /** The id of the field to jump to (no `#`); none for a problem of the whole form. */
  fieldId?: string
  text: string
}

/**
 * The error summary (GOV.UK pattern) at the top of a form that failed: a titled box,
 * focused when the page loads, listing each problem as a link to its field. Works
 * without JavaScript (`autofocus` on a `tabindex=-1` box, plain fragment links).
 * Renders nothing when there is no problem. Every form shows its failures with this.
 */
export function ErrorSummary({ items, title }: { items: ErrorItem[]; title?: string }) {
  const { t } = useTranslation()
  const titleId = useId()
  if (items.length === 0) return null
  return (
    // biome-ignore lint/a11y/noAutofocus: the GOV.UK pattern moves focus to the summary of a failed form.
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} autoFocus>
      <h2 id={titleId}>{title ?? t('errors.summaryTitle')}</h2>
      <ul>
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rendered once per answer and never reordered.
          <li key={i}>{item.fieldId ? <a href={`#${item.fieldId}`}>{item.text}</a> : item.text}</li>
        ))}
      </ul>
    </div>
  )
}

/** The subset of a conform form's metadata the summary reads. */
interface ConformForm {
  id: string
  allErrors: Record<string, string[]>
}

/**
 * The summary of a conform form: every field's errors (translation keys from the zod
 * schema), prefixed by the field's label when `labels` names it ("Email: Wajib diisi."),
 * linking to the field's id (`<form id>-<name>`, conform's scheme). Errors of the whole
 * form are listed without a link. Each field appears once, in the order the form has them.
 */
export function FormErrorSummary({
  form,
  labels = {},
  extra = [],
}: {
  form: ConformForm
  labels?: Record<string, string>
  /** Further problems the server reported outside the schema (refusals). */
  extra?: ErrorItem[]
}) {
  const text = useErrorText()
  return <ErrorSummary items={[...conformErrorItems(form, labels, text), ...extra]} />
}

export function conformErrorItems(
  form: ConformForm,
  labels: Record<string, string>,
  text: (key: string) => string,
): ErrorItem[] {
  const order = Object.keys(labels)
  const entries = Object.entries(form.allErrors ?? {}).filter(([, errors]) => errors?.length)
  const rank = (name: string) => {
    const i = order.indexOf(baseName(name))
    return i === -1 ? order.length : i
  }
  entries.sort(([a], [b]) => rank(a) - rank(b))
  return entries.map(([name, errors]) => {
    const message = errors.map(text).join(' ')
    if (name === '' || name === form.id) return { text: message }
    const label = labels[name] ?? labels[baseName(name)]
    return { fieldId: fieldIdOf(form.id, name), text: label ? `${label}: ${message}` : message }
  })
}

/**
 * The id of a field's control: conform's `<form id>-<name>`; a row of a list
 * ("indicators[1].baseline") is `<form id>-indicators-1-baseline`, as the list
 * components render it (IndicatorRows in application-fields.tsx).
 */
export function fieldIdOf(formId: string, name: string): string {
  return `${formId}-${name.replace(/\[(\d+)\]\.?/g, '-$1-').replace(/-$/, '')}`
}

/** "indicators[0].name" → "indicators", "email" → "email". */
function baseName(name: string): string {
  return name.replace(/[[.].*$/, '')
}
