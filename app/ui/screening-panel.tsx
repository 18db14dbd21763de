import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormMessage } from '#app/ui/fields.tsx'
import { ScreeningForm } from '#app/ui/screening-form.tsx'

// The screening panel on an application's detail page (issue 7): the decision so far,
// and the form while a decision may still be taken or reversed.

export function ScreeningPanel({
  slug,
  screening: s,
  mayScreen,
  screened,
}: {
  slug: string
  screening: {
    id: string
    status: string
    screening_reason: string | null
    screening_note: string | null
    reversible: boolean
    decidable: boolean
  }
  mayScreen: boolean
  screened: boolean
}) {
  const { t } = useTranslation(['common', 'screening'])
  const open = s.decidable && (s.status === 'submitted' || s.reversible)
  return (
    <section aria-labelledby="screening" className="box">
      <h2 id="screening">{t('screening:panel.title')}</h2>
      {screened ? <FormMessage kind="ok">{t('screening:done.screened')}</FormMessage> : null}
      <p>
        {s.status === 'submitted'
          ? t('screening:panel.pending')
          : s.screening_reason
            ? t('screening:panel.ineligible', { reason: t(`screening:reason.${s.screening_reason as 'other'}`) })
            : s.status === 'ineligible'
              ? t('screening:panel.ineligibleNoReason')
              : t('screening:panel.eligible')}
      </p>
      {s.screening_note ? <p className="prose">{s.screening_note}</p> : null}
      {mayScreen && open ? <ScreeningForm slug={slug} applicationId={s.id} back="detail" compact /> : null}
      {mayScreen && !open && s.status !== 'submitted' ? <p className="muted">{t('screening:decision.final')}</p> : null}
      <p>
        <Link to={`/p/${slug}/manage/screening/${s.id}`}>{t('screening:panel.open')}</Link>
      </p>
    </section>
  )
}
