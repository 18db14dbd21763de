import ExcelJS from 'exceljs'
import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { type CsvValue, toCsv } from '#app/modules/intake/csv.ts'
import type { Figures } from './figures.ts'
import { type Cell, shown } from './inclusion-rules.ts'

// The inclusion figures as CSV or XLSX (issue 16): the same suppressed tables as the
// page, "<5" and "–" included, never an exact small count. Texts are formula-safe
// (toCsv neutralises; exceljs writes strings, never formulas).

export type FigureFormat = 'csv' | 'xlsx'

export const CONTENT_TYPES: Record<FigureFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

function value(cell: Cell | undefined): CsvValue {
  if (!cell) return ''
  const text = shown(cell)
  return text === null ? '–' : cell.mark === 'exact' ? cell.value : text
}

/** One sheet: table, row, applicants, team members, total (lists fill only the total). */
export function figureRecords(figures: Figures, lng: Language) {
  const t = getFixedT(lng)
  const header = [
    t('inclusion:export.table'),
    t('inclusion:export.row'),
    t('inclusion:columns.applicant'),
    t('inclusion:columns.member'),
    t('inclusion:columns.total'),
  ]
  const records: CsvValue[][] = []
  for (const p of figures.people) {
    const name = t(`inclusion:questions.${p.question}` as 'inclusion:questions.gender')
    p.categories.forEach((c, i) => {
      const row = p.table.cells[i] ?? []
      records.push([
        name,
        t(`inclusion:answers.${p.question}.${c}` as 'inclusion:answers.gender.female'),
        value(row[0]),
        value(row[1]),
        value(p.table.rowTotals[i]),
      ])
    })
    records.push([
      name,
      t('inclusion:columns.total'),
      value(p.table.columnTotals[0]),
      value(p.table.columnTotals[1]),
      value(p.table.total),
    ])
  }
  const list = (name: string, l: Figures['area'], label: (key: string, text: string | null) => string) => {
    l.rows.forEach((r, i) => {
      records.push([name, label(r.key, r.label), '', '', value(l.table.cells[i]?.[0])])
    })
    records.push([name, t('inclusion:columns.total'), '', '', value(l.table.total)])
  }
  list(t('inclusion:area.title'), figures.area, (key) => t(`inclusion:area.${key}` as 'inclusion:area.kota'))
  list(t('inclusion:spread.title'), figures.spread, (_, text) => text ?? t('inclusion:spread.unknown'))
  return { header, records }
}

export async function figureFile(figures: Figures, format: FigureFormat, lng: Language, name: string) {
  const { header, records } = figureRecords(figures, lng)
  if (format === 'csv') return { body: toCsv(header, records), filename: `${name}.csv` }
  const book = new ExcelJS.Workbook()
  book.creator = 'WiNNER'
  const ws = book.addWorksheet(getFixedT(lng)('inclusion:export.sheet').slice(0, 31))
  ws.addRow(header).font = { bold: true }
  for (const r of records) ws.addRow(r.map((v) => (v === null || v === undefined ? '' : v)))
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  const written = (await book.xlsx.writeBuffer()) as unknown as Uint8Array
  const bytes = new Uint8Array(new ArrayBuffer(written.byteLength))
  bytes.set(written)
  return { body: bytes, filename: `${name}.xlsx` }
}
