import type { RubricLevels } from '#db/schema.ts'

// Pure: reads the rubric editor's form (issue 7). The editor is a plain form that works
// without JavaScript: one block of fields per criterion (`c.<i>.<field>`), a "remove"
// checkbox on each, and one empty block at the end that becomes a new criterion when
// its titles are filled in. Errors are translation keys per field name.

export const LEVELS = [1, 2, 3, 4, 5] as const
export const LANGS = ['id', 'en'] as const
const TITLE_MAX = 200
const LEVEL_MAX = 1000

export interface CriterionForm {
  key: string
  weight: string
  title_id: string
  title_en: string
  levels: RubricLevels
  remove: boolean
}

export interface ParsedCriterion {
  key: string
  weight: number
  title_id: string
  title_en: string
  levels: RubricLevels
}

export type RubricFormResult =
  | { ok: true; criteria: ParsedCriterion[]; values: CriterionForm[] }
  | { ok: false; errors: Record<string, string>; values: CriterionForm[] }

const str = (form: FormData, name: string) => {
  const v = form.get(name)
  return typeof v === 'string' ? v.trim() : ''
}

/** The submitted blocks, in form order, as typed (for re-display). */
export function readRubricForm(form: FormData): CriterionForm[] {
  const blocks: CriterionForm[] = []
  for (let i = 0; i < 100 && form.has(`c.${i}.weight`); i++) {
    blocks.push({
      key: str(form, `c.${i}.key`),
      weight: str(form, `c.${i}.weight`),
      title_id: str(form, `c.${i}.title_id`),
      title_en: str(form, `c.${i}.title_en`),
      levels: LEVELS.map((l) => ({ id: str(form, `c.${i}.level${l}_id`), en: str(form, `c.${i}.level${l}_en`) })),
      remove: form.get(`c.${i}.remove`) === 'on',
    })
  }
  return blocks
}

const blank = (b: CriterionForm) =>
  !b.key && !b.title_id && !b.title_en && b.levels.every((l) => !l.id && !l.en) && (!b.weight || b.weight === '0')

/** A stable key for a new criterion, from its English title, unique in the rubric. */
export function newKey(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^[^a-z]+|_+$/g, '')
      .slice(0, 32) || 'criterion'
  const start = base.length >= 2 ? base : `criterion_${base}`
  let key = start
  for (let n = 2; taken.has(key); n++) key = `${start}_${n}`
  return key
}

/**
 * Checks every field and answers the rubric to store, or errors per field. `existing`
 * are the keys already stored: a block naming any other key was not produced by the
 * editor and is refused.
 */
export function parseRubricForm(form: FormData, existing: ReadonlySet<string>): RubricFormResult {
  const values = readRubricForm(form)
  const errors: Record<string, string> = {}
  const criteria: ParsedCriterion[] = []
  const taken = new Set(values.map((v) => v.key).filter(Boolean))
  values.forEach((b, i) => {
    if (b.remove || (!b.key && blank(b))) return
    const at = (field: string) => `c.${i}.${field}`
    if (b.key && !existing.has(b.key)) errors[at('title_id')] = 'screening:rubric.errors.unknown'
    const weight = Number(b.weight)
    if (!/^\d{1,3}$/.test(b.weight) || weight < 1 || weight > 100)
      errors[at('weight')] = 'screening:rubric.errors.weight'
    for (const lang of LANGS) {
      const title = lang === 'id' ? b.title_id : b.title_en
      if (!title) errors[at(`title_${lang}`)] = 'screening:rubric.errors.required'
      else if (title.length > TITLE_MAX) errors[at(`title_${lang}`)] = 'screening:rubric.errors.tooLong'
    }
    b.levels.forEach((level, l) => {
      for (const lang of LANGS) {
        const text = level[lang]
        if (!text) errors[at(`level${l + 1}_${lang}`)] = 'screening:rubric.errors.required'
        else if (text.length > LEVEL_MAX) errors[at(`level${l + 1}_${lang}`)] = 'screening:rubric.errors.tooLong'
      }
    })
    const key = b.key || newKey(b.title_en || b.title_id, taken)
    taken.add(key)
    criteria.push({ key, weight, title_id: b.title_id, title_en: b.title_en, levels: b.levels })
  })
  if (criteria.length === 0) errors.form = 'screening:rubric.errors.empty'
  return Object.keys(errors).length > 0 ? { ok: false, errors, values } : { ok: true, criteria, values }
}
