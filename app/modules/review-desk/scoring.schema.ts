import { z } from 'zod'

// The reviewer's two forms (issue 7): the conflict-of-interest declaration and the
// rubric form. Messages are keys of the `review` namespace.

export const COMMENT_MAX = 2000
export const CONFLICT_NOTE_MAX = 1000
/** The kinds a reviewer declares; organisation_match and email_domain are only detected. */
export const DECLARABLE_KINDS = ['family', 'employment', 'financial', 'same_organisation'] as const

const normalise = (s: string) => s.replace(/\r\n?/g, '\n').trim()

export const declareSchema = z.discriminatedUnion(
  'conflict',
  [
    z.object({ conflict: z.literal('none'), application: z.string().optional() }),
    z.object({
      conflict: z.literal('yes'),
      kind: z.enum(DECLARABLE_KINDS, { errorMap: () => ({ message: 'review:declare.errors.kind' as const }) }),
      // Optional inside: conform reads an empty note as absent; the declaration gets '' either way.
      note: z
        .preprocess(
          (s) => normalise(typeof s === 'string' ? s : ''),
          z
            .string()
            .max(CONFLICT_NOTE_MAX, 'review:declare.errors.noteTooLong' as const)
            .optional(),
        )
        .transform((s) => s ?? ''),
      application: z.string().optional(),
    }),
  ],
  { errorMap: () => ({ message: 'review:declare.errors.kind' as const }) },
)
export type Declaration = z.infer<typeof declareSchema>

export interface ScoreEntry {
  criterionId: string
  score: number | null
  /** null when the form sent no comment field: the saved comment stays as it is. */
  comment: string | null
}

export type ScoreForm =
  | { ok: true; entries: ScoreEntry[]; next: boolean }
  | { ok: false; errors: Record<string, string>; entries: ScoreEntry[] }
  /** A field names a criterion that is not on this call's rubric: an edited form. */
  | { ok: false; unknown: true }

/**
 * Reads the rubric form: `score.<criterion id>` (a radio, 1–5, may be missing on a
 * partial save) and `comment.<criterion id>` per criterion, and `intent` save or
 * save_next. A comment needs a score, so a draft never holds a comment alone.
 */
export function parseScoreForm(
  form: Iterable<[string, FormDataEntryValue]>,
  criterionIds: readonly string[],
): ScoreForm {
  const known = new Set(criterionIds)
  const raw = new Map<string, { score?: string; comment?: string }>()
  let next = false
  for (const [name, value] of form) {
    if (name === 'intent') next = value === 'save_next'
    const match = /^(score|comment)\.(.+)$/.exec(name)
    if (!match || typeof value !== 'string') continue
    const [, field, id] = match as unknown as [string, 'score' | 'comment', string]
    if (!known.has(id)) return { ok: false, unknown: true }
    raw.set(id, { ...raw.get(id), [field]: value })
  }
  const errors: Record<string, string> = {}
  const entries = criterionIds.map((criterionId) => {
    const given = raw.get(criterionId) ?? {}
    const comment = given.comment === undefined ? null : normalise(given.comment)
    const score = given.score === undefined || given.score === '' ? null : Number(given.score)
    if (score !== null && !(Number.isInteger(score) && score >= 1 && score <= 5)) {
      errors[criterionId] = 'review:form.errors.score'
    } else if (comment !== null && comment.length > COMMENT_MAX) {
      errors[criterionId] = 'review:form.errors.commentTooLong'
    } else if (score === null && comment) {
      errors[criterionId] = 'review:form.errors.commentNeedsScore'
    }
    return { criterionId, score: errors[criterionId] ? null : score, comment }
  })
  if (Object.keys(errors).length > 0) return { ok: false, errors, entries }
  return { ok: true, entries, next }
}
