import type { FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { ISSUE_ICONS } from '#app/modules/programme/programme-rules.ts'
import { SelectField, TextAreaField } from '#app/ui/catalogue-fields.tsx'
import { TextField } from '#app/ui/fields.tsx'

type Meta = FieldMetadata<string | undefined, any, string[]>

/** The bilingual fields of a national issue (names, descriptions, icon), shared by create and edit. */
export function IssueFields({
  fields,
}: {
  fields: { name_id: Meta; name_en: Meta; description_id: Meta; description_en: Meta; icon: Meta }
}) {
  const { t } = useTranslation(['common', 'national'])
  return (
    <>
      <TextField field={fields.name_id} label={t('national:issues.nameId')} maxLength={120} />
      <TextField field={fields.name_en} label={t('national:issues.nameEn')} maxLength={120} />
      <TextAreaField field={fields.description_id} label={t('national:issues.descriptionId')} maxLength={2000} />
      <TextAreaField field={fields.description_en} label={t('national:issues.descriptionEn')} maxLength={2000} />
      <SelectField
        field={fields.icon}
        label={t('national:issues.icon')}
        placeholder={t('national:choose')}
        options={ISSUE_ICONS.map((icon) => ({ value: icon, label: t(`national:issues.icons.${icon}`) }))}
      />
    </>
  )
}
