import { type FieldMetadata, getInputProps } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { TIME_ZONES } from '#app/modules/programme/programme-rules.ts'
import { SelectField } from '#app/ui/catalogue-fields.tsx'
import { FieldFrame, TextField } from '#app/ui/fields.tsx'

type Meta = FieldMetadata<string | undefined, any, string[]>

/** A province's own fields (name, BPS code, time zone, logo, Bappeda contact), shared by onboarding and editing. */
export function ProvinceFields({
  fields,
}: {
  fields: {
    name: Meta
    bps_code: Meta
    time_zone: Meta
    logo: FieldMetadata<unknown, any, string[]>
    contact_name: Meta
    contact_email: Meta
    contact_phone: Meta
  }
}) {
  const { t } = useTranslation(['common', 'national'])
  return (
    <>
      <TextField field={fields.name} label={t('national:provinces.name')} maxLength={120} />
      <TextField
        field={fields.bps_code}
        label={t('national:provinces.bpsCode')}
        hint={t('national:provinces.bpsCodeHint')}
        maxLength={2}
      />
      <SelectField
        field={fields.time_zone}
        label={t('national:provinces.timeZone')}
        placeholder={t('national:choose')}
        options={TIME_ZONES.map((zone) => ({ value: zone, label: t(`national:provinces.zones.${zone}`) }))}
      />
      <FieldFrame field={fields.logo} label={t('national:provinces.logo')} hint={t('national:provinces.logoHint')}>
        <input {...getInputProps(fields.logo, { type: 'file', ariaAttributes: true })} accept="image/png,image/jpeg" />
      </FieldFrame>
      <fieldset>
        <legend>{t('national:provinces.contactLegend')}</legend>
        <TextField field={fields.contact_name} label={t('national:provinces.contactName')} maxLength={120} />
        <TextField
          field={fields.contact_email}
          label={t('national:provinces.contactEmail')}
          type="email"
          maxLength={254}
        />
        <TextField
          field={fields.contact_phone}
          label={t('national:provinces.contactPhone')}
          type="tel"
          maxLength={20}
        />
      </fieldset>
    </>
  )
}
