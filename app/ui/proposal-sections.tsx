import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { SECTIONS, type TextField } from '#app/modules/applications/application-sections.ts'
import { type IndicatorRow, IndicatorTable } from './indicator-table.tsx'

// An application's written sections, read only, as Bappeda and a reviewer see them:
// every field's answer under its section, and the indicators in the section that has them.

/** The sections with fields (the issue is shown apart); a dash for an unanswered field. */
export function ProposalSections({
  answers,
  beneficiaries,
  indicators,
}: {
  answers: Partial<Record<TextField, string | null>>
  beneficiaries: number | null
  indicators: readonly IndicatorRow[]
}) {
  const { t, i18n } = useTranslation(['apply'])
  const lng = i18n.language as Language
  return SECTIONS.filter((s) => s.fields.length > 0).map((s) => (
    <section key={s.key} aria-labelledby={`s-${s.key}`}>
      <h2 id={`s-${s.key}`}>{t(`apply:sections.${s.key}.title`)}</h2>
      {s.fields.map((f) => (
        <div key={f.name}>
          <h3>{t(`apply:fields.${f.name}.label`)}</h3>
          {f.kind === 'count' ? (
            <p>{beneficiaries === null ? '—' : formatNumber(beneficiaries, lng)}</p>
          ) : (
            <p className="prose">{answers[f.name] || '—'}</p>
          )}
        </div>
      ))}
      {'indicators' in s && s.indicators ? (
        <>
          <h3>{t('apply:indicators.heading')}</h3>
          <IndicatorTable
            indicators={indicators}
            headings={{
              indicator: t('apply:indicators.name'),
              baseline: t('apply:indicators.baseline'),
              target: t('apply:indicators.target'),
            }}
          />
        </>
      ) : null}
    </section>
  ))
}
