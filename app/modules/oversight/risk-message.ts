import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import type { Risk } from './dashboard-rules.ts'

// A deadline at risk as a translation key and its values, dates in the province's time;
// the page and the exports translate it with their own `t`. Pure.

export type RiskKey = `oversight:risks.${Risk['kind']}`

export function riskMessage(
  risk: Risk,
  lng: Language,
  timeZone: string,
): { key: RiskKey; values: Record<string, string | number> } {
  const date = risk.at ? formatDateTime(new Date(risk.at), lng, timeZone) : ''
  const key: RiskKey = `oversight:risks.${risk.kind}`
  switch (risk.kind) {
    case 'closingFewSubmissions':
      return { key, values: { date, count: risk.submitted } }
    case 'reviewsOverdue':
      return { key, values: { date, count: risk.overdue, assigned: risk.assigned } }
    case 'reviewsBehind':
      return { key, values: { date, scored: risk.scored, assigned: risk.assigned } }
    case 'selectionWaiting':
      return { key, values: { count: risk.days } }
  }
}
