// Pure CSV writing for exports opened in spreadsheets (issue 6): RFC 4180 quoting, a
// UTF-8 byte-order mark so Excel reads Indonesian names correctly, and neutralised
// formulas, since applicants type these texts and a cell like `=HYPERLINK(...)` would
// otherwise run in Bappeda's spreadsheet (CSV injection, OWASP).

export type CsvValue = string | number | null | undefined

/** The byte-order mark that makes Excel read the file as UTF-8. */
export const CSV_BOM = '\uFEFF'

// Characters a spreadsheet treats as the start of a formula; tab and carriage return
// are on OWASP's list too because some importers strip them before parsing.
const FORMULA_START = /^[=+\-@\t\r]/

/** Prefixes a text that a spreadsheet would read as a formula with a single quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** One cell: numbers as they are, texts neutralised and quoted when they hold a comma, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = neutraliseFormula(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record, cells separated by commas. */
export function csvRow(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',')
}

/** A whole document: BOM, header, records, each line ended by CRLF (RFC 4180). */
export function toCsv(header: readonly string[], records: readonly (readonly CsvValue[])[]): string {
  return `${CSV_BOM}${[header, ...records].map((r) => `${csvRow(r)}\r\n`).join('')}`
}
