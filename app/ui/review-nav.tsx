import { Link, NavLink } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'

// Navigation shared by Bappeda's review pages (issue 7): the pages of the review, and a
// choice of call when the edition has more than one.

export function ReviewNav({ slug }: { slug: string }) {
  const { t } = useTranslation(['common', 'screening'])
  const base = `/p/${slug}/manage`
  return (
    <nav aria-label={t('screening:nav.label')} className="subnav">
      <Link to={base}>{t('screening:nav.back')}</Link>
      <NavLink to={`${base}/screening`}>{t('screening:nav.screening')}</NavLink>
      <NavLink to={`${base}/review`} end>
        {t('screening:nav.review')}
      </NavLink>
      <NavLink to={`${base}/review/rubric`}>{t('screening:nav.rubric')}</NavLink>
      <NavLink to={`${base}/reviewers`}>{t('screening:nav.reviewers')}</NavLink>
      <NavLink to={`${base}/review/assignments`}>{t('screening:nav.assignments')}</NavLink>
    </nav>
  )
}

export function CallPicker({
  calls,
  current,
  timeZone,
}: {
  calls: { id: string; opens_at: string | Date; closes_at: string | Date }[]
  current: string
  timeZone: string
}) {
  const { t, i18n } = useTranslation(['common', 'screening'])
  const lng = i18n.language as Language
  if (calls.length < 2) return null
  const at = (d: string | Date) => formatDateTime(new Date(d), lng, timeZone)
  return (
    <nav aria-label={t('screening:nav.calls')} className="subnav">
      {calls.map((c) =>
        c.id === current ? (
          <strong key={c.id} aria-current="page">
            {t('screening:nav.call', { opens: at(c.opens_at), closes: at(c.closes_at) })}
          </strong>
        ) : (
          <Link key={c.id} to={`?call=${c.id}`}>
            {t('screening:nav.call', { opens: at(c.opens_at), closes: at(c.closes_at) })}
          </Link>
        ),
      )}
    </nav>
  )
}
