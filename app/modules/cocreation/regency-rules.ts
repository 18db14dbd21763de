// Pure rules of a province's kabupaten/kota list (issue 15): a BPS code is four digits,
// the province's two followed by the regency's two (kabupaten 01–69, kota 71–99), and a
// CSV import is checked row by row before anything is written. No I/O.

export type RegencyKind = 'kabupaten' | 'kota'

export interface RegencyRow {
  code: string
  name: string
  kind: RegencyKind
}

/** A problem on one line of an import (1 is the header), as a translation key with its values. */
export interface RowProblem {
  line: number
  key: string
  values: Record<string, string | number>
}

export const MAX_IMPORT_ROWS = 200
export const MAX_NAME = 120
const K = 'cocreation:regencies.errors'

/** BPS numbers kota from 71; kabupaten below. */
export function regencyKind(code: string): RegencyKind {
  return Number(code.slice(2)) >= 71 ? 'kota' : 'kabupaten'
}

/** Why a code cannot be one of this province's kabupaten/kota, as a translation key; null if it can. */
export function codeProblem(code: string, provinceBps: string): string | null {
  if (!/^[0-9]{4}$/.test(code)) return `${K}.code`
  if (!code.startsWith(provinceBps)) return `${K}.otherProvince`
  if (code.endsWith('00')) return `${K}.code`
  return null
}

/**
 * The name as the list shows it: "Kabupaten Luwu Utara", "Kab. Luwu Utara" and "Luwu
 * Utara" are the same kabupaten; the kind comes from the code, so the prefix is dropped.
 */
export function regencyName(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(kabupaten|kab\.?|kota)\s+/i, '')
}

/** Splits CSV text into records of fields (RFC 4180 quotes; `,` or `;` as the header uses). */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '')
  const firstLine = body.split(/\r?\n/, 1)[0] ?? ''
  const sep = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ','
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === sep) {
      record.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += c
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

export interface ImportCheck {
  /** Rows to add (new codes). */
  added: RegencyRow[]
  /** Rows already listed with the same name: an import run twice changes nothing. */
  unchanged: number
  problems: RowProblem[]
}

/**
 * Checks an import of `code,name` rows against the province's BPS code and the list it
 * already has (code → name). Every line is checked; the caller writes nothing when any
 * problem is found.
 */
export function checkRegencyImport(
  text: string,
  provinceBps: string,
  existing: ReadonlyMap<string, string>,
): ImportCheck {
  const records = parseCsv(text)
  const problems: RowProblem[] = []
  const added: RegencyRow[] = []
  let unchanged = 0
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase())
  if (!['code', 'kode'].includes(header[0] ?? '') || !['name', 'nama'].includes(header[1] ?? '')) {
    return { added, unchanged, problems: [{ line: 1, key: `${K}.header`, values: {} }] }
  }
  const rows = records.slice(1)
  if (rows.filter((r) => r.some((f) => f.trim() !== '')).length > MAX_IMPORT_ROWS) {
    return { added, unchanged, problems: [{ line: 1, key: `${K}.tooMany`, values: { max: MAX_IMPORT_ROWS } }] }
  }
  const seen = new Map<string, number>()
  rows.forEach((fields, index) => {
    const line = index + 2
    if (fields.every((f) => f.trim() === '')) return
    if (fields.length !== 2) {
      problems.push({ line, key: `${K}.columns`, values: { line } })
      return
    }
    const code = (fields[0] ?? '').trim()
    const name = regencyName(fields[1] ?? '')
    const codeKey = codeProblem(code, provinceBps)
    if (codeKey) {
      problems.push({ line, key: codeKey, values: { line, code, province: provinceBps } })
      return
    }
    if (!name) {
      problems.push({ line, key: `${K}.name`, values: { line } })
      return
    }
    if (name.length > MAX_NAME) {
      problems.push({ line, key: `${K}.nameTooLong`, values: { line, max: MAX_NAME } })
      return
    }
    const earlier = seen.get(code)
    if (earlier !== undefined) {
      problems.push({ line, key: `${K}.repeated`, values: { line, code, earlier } })
      return
    }
    seen.set(code, line)
    const listed = existing.get(code)
    if (listed === undefined) added.push({ code, name, kind: regencyKind(code) })
    else if (listed.toLowerCase() === name.toLowerCase()) unchanged++
    else problems.push({ line, key: `${K}.listedAs`, values: { line, code, name: listed } })
  })
  if (problems.length === 0 && added.length === 0 && unchanged === 0) {
    problems.push({ line: 1, key: `${K}.noRows`, values: {} })
  }
  return { added, unchanged, problems }
}
