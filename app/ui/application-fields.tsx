import { type FieldMetadata, getTextareaProps } from '@conform-to/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormMessage } from '#app/ui/fields.tsx'

// Form controls of the application sections (issue 6). They work without JavaScript:
// the limit is printed next to the field and enforced by `maxLength` and the server.
// Apply pages are not hydrated (docs/decisions/005); public/enhance.js brings the
// counters and the autosave state to life from the data attributes rendered here.

type Meta = FieldMetadata<any, any, string[]>

/** A labelled long text with its character limit shown ("maks. 3000 karakter"). */
export function LimitedTextArea({
  field,
  label,
  hint,
  max,
  rows = 6,
}: {
  field: Meta
  label: ReactNode
  hint?: ReactNode
  max: number
  rows?: number
}) {
  const { t } = useTranslation(['common', 'apply'])
  const props = getTextareaProps(field, { ariaAttributes: true })
  const limitId = `${field.id}-limit`
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? <p className="hint">{hint}</p> : null}
      <p className="hint" id={limitId}>
        {t('apply:form.limit', { max })}
      </p>
      <textarea
        {...props}
        key={props.key}
        maxLength={max}
        rows={rows}
        aria-describedby={[props['aria-describedby'], limitId].filter(Boolean).join(' ')}
      />
      <CharCounter forId={field.id} max={max} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  )
}

export interface IndicatorColumn {
  name: 'name' | 'baseline' | 'target' | 'unit'
  label: string
  max: number
}

/**
 * A fixed number of indicator rows posted as indexed fields (`indicators[0].name`).
 * Rows are drawn by index rather than from conform's list, so blank rows stay on
 * the page after a failed save without JavaScript.
 */
export function IndicatorRows({
  field,
  rows,
  columns,
  legend,
  hint,
}: {
  field: Meta
  rows: number
  columns: IndicatorColumn[]
  legend: ReactNode
  hint?: ReactNode
}) {
  const initial = (field.initialValue ?? []) as (Record<string, string | undefined> | undefined)[]
  const errors = (field.allErrors ?? {}) as Record<string, string[]>
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the rows are fixed positions, posted by index
        <div className="box" key={`${field.key ?? ''}-${i}`}>
          {columns.map((c) => {
            const name = `${field.name}[${i}].${c.name}`
            // The error summary links here by the same scheme (fieldIdOf in error-summary.tsx).
            const id = `${field.id}-${i}-${c.name}`
            const own = errors[name]
            return (
              <div className="field" key={c.name}>
                <label htmlFor={id}>
                  {c.label} {i + 1}
                </label>
                <input
                  id={id}
                  name={name}
                  type="text"
                  defaultValue={initial[i]?.[c.name] ?? ''}
                  maxLength={c.max}
                  aria-invalid={own?.length ? true : undefined}
                  aria-describedby={own?.length ? `${id}-error` : undefined}
                />
                <CharCounter forId={id} max={c.max} />
                <FieldErrors id={`${id}-error`} errors={own} />
              </div>
            )
          })}
        </div>
      ))}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  )
}

/**
 * The live "n / max" counter of a limited field: rendered hidden with its translated
 * template, shown and updated by the enhancement script as the person types.
 */
export function CharCounter({ forId, max }: { forId: string; max: number }) {
  const { t } = useTranslation(['apply'])
  return (
    <p
      className="hint counter"
      data-counter-for={forId}
      data-max={max}
      data-template={t('apply:form.counter')}
      hidden
    />
  )
}

/**
 * Marks a form for autosave: the script posts the form to `url` (JSON answers) and
 * shows these server-translated texts in the status line (`{time}` is filled in
 * with the save time in the page's language).
 */
export function autosaveAttributes(url: string, t: (key: AutosaveKey) => string) {
  return {
    'data-autosave': url,
    'data-saving': t('apply:form.autosave.saving'),
    'data-saved': t('apply:form.autosave.saved'),
    'data-invalid': t('apply:form.autosave.invalid'),
    'data-signed-out': t('apply:form.autosave.signedOut'),
    'data-closed': t('apply:form.autosave.closed'),
    'data-failed': t('apply:form.autosave.failed'),
    'data-unchanged': t('apply:form.autosave.unchanged'),
  }
}
type AutosaveKey =
  `apply:form.autosave.${'saving' | 'saved' | 'invalid' | 'signedOut' | 'closed' | 'failed' | 'unchanged'}`

/** The answer to the last press of Save on a section, one message: saved, nothing changed, or input kept. */
export function SaveNotice({ saved, unchanged, rescued }: { saved: boolean; unchanged: boolean; rescued: boolean }) {
  const { t } = useTranslation(['common', 'apply'])
  if (rescued) return <FormMessage kind="ok">{t('apply:form.rescued')}</FormMessage>
  if (saved)
    return (
      <FormMessage kind="ok" outcome>
        {t('apply:form.saved')}
      </FormMessage>
    )
  if (unchanged)
    return (
      <FormMessage kind="info" outcome>
        {t('apply:form.unchanged')}
      </FormMessage>
    )
  return null
}

/** The status line autosave writes to; empty (and silent) until the first save. */
export function AutosaveStatus() {
  return <p className="autosave-status" data-autosave-status="" role="status" aria-live="polite" />
}
