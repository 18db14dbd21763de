import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatNumber } from '#app/i18n/format.ts'
import { progressPercent } from '#app/modules/impact/impact-rules.ts'
import { LineChart, type LineChartReference } from './charts.tsx'
import { ProgressBar } from './page-parts.tsx'

// One indicator of an innovation (issue 15): baseline, target, the latest confirmed
// measurement, progress against the baseline, and a line chart of the confirmed
// measurements with the same figures in a table. Reusable wherever an innovation is shown.

export interface IndicatorSummary {
  key: string
  kind: 'application' | 'issue'
  name: { id: string; en: string }
  unit: string
  baseline: number | null
  target: number | null
  baselineText: string
  baselineYear: number | null
  baselineSource: string | null
  measurements: readonly { id: string; value: string; measured_on: string; status: string }[]
  latest: { value: string; measured_on: string } | null
  progress: number | null
  change: { change: number; improving: boolean | null } | null
}

const at = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`)

export function IndicatorPanel({ indicator: i }: { indicator: IndicatorSummary }) {
  const { t, i18n } = useTranslation(['common', 'impact'])
  const lng = i18n.language as Language
  const name = lng === 'en' ? i.name.en : i.name.id
  const num = (v: number) => `${formatNumber(v, lng, { maximumFractionDigits: 2 })}${i.unit ? ` ${i.unit}` : ''}`
  const confirmed = i.measurements.filter((m) => m.status === 'confirmed')
  const references: LineChartReference[] = []
  if (i.baseline !== null)
    references.push({
      kind: 'baseline',
      value: i.baseline,
      label: t('impact:indicator.baseline'),
      valueText: num(i.baseline),
    })
  if (i.target !== null)
    references.push({ kind: 'target', value: i.target, label: t('impact:indicator.target'), valueText: num(i.target) })
  const baselineText = i.baseline !== null ? num(i.baseline) : i.baselineText
  const targetText = i.target !== null ? t('impact:indicator.chartTarget', { target: num(i.target) }) : ''
  const percent = progressPercent(i.progress)
  const last = confirmed[confirmed.length - 1]
  return (
    <section className="box" aria-labelledby={`ind-${i.key}`}>
      <h3 id={`ind-${i.key}`}>{name}</h3>
      {i.kind === 'issue' && i.baselineYear !== null ? (
        <p className="muted">
          {t('impact:indicator.baselineOf', { year: i.baselineYear, source: i.baselineSource ?? '' })}
        </p>
      ) : null}
      <p>
        {i.latest
          ? t('impact:indicator.latest', {
              value: num(Number(i.latest.value)),
              date: formatDate(i.latest.measured_on, lng),
            })
          : t('impact:indicator.noConfirmed')}
      </p>
      {i.change ? (
        <p>
          {i.change.improving === null
            ? t('impact:indicator.changeNone')
            : t(i.change.improving ? 'impact:indicator.changeBetter' : 'impact:indicator.changeWorse', {
                change: num(Math.abs(i.change.change)),
              })}
        </p>
      ) : null}
      {percent !== null ? (
        <ProgressBar value={percent} max={100} label={t('impact:indicator.progress', { percent })} />
      ) : null}
      <LineChart
        id={`chart-${i.key.replace(':', '-')}`}
        texts={{
          title: t('impact:indicator.chartTitle', { name }),
          desc: last
            ? t('impact:indicator.chartDesc', {
                baseline: baselineText,
                target: targetText,
                count: confirmed.length,
                latest: num(Number(last.value)),
                date: formatDate(last.measured_on, lng),
              })
            : t('impact:indicator.chartDescEmpty', { baseline: baselineText, target: targetText }),
        }}
        points={confirmed.map((m) => ({
          at: at(m.measured_on),
          value: Number(m.value),
          atText: formatDate(m.measured_on, lng),
          valueText: num(Number(m.value)),
        }))}
        references={references}
        columns={{ at: t('impact:indicator.when'), value: t('impact:indicator.value') }}
        formatTick={(v) => formatNumber(v, lng, { maximumFractionDigits: 2 })}
      />
    </section>
  )
}
