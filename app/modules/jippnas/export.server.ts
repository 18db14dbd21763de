import { audit } from '#app/modules/audit/audit.server.ts'
import { toCsv } from '#app/modules/intake/csv.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { findInnovation, listIndicators, listInnovationIds } from './jippnas.queries.server.ts'
import { type InnovationPayload, PAYLOAD_SCHEMA_ID } from './payload.ts'
import { toPayload } from './sync.server.ts'

// Every record as a file (issue 15): JSON is exactly what JIPPNas receives (the payload
// of payload.ts, one per record), so a province without JIPPNAS_URL can hand the file
// over; CSV flattens the same payloads for spreadsheets, through the intake module's
// formula-safe writer (a venture's summary may start with "="). Audited, never cached.

export type ExportFormat = 'json' | 'csv'

export interface Exporter {
  /** Null: the national export (every province). */
  provinceId: string | null
  userId: string
  ip: string | null
  origin: string
  now: Date
}

const CSV_HEADER = [
  'id',
  'version',
  'province_bps_code',
  'province',
  'regency_bps_code',
  'regency',
  'edition',
  'title',
  'summary',
  'national_issue',
  'province_issue',
  'agency',
  'venture',
  'started_on',
  'status',
  'stop_reason',
  'public',
  'public_url',
  'indicators',
] as const

function csvRecord(p: InnovationPayload) {
  return [
    p.id,
    p.version,
    p.province.bps_code,
    p.province.name,
    p.regency?.bps_code,
    p.regency?.name,
    p.edition,
    p.title,
    p.summary,
    p.national_issue.code,
    p.province_issue.title,
    p.agency?.name,
    p.venture.name,
    p.started_on,
    p.status,
    p.stop_reason,
    p.public ? 'yes' : 'no',
    p.public_url,
    p.indicators.map((i) => `${i.name}: ${i.baseline} → ${i.target}${i.unit ? ` ${i.unit}` : ''}`).join('; '),
  ]
}

export async function exportInnovations(db: DB, exporter: Exporter, format: ExportFormat) {
  const scope = exporter.provinceId
    ? { provinceId: exporter.provinceId, userId: exporter.userId }
    : { national: true as const }
  const records = await withTenant(db, scope, async (trx) => {
    const payloads: InnovationPayload[] = []
    for (const { id, province_id } of await listInnovationIds(trx, exporter.provinceId)) {
      const record = await findInnovation(trx, province_id, id)
      if (!record) continue
      payloads.push(toPayload(record, await listIndicators(trx, province_id, record.application_id), exporter.origin))
    }
    await audit(trx, {
      actorId: exporter.userId,
      action: 'innovation.exported',
      objectType: 'innovation',
      provinceId: exporter.provinceId,
      ip: exporter.ip,
      details: { format, records: payloads.length },
    })
    return payloads
  })
  const stamp = exporter.now.toISOString().slice(0, 10)
  const filename = `winner-innovations-${stamp}.${format}`
  const body =
    format === 'json'
      ? JSON.stringify({ schema: PAYLOAD_SCHEMA_ID, exported_at: exporter.now.toISOString(), records }, null, 2)
      : toCsv(CSV_HEADER, records.map(csvRecord))
  return {
    filename,
    body,
    contentType: format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
  }
}
