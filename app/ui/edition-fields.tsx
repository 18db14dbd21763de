import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { InputField, SelectField, TextAreaField } from '#app/ui/catalogue-fields.tsx'
import { TextField } from '#app/ui/fields.tsx'

// The fields an edition is created and edited with (national.editions pages), and
// their labels for the error summary, so both forms say the same.

type EditionField = 'name' | 'starts_on' | 'ends_on' | 'legal_basis' | 'status'

/** The labels of an edition's fields, keyed as the form names them. */
export function useEditionLabels(): Record<EditionField, string> {
  const { t } = useTranslation(['national'])
  return {
    name: t('national:editions.name'),
    starts_on: t('national:editions.startsOn'),
    ends_on: t('national:editions.endsOn'),
    legal_basis: t('national:editions.legalBasis'),
    status: t('national:editions.statusLabel'),
  }
}

/** Name, dates, legal basis and status of an edition, bound to the page's conform form. */
export function EditionFields({
  fields,
}: {
  fields: Record<EditionField, FieldMetadata<string | undefined, any, string[]>>
}) {
  const { t } = useTranslation(['national'])
  const labels = useEditionLabels()
  return (
    <>
      <TextField field={fields.name} label={labels.name} maxLength={120} />
      <InputField field={fields.starts_on} label={labels.starts_on} type="date" />
      <InputField field={fields.ends_on} label={labels.ends_on} type="date" />
      <TextAreaField field={fields.legal_basis} label={labels.legal_basis} maxLength={300} rows={2} />
      <SelectField
        field={fields.status}
        label={labels.status}
        placeholder={t('national:choose')}
        options={(['planned', 'active', 'closed'] as const).map((s) => ({
          value: s,
          label: t(`national:editions.status.${s}`),
        }))}
      />
    </>
  )
}
