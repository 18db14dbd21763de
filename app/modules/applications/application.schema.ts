import { z } from 'zod'
import {
  INDICATOR_LIMITS,
  MAX_BENEFICIARIES,
  MAX_INDICATORS,
  type SectionKey,
  TEXT_LIMITS,
  type TextField,
} from './application-sections.ts'

// One zod schema per section, shared by the forms (client-side hints) and the actions
// (the real check). Drafts may be incomplete, so text is optional; the limits always
// apply. Messages are translation keys of the `apply` namespace.
export const E = {
  required: 'apply:errors.required' as const,
  tooLong: 'apply:errors.tooLong' as const,
  choose: 'apply:errors.choose' as const,
  count: 'apply:errors.count' as const,
  indicatorsMax: 'apply:errors.indicatorsMax' as const,
}

/**
 * Optional long text, normalised before counting: browsers send a textarea's line
 * breaks as CRLF but count them as one character for `maxLength`, so without this a
 * text the browser accepted could be refused here.
 */
function draftText(max: number) {
  return z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, E.tooLong))
    .optional()
}

const text = (name: TextField) => draftText(TEXT_LIMITS[name])

export const issueChoice = z.string({ required_error: E.choose }).uuid(E.choose)

/** Starting an application: the province issue it addresses. */
export const startSchema = z.object({ issue_id: issueChoice })

const indicatorText = (name: keyof typeof INDICATOR_LIMITS) =>
  z.string().trim().max(INDICATOR_LIMITS[name], E.tooLong).optional()

/** One indicator row; a row left blank is dropped, a row begun needs name, baseline and target. */
const indicatorRow = z
  .object({
    name: indicatorText('name'),
    baseline: indicatorText('baseline'),
    target: indicatorText('target'),
    unit: indicatorText('unit'),
  })
  .superRefine((row, ctx) => {
    if (!row.name && !row.baseline && !row.target && !row.unit) return
    for (const key of ['name', 'baseline', 'target'] as const) {
      if (!row[key]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: E.required })
    }
  })
  .optional()

export interface IndicatorInput {
  name: string
  baseline: string
  target: string
  unit: string
}

const indicators = z
  .array(indicatorRow)
  .max(MAX_INDICATORS, E.indicatorsMax)
  .optional()
  .transform((rows): IndicatorInput[] =>
    (rows ?? []).flatMap((r) =>
      r?.name && r.baseline && r.target
        ? [{ name: r.name, baseline: r.baseline, target: r.target, unit: r.unit ?? '' }]
        : [],
    ),
  )

const count = z
  .number({ invalid_type_error: E.count })
  .int(E.count)
  .min(0, E.count)
  .max(MAX_BENEFICIARIES, E.count)
  .optional()

export const sectionSchemas = {
  issue: z.object({ issue_id: issueChoice }),
  problem: z.object({ problem: text('problem') }),
  solution: z.object({ solution: text('solution'), novelty: text('novelty') }),
  beneficiaries: z.object({ beneficiaries: text('beneficiaries'), beneficiaries_count: count }),
  business: z.object({ business_model: text('business_model'), revenue: text('revenue') }),
  impact: z.object({ impact: text('impact'), indicators }),
  collaboration: z.object({
    collaboration_opd: text('collaboration_opd'),
    collaboration_private: text('collaboration_private'),
  }),
  budget: z.object({ budget: text('budget'), funding_so_far: text('funding_so_far') }),
} satisfies Record<SectionKey, z.ZodTypeAny>

export type SectionInput<K extends SectionKey> = z.output<(typeof sectionSchemas)[K]>
/** Any section's parsed values: text columns, the count, the issue, the indicators. */
export type AnySectionInput = Partial<Record<TextField, string>> & {
  beneficiaries_count?: number
  issue_id?: string
  indicators?: IndicatorInput[]
}

const intentSchema = z.enum(['next', 'stay']).catch('next')

/** The button pressed: save and go on to the next section, or save and stay (anything else: next). */
export function sectionIntent(form: FormData): 'next' | 'stay' {
  return intentSchema.parse(form.get('intent'))
}
