import {
  AGE_BANDS,
  AREAS,
  type Area,
  areaOf,
  DISABILITIES,
  GENDERS,
  PEOPLE,
  type SuppressedTable,
  suppressTogether,
} from './inclusion-rules.ts'

// Pure: the counts read by inclusion.queries.server.ts laid out as the tables the pages,
// the chart and the exports show, suppressed together where they share totals.

export type Question = 'gender' | 'age_band' | 'disability'
export const QUESTIONS: readonly Question[] = ['gender', 'age_band', 'disability']
const CATEGORIES: Record<Question, readonly string[]> = {
  gender: GENDERS,
  age_band: AGE_BANDS,
  disability: DISABILITIES,
}

/** One question's answers (rows) for applicants and team members (columns). */
export interface PeopleTable {
  question: Question
  categories: string[]
  table: SuppressedTable
}

/** A one-column list: applications per area, per kabupaten/kota or per province. */
export interface ListTable {
  rows: { key: string; label: string | null }[]
  table: SuppressedTable
}

/** Applications counted and applicants who declared: the lists' and the tables' shared totals. */
export interface Figures {
  applications: { value: number; shown: boolean }
  declared: { value: number; shown: boolean }
  people: PeopleTable[]
  area: ListTable
  spread: ListTable
}

type PeopleRows = readonly { person: string; answer: string; n: number }[]

/** The three questions' tables, suppressed together (they share their column totals). */
export function peopleTables(rows: Record<Question, PeopleRows>): PeopleTable[] {
  const counts = QUESTIONS.map((question) =>
    CATEGORIES[question].map((answer) =>
      PEOPLE.map((person) => rows[question].find((r) => r.person === person && r.answer === answer)?.n ?? 0),
    ),
  )
  const tables = suppressTogether(counts)
  return QUESTIONS.map((question, i) => ({
    question,
    categories: [...CATEGORIES[question]],
    table: tables[i] as SuppressedTable,
  }))
}

/**
 * Applications by area and by place (kabupaten/kota or province), suppressed together
 * (same grand total); `null` names read "not given".
 */
export function listTables(
  areaRows: readonly { kind: 'kota' | 'kabupaten' | null; n: number }[],
  placeRows: readonly { key: string | null; label: string | null; n: number }[],
): { area: ListTable; spread: ListTable } {
  const byArea = new Map<Area, number>()
  for (const r of areaRows) byArea.set(areaOf(r.kind), (byArea.get(areaOf(r.kind)) ?? 0) + r.n)
  const [area, spread] = suppressTogether([AREAS.map((a) => [byArea.get(a) ?? 0]), placeRows.map((r) => [r.n])])
  return {
    area: { rows: AREAS.map((key) => ({ key, label: null })), table: area as SuppressedTable },
    spread: {
      rows: placeRows.map((r) => ({ key: r.key ?? 'unknown', label: r.label })),
      table: spread as SuppressedTable,
    },
  }
}
