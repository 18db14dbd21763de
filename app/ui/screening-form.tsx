import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SCREENING_REASONS } from '#app/modules/screening/screening.schema.ts'
import { ErrorSummary } from '#app/ui/error-summary.tsx'
import { FieldErrors, useErrorText } from '#app/ui/fields.tsx'

// The screening decision (issue 7), a plain form that works without JavaScript. Used on
// the decision page, in the list and on the application's detail page; it always posts
// to the decision route, which sends the admin back to where they came from.

export interface DecisionErrors {
  decision?: string
  reason?: string
  note?: string
}

export function ScreeningForm({
  slug,
  applicationId,
  back,
  errors,
  values,
  compact = false,
}: {
  slug: string
  applicationId: string
  /** 'detail', 'page', or the screening list's path with its query string (checked by the action). */
  back: string
  errors?: DecisionErrors
  values?: { decision?: string; reason?: string; note?: string }
  compact?: boolean
}) {
  const { t } = useTranslation(['common', 'screening'])
  const id = (name: string) => `${name}-${applicationId}`
  const text = useErrorText()
  const problems = [
    errors?.decision && {
      fieldId: id('decision'),
      text: `${t('screening:decision.legend')}: ${text(errors.decision)}`,
    },
    errors?.reason && { fieldId: id('reason'), text: `${t('screening:decision.reason')}: ${text(errors.reason)}` },
    errors?.note && { fieldId: id('note'), text: `${t('screening:decision.note')}: ${text(errors.note)}` },
  ].filter((p) => !!p)
  return (
    <Form method="post" action={`/p/${slug}/manage/screening/${applicationId}`} className={compact ? 'inline' : 'box'}>
      <ErrorSummary items={problems} />
      <input type="hidden" name="back" value={back} />
      <fieldset aria-describedby={errors?.decision ? id('decision-error') : undefined}>
        <legend>{t('screening:decision.legend')}</legend>
        <label>
          <input
            type="radio"
            id={id('decision')}
            name="decision"
            value="eligible"
            defaultChecked={values?.decision === 'eligible'}
          />{' '}
          {t('screening:decision.eligible')}
        </label>{' '}
        <label>
          <input type="radio" name="decision" value="ineligible" defaultChecked={values?.decision === 'ineligible'} />{' '}
          {t('screening:decision.ineligible')}
        </label>
        <FieldErrors id={id('decision-error')} errors={errors?.decision ? [errors.decision] : undefined} />
      </fieldset>
      <div className="field">
        <label htmlFor={id('reason')}>{t('screening:decision.reason')}</label>
        <select
          id={id('reason')}
          name="reason"
          defaultValue={values?.reason ?? ''}
          aria-invalid={errors?.reason ? true : undefined}
          aria-describedby={errors?.reason ? id('reason-error') : undefined}
        >
          <option value="">{t('screening:decision.reasonNone')}</option>
          {SCREENING_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`screening:reason.${r}`)}
            </option>
          ))}
        </select>
        <FieldErrors id={id('reason-error')} errors={errors?.reason ? [errors.reason] : undefined} />
      </div>
      <div className="field">
        <label htmlFor={id('note')}>{t('screening:decision.note')}</label>
        <p className="hint" id={id('note-hint')}>
          {t('screening:decision.noteHint')}
        </p>
        <textarea
          id={id('note')}
          name="note"
          maxLength={1000}
          rows={compact ? 2 : 4}
          defaultValue={values?.note ?? ''}
          aria-invalid={errors?.note ? true : undefined}
          aria-describedby={errors?.note ? `${id('note-hint')} ${id('note-error')}` : id('note-hint')}
        />
        <FieldErrors id={id('note-error')} errors={errors?.note ? [errors.note] : undefined} />
      </div>
      {/* In the list (compact) the form repeats per row: one more row, not the page's one primary action. */}
      <button type="submit" className={compact ? 'secondary' : undefined}>
        {t('screening:decision.submit')}
      </button>
    </Form>
  )
}
