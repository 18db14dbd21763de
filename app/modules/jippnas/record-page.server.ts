import type { AppLoadContext } from '@remix-run/node'
import type { InnovationFormValues } from '#app/ui/innovation-form.tsx'
import type { SyncBoxData } from '#app/ui/innovation-parts.tsx'
import { loadInnovation } from './jippnas.server.ts'
import { idempotencyKey, readReason } from './sync-rules.ts'

// What the record page shows (routes/p.$province.manage.innovations.$innovation.tsx):
// the record, the form's values, the indicators and the sync box's data.

export async function recordPageData(context: AppLoadContext, provinceId: string, id: string, mayManage: boolean) {
  const configured = context.jippnas?.configured ?? false
  const { record, sync, indicators, choices } = await loadInnovation(context.db, provinceId, id, configured)
  const values: InnovationFormValues = {
    title: record.title,
    summary: record.summary,
    province_issue: record.province_issue_id,
    regency: record.regency_code ?? '',
    opd: record.opd_id ?? '',
    venture_name: record.venture_name,
    started_on: record.started_on,
    status: record.status,
    stop_reason: record.stop_reason ?? '',
    is_public: record.is_public,
  }
  const box: Omit<SyncBoxData, 'refused'> = {
    state: sync,
    key: idempotencyKey(record.id, record.version),
    version: record.version,
    attempts: record.sync_attempts,
    lastAttemptAt: record.sync_last_attempt_at?.toISOString() ?? null,
    nextAttemptAt: record.sync_next_attempt_at?.toISOString() ?? null,
    sentAt: record.sync_sent_at?.toISOString() ?? null,
    sentVersion: record.sync_sent_version,
    httpStatus: record.sync_last_http_status,
    reason: readReason(record.sync_last_message),
    mayRetry: mayManage && configured && (sync === 'failed' || sync === 'pending'),
  }
  return {
    record: {
      id: record.id,
      title: record.title,
      summary: record.summary,
      venture_name: record.venture_name,
      edition_name: record.edition_name,
      province_name: record.province_name,
      national_issue_name_id: record.national_issue_name_id,
      national_issue_name_en: record.national_issue_name_en,
      province_issue_title_id: record.province_issue_title_id,
      province_issue_title_en: record.province_issue_title_en,
      regency_name: record.regency_name,
      opd_name: record.opd_name,
      started_on: record.started_on,
      status: record.status,
      stop_reason: record.stop_reason,
      is_public: record.is_public,
    },
    values,
    indicators,
    sync: box,
    choices,
  }
}
