import ExcelJS from 'exceljs'
import type { Language } from '#app/i18n/config.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { findCallUnderReview } from '#app/modules/calls/call-under-review.queries.server.ts'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { type CsvValue, toCsv } from '#app/modules/intake/csv.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { type LeaderboardEntry, round2 } from './leaderboard.ts'
import { readLeaderboard } from './ranking.server.ts'

// The ranking as CSV or XLSX (issue 7), audited like every export of personal data.
// Blind review (decided here, see NOTES-selection.md): the file is Bappeda's, who
// knows the applicants, so ventures stay named; what a blind call hides is who scored
// what, so reviewers become "Reviewer 1..n" per application (in the order they finished)
// and no reviewer name appears. No export carries attachment file names at all.

export type ExportFormat = 'csv' | 'xlsx'

export interface Exporter {
  provinceId: string
  userId: string
  ip: string | null
  slug: string
  timeZone: string
  now: Date
}

export interface Sheet {
  header: string[]
  records: CsvValue[][]
}

function sheetOf(entries: readonly LeaderboardEntry[], slots: number, blind: boolean, lng: Language): Sheet {
  const t = getFixedT(lng)
  const header = [
    t('selection:export.rank'),
    t('selection:export.receipt'),
    t('selection:export.issue'),
    t('selection:export.venture'),
    t('selection:export.reviews'),
    t('selection:export.mean'),
    t('selection:export.spread'),
    t('selection:export.normalised'),
    t('selection:export.disagreement'),
    t('selection:export.tie'),
  ]
  for (let k = 1; k <= slots; k++) {
    header.push(t('selection:export.reviewerTotal', { n: k }))
    if (!blind) header.push(t('selection:export.reviewerName', { n: k }))
  }
  const yes = t('selection:export.yes')
  const records = entries.map((e) => {
    const row: CsvValue[] = [
      e.rank,
      e.receipt,
      // The Indonesian title on purpose: the issue is named as the province published it.
      e.issue.id,
      e.venture,
      e.reviews.length,
      round2(e.mean),
      round2(e.spread),
      round2(e.normalised),
      e.disagreement ? yes : '',
      e.tie ? yes : '',
    ]
    for (let k = 0; k < slots; k++) {
      const cell = e.reviews[k]
      row.push(cell ? round2(cell.total) : '')
      if (!blind) row.push(cell?.reviewer ?? '')
    }
    return row
  })
  return { header, records }
}

/** A one-sheet workbook (also the oversight exports'); texts stay texts, never formulas. */
export async function toXlsx(sheet: Sheet, title: string): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook()
  book.creator = 'WiNNER'
  const ws = book.addWorksheet(title.slice(0, 31))
  ws.addRow(sheet.header).font = { bold: true }
  // Texts are written as strings, never formulas: exceljs only makes a formula from
  // an object cell, so an applicant's "=HYPERLINK(...)" stays text in the workbook.
  for (const record of sheet.records) ws.addRow(record.map((v) => (v === null || v === undefined ? '' : v)))
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  // exceljs types its result as its own Buffer interface; at run time it is Node's Buffer (a Uint8Array).
  const written = (await book.xlsx.writeBuffer()) as unknown as Uint8Array
  const bytes = new Uint8Array(new ArrayBuffer(written.byteLength))
  bytes.set(written)
  return bytes
}

/** The leaderboard of the call under review as a file in the reader's language; audited in the same transaction. */
export async function exportRanking(
  db: DB,
  exporter: Exporter,
  format: ExportFormat,
  issue: string | null,
  lng: Language,
) {
  const { provinceId } = exporter
  const found = await withTenant(db, { provinceId }, async (trx) => {
    const call = await findCallUnderReview(trx, provinceId, { id: null, now: exporter.now })
    if (!call) return null
    const board = await readLeaderboard(trx, provinceId, call, issue)
    await audit(trx, {
      actorId: exporter.userId,
      action: 'ranking.exported',
      objectType: 'call',
      objectId: call.id,
      provinceId,
      ip: exporter.ip,
      details: { format, issue, rows: board.entries.length, blind: call.blind_review, method: call.ranking_method },
    })
    return { board, blind: call.blind_review }
  })
  if (!found) return null
  const sheet = sheetOf(found.board.entries, found.board.reviewSlots, found.blind, lng)
  const date = instantToLocal(exporter.now, exporter.timeZone).slice(0, 10)
  const filename = `ranking-${exporter.slug}-${date}.${format}`
  if (format === 'csv') return { body: toCsv(sheet.header, sheet.records), filename }
  return { body: await toXlsx(sheet, getFixedT(lng)('selection:export.sheet')), filename }
}
