import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'

// A JIPPNas record as read (issue 15), shared by the record page and the public page:
// its details and the finalist application's indicators.

export interface RecordView {
  summary: string
  venture_name: string
  province_name: string
  national_issue_name_id: string
  national_issue_name_en: string
  province_issue_title_id: string
  province_issue_title_en: string
  regency_name: string | null
  opd_name: string | null
  started_on: string
  status: 'running' | 'continuing' | 'stopped'
  stop_reason: string | null
}

export function RecordDetails({ record }: { record: RecordView }) {
  const { t, i18n } = useTranslation(['common', 'jippnas'])
  const lng = i18n.language as Language
  const en = lng === 'en'
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">{t('jippnas:record.details')}</h2>
      <p className="prose">{record.summary}</p>
      <dl>
        <dt>{t('jippnas:public.status')}</dt>
        <dd>
          {t(`jippnas:status.${record.status}`)}
          {record.stop_reason ? ` — ${t('jippnas:record.stopReason', { reason: record.stop_reason })}` : null}
        </dd>
        <dt>{t('jippnas:public.issue')}</dt>
        <dd>
          {en ? record.province_issue_title_en : record.province_issue_title_id} (
          {en ? record.national_issue_name_en : record.national_issue_name_id})
        </dd>
        <dt>{t('jippnas:public.where')}</dt>
        <dd>{record.regency_name ? `${record.regency_name}, ${record.province_name}` : record.province_name}</dd>
        <dt>{t('jippnas:public.agency')}</dt>
        <dd>{record.opd_name ?? t('jippnas:record.none')}</dd>
        <dt>{t('jippnas:public.venture')}</dt>
        <dd>{record.venture_name}</dd>
        <dt>{t('jippnas:public.startedOn')}</dt>
        <dd>{formatDate(record.started_on, lng)}</dd>
      </dl>
    </section>
  )
}

export function IndicatorTable({
  indicators,
}: {
  indicators: { id: string; name: string; baseline: string; target: string; unit: string }[]
}) {
  const { t } = useTranslation(['common', 'jippnas'])
  return (
    <section aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">{t('jippnas:record.indicators')}</h2>
      {indicators.length === 0 ? (
        <p className="empty">{t('jippnas:record.noIndicators')}</p>
      ) : (
        <div className="table-wrap">
          <table id="indicators">
            <caption>{t('jippnas:record.indicatorsIntro')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('jippnas:record.indicator')}</th>
                <th scope="col">{t('jippnas:record.baseline')}</th>
                <th scope="col">{t('jippnas:record.target')}</th>
                <th scope="col">{t('jippnas:record.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.name}</th>
                  <td>{i.baseline}</td>
                  <td>{i.target}</td>
                  <td>{i.unit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
