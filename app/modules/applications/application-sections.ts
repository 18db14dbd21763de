// The application's sections (issue 6), as pure data and rules with no I/O, so the
// forms, the overview and the unit tests share one definition. A new section is a
// new entry here plus its zod schema in application.schema.ts.

/** Character limits of the text columns; they mirror the database checks (migration 2026-11-23T2200). */
export const TEXT_LIMITS = {
  problem: 3000,
  solution: 3000,
  novelty: 2000,
  beneficiaries: 2000,
  business_model: 3000,
  revenue: 2000,
  impact: 3000,
  collaboration_opd: 2000,
  collaboration_private: 2000,
  budget: 2000,
  funding_so_far: 2000,
} as const
export type TextField = keyof typeof TEXT_LIMITS

export const INDICATOR_LIMITS = { name: 200, baseline: 100, target: 100, unit: 40 } as const
export const MIN_INDICATORS = 2
export const MAX_INDICATORS = 3
export const MAX_BENEFICIARIES = 100_000_000

export type FieldDef = { kind: 'text'; name: TextField } | { kind: 'count'; name: 'beneficiaries_count' }

export interface SectionDef {
  key: string
  fields: readonly FieldDef[]
  /** The section also holds the measurable indicators (baseline → target). */
  indicators?: boolean
  /** The section chooses the province issue. */
  issue?: boolean
}

const text = (name: TextField): FieldDef => ({ kind: 'text', name })

export const SECTIONS = [
  { key: 'issue', fields: [], issue: true },
  { key: 'problem', fields: [text('problem')] },
  { key: 'solution', fields: [text('solution'), text('novelty')] },
  { key: 'beneficiaries', fields: [text('beneficiaries'), { kind: 'count', name: 'beneficiaries_count' }] },
  { key: 'business', fields: [text('business_model'), text('revenue')] },
  { key: 'impact', fields: [text('impact')], indicators: true },
  { key: 'collaboration', fields: [text('collaboration_opd'), text('collaboration_private')] },
  { key: 'budget', fields: [text('budget'), text('funding_so_far')] },
] as const satisfies readonly SectionDef[]

export type SectionKey = (typeof SECTIONS)[number]['key']

/** The section with this key, or undefined for anything else (the route answers 404). */
export function findSection(key: string | undefined): (typeof SECTIONS)[number] | undefined {
  return SECTIONS.find((s) => s.key === key)
}

/** The section after `key`, or undefined after the last one. */
export function nextSection(key: SectionKey): SectionKey | undefined {
  const i = SECTIONS.findIndex((s) => s.key === key)
  return SECTIONS[i + 1]?.key
}

/** What a section's state is computed from: the saved values and the number of indicators. */
export type SectionValues = Record<TextField, string> & {
  beneficiaries_count: number | null
  issue_id: string | null
  indicator_count: number
}

export type SectionState = 'empty' | 'partial' | 'complete'

/**
 * How far a section is filled in. Drafts may be incomplete; "complete" means every
 * field has a value (and the impact section has at least two indicators), which the
 * submission slice will require.
 */
export function sectionState(section: SectionDef, values: SectionValues): SectionState {
  const filled: boolean[] = section.fields.map((f) =>
    f.kind === 'count' ? values[f.name] !== null : values[f.name].trim() !== '',
  )
  if (section.issue) filled.push(values.issue_id !== null)
  if (section.indicators) filled.push(values.indicator_count >= MIN_INDICATORS)
  if (filled.every(Boolean)) return 'complete'
  const started = filled.some(Boolean) || (section.indicators === true && values.indicator_count > 0)
  return started ? 'partial' : 'empty'
}

/** How far a draft is: "3 of 8 sections complete", and the first section not complete (where to go on). */
export function sectionProgress(sections: readonly { key: SectionKey; state: SectionState }[]): {
  complete: number
  total: number
  resume: SectionKey | null
} {
  return {
    complete: sections.filter((s) => s.state === 'complete').length,
    total: sections.length,
    resume: sections.find((s) => s.state !== 'complete')?.key ?? null,
  }
}

export type Editability = 'editable' | 'callClosed' | 'notDraft'

/** Whether a draft's sections may change: only drafts, and only while their call is open. */
export function editability(status: string, callOpen: boolean): Editability {
  if (status !== 'draft') return 'notDraft'
  return callOpen ? 'editable' : 'callClosed'
}
