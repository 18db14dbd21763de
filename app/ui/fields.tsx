import { type FieldMetadata, getInputProps, getSelectProps } from '@conform-to/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** Translates an error message that is a translation key (from a zod schema). */
export function useErrorText() {
  const { t } = useTranslation()
  return (key: string) => t(key as 'errors.genericTitle')
}

export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const text = useErrorText()
  if (!errors?.length) return null
  return (
    <p id={id} className="field-error" role="alert">
      {errors.map(text).join(' ')}
    </p>
  )
}

/** What every conform field shows around its control: the label, an optional hint, the localised errors. */
export function FieldFrame({
  field,
  label,
  hint,
  children,
}: {
  field: { id: string; errorId: string; errors?: string[] }
  label: ReactNode
  hint?: ReactNode
  children: ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${field.id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  )
}

/** A labelled input bound to a conform field: keeps what was typed, shows localised errors. */
export function TextField({
  field,
  label,
  type = 'text',
  hint,
  autoComplete,
  maxLength,
}: {
  field: FieldMetadata<string | undefined, any, string[]>
  label: ReactNode
  type?: 'text' | 'email' | 'password' | 'tel'
  hint?: ReactNode
  autoComplete?: string
  maxLength?: number
}) {
  const props = getInputProps(field, { type, ariaAttributes: true })
  return (
    <FieldFrame field={field} label={label} hint={hint}>
      <input {...props} key={props.key} autoComplete={autoComplete} maxLength={maxLength} />
    </FieldFrame>
  )
}

/** A province picked by slug from a list (registration, the national invitation), bound to a conform field. */
export function ProvinceSelect({
  field,
  provinces,
}: {
  field: FieldMetadata<string | undefined, any, string[]>
  provinces: { slug: string; name: string }[]
}) {
  const { t } = useTranslation(['common', 'auth'])
  return (
    <FieldFrame field={field} label={t('auth:fields.province')}>
      <select {...getSelectProps(field)} key={field.key}>
        <option value="">{t('auth:fields.chooseProvince')}</option>
        {provinces.map((p) => (
          <option key={p.slug} value={p.slug}>
            {p.name}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

/**
 * A status message for the whole form (success or failure). `outcome` marks the answer
 * to an earlier save, which the apply pages' autosave replaces with its own status
 * (app/enhance/enhance.js), so the page never shows two answers at once.
 */
export function FormMessage({
  kind,
  children,
  outcome = false,
}: {
  kind: 'error' | 'ok' | 'info'
  children: ReactNode
  outcome?: boolean
}) {
  return (
    <p
      className={kind === 'error' ? 'form-error' : kind === 'ok' ? 'form-ok' : 'form-info'}
      role={kind === 'error' ? 'alert' : 'status'}
      data-outcome={outcome ? '' : undefined}
    >
      {children}
    </p>
  )
}
