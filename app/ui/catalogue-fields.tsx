import {
  type FieldMetadata,
  getCollectionProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
} from '@conform-to/react'
import type { ReactNode } from 'react'
import { FieldErrors, FieldFrame } from '#app/ui/fields.tsx'

// Form controls the catalogue needs beyond app/ui/fields.tsx's TextField (dates,
// numbers, long texts, choices), bound to conform the same way: they keep what was
// typed and show localised errors.

type Meta = FieldMetadata<any, any, string[]>

/** A labelled date or number input. */
export function InputField({
  field,
  label,
  type,
  hint,
  step,
}: {
  field: Meta
  label: ReactNode
  type: 'date' | 'number' | 'text'
  hint?: ReactNode
  step?: string
}) {
  const props = getInputProps(field, { type, ariaAttributes: true })
  return (
    <FieldFrame field={field} label={label} hint={hint}>
      <input {...props} key={props.key} step={step} inputMode={type === 'text' ? 'decimal' : undefined} />
    </FieldFrame>
  )
}

/** A labelled multi-line text. */
export function TextAreaField({
  field,
  label,
  maxLength,
  rows = 4,
}: {
  field: Meta
  label: ReactNode
  maxLength?: number
  rows?: number
}) {
  const props = getTextareaProps(field, { ariaAttributes: true })
  return (
    <FieldFrame field={field} label={label}>
      <textarea {...props} key={props.key} maxLength={maxLength} rows={rows} />
    </FieldFrame>
  )
}

/** A labelled single choice. */
export function SelectField({
  field,
  label,
  placeholder,
  options,
}: {
  field: Meta
  label: ReactNode
  placeholder: string
  options: { value: string; label: string }[]
}) {
  const props = getSelectProps(field, { ariaAttributes: true })
  return (
    <FieldFrame field={field} label={label}>
      <select {...props} key={props.key}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

/** A group of checkboxes (several OPDs). */
export function CheckboxesField({
  field,
  legend,
  options,
}: {
  field: Meta
  legend: ReactNode
  options: { value: string; label: string }[]
}) {
  const labels = new Map(options.map((o) => [o.value, o.label]))
  return (
    // The id is the one the error summary links to (`fieldIdOf`); each box gets `<id>-<value>`.
    <fieldset id={field.id} className="field" aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>{legend}</legend>
      {getCollectionProps(field, { type: 'checkbox', options: options.map((o) => o.value) }).map((props) => (
        <label key={props.key ?? props.value} className="check">
          <input {...props} key={props.key} /> {labels.get(props.value)}
        </label>
      ))}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  )
}
