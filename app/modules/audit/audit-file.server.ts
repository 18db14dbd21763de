import type { AppLoadContext } from '@remix-run/node'
import ExcelJS from 'exceljs'
import type { Language } from '#app/i18n/config.ts'
import { detectLanguage } from '#app/i18n/detect.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { type CsvValue, toCsv } from '#app/modules/intake/csv.ts'
import { requireNationalAccess, requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { canReadProvinceAudit } from './access.ts'
import { exportAuditEntries } from './audit.server.ts'
import { parseAuditFilters } from './audit-filters.ts'

// The audit log as CSV or XLSX with the page's filters (issue 16): actions and objects
// in words, times in the page's zone; formula-safe (toCsv neutralises, exceljs writes
// strings), never cached, and the export itself is audited.

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/** "section_saved" → "section saved", as the page shows an action without a text. */
const readable = (code: string) => code.replace(/[._]/g, ' ')

export async function auditFileResponse(
  request: Request,
  context: AppLoadContext,
  where: { national: true } | { slug: string | undefined },
  format: 'csv' | 'xlsx',
): Promise<Response> {
  const url = new URL(request.url)
  const filters = parseAuditFilters(url.searchParams)
  let scope: { national: true } | { provinceId: string }
  let timeZone = 'Asia/Jakarta'
  let viewerId: string
  if ('national' in where) {
    const viewer = await requireNationalAccess(request, context, (ability) => ability.can('read', 'AuditLog'))
    scope = { national: true }
    viewerId = viewer.user.id
  } else {
    const { viewer, province } = await requireProvinceAccess(request, context, where.slug, canReadProvinceAudit)
    scope = { provinceId: province.id }
    timeZone = province.time_zone
    viewerId = viewer.user.id
  }
  const { language } = detectLanguage(url, {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  const meta = requestMeta(request, context)
  const rows = await exportAuditEntries(context.db, scope, filters, timeZone, { userId: viewerId, ip: meta.ip })
  const t = getFixedT(language)
  const header = [
    t('manage:audit.when'),
    t('manage:audit.who'),
    t('manage:audit.action'),
    t('manage:audit.province'),
    t('manage:audit.object'),
  ]
  const records: CsvValue[][] = rows.map((r) => [
    formatDateTime(new Date(r.at), language as Language, timeZone),
    r.actor_name ? `${r.actor_name} <${r.actor_email}>` : t('manage:audit.system'),
    t(`manage:audit.actions.${r.action}` as 'manage:audit.when', { defaultValue: readable(r.action) }),
    r.province_name ?? '',
    r.object_type
      ? `${t(`manage:audit.objects.${r.object_type}` as 'manage:audit.when', { defaultValue: readable(r.object_type) })}${
          r.object_label ? `: ${language === 'en' ? r.object_label.en : r.object_label.id}` : ''
        }`
      : '',
  ])
  const name = `audit-${meta.now.toISOString().slice(0, 10)}.${format}`
  let body: string | Uint8Array<ArrayBuffer>
  if (format === 'csv') body = toCsv(header, records)
  else {
    const book = new ExcelJS.Workbook()
    book.creator = 'WiNNER'
    const ws = book.addWorksheet('Audit')
    ws.addRow(header).font = { bold: true }
    for (const r of records) ws.addRow(r.map((v) => v ?? ''))
    ws.views = [{ state: 'frozen', ySplit: 1 }]
    const written = (await book.xlsx.writeBuffer()) as unknown as Uint8Array
    body = new Uint8Array(new ArrayBuffer(written.byteLength))
    body.set(written)
  }
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
