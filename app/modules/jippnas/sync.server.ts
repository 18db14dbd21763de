import { audit } from '#app/modules/audit/audit.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { type JippnasEndpoint, type SendOutcome, sendInnovation } from './client.server.ts'
import {
  findInnovation,
  type InnovationRow,
  listDue,
  listIndicators,
  listStuck,
  updateSync,
} from './jippnas.queries.server.ts'
import { type InnovationPayload, innovationPayload, PAYLOAD_SCHEMA_ID } from './payload.ts'
import { backoffMs, idempotencyKey, MAX_ATTEMPTS, ownReason, REQUEST_TIMEOUT_MS, STUCK_AFTER_MS } from './sync-rules.ts'

// The JIPPNas sync (pg-boss queue `jippnas-sync`, app/server/jobs.ts): each pass fails
// the rows whose worker vanished mid-send, then sends the due versions one by one. A row
// is claimed (`sending`) in one transaction, sent with no transaction open (a slow remote
// holds no connection), and its outcome written in another — with an audit entry per
// attempt. Without an endpoint nothing is sent and nothing changes.

export interface SyncOptions {
  /** The public origin, for the payload's link to the public page. */
  origin: string
  timeoutMs?: number
  /** In [0, 1): the jitter of the backoff (tests pin it). */
  random?: () => number
  limit?: number
}

export interface SyncTally {
  sent: number
  retrying: number
  failed: number
  stuck: number
}

/** The payload of a record as it stands (the version in the row). */
export function toPayload(
  record: InnovationRow,
  indicators: { name: string; baseline: string; target: string; unit: string }[],
  origin: string,
): InnovationPayload {
  return {
    schema: PAYLOAD_SCHEMA_ID,
    id: record.id,
    version: record.version,
    updated_at: record.updated_at.toISOString(),
    title: record.title,
    summary: record.summary,
    edition: record.edition_name,
    province: { bps_code: record.province_bps_code, name: record.province_name },
    regency:
      record.regency_code && record.regency_name ? { bps_code: record.regency_code, name: record.regency_name } : null,
    national_issue: { code: record.national_issue_code, name: record.national_issue_name_id },
    province_issue: { title: record.province_issue_title_id },
    agency:
      record.opd_name && record.opd_short_name ? { name: record.opd_name, short_name: record.opd_short_name } : null,
    venture: { name: record.venture_name },
    started_on: record.started_on,
    status: record.status,
    stop_reason: record.stop_reason,
    public: record.is_public,
    public_url: record.is_public ? `${origin}/innovations/${record.id}` : null,
    indicators: indicators.map((i) => ({ name: i.name, baseline: i.baseline, target: i.target, unit: i.unit })),
  }
}

/** One pass of the sync; `endpoint` null (JIPPNAS_URL unset) sends nothing. */
export async function runJippnasSync(
  db: DB,
  endpoint: JippnasEndpoint | null,
  now: Date,
  options: SyncOptions,
): Promise<SyncTally> {
  const tally: SyncTally = { sent: 0, retrying: 0, failed: 0, stuck: 0 }
  if (!endpoint) return tally
  const { due, stuck } = await withTenant(db, { national: true }, async (trx) => ({
    stuck: await listStuck(trx, new Date(now.getTime() - STUCK_AFTER_MS)),
    due: await listDue(trx, now, options.limit ?? 20),
  }))
  for (const s of stuck) if (await failStuck(db, s, now)) tally.stuck++
  for (const d of due) {
    const outcome = await sendOne(db, endpoint, d, now, options)
    if (outcome) tally[outcome]++
  }
  return tally
}

/** A row claimed long ago and never answered: its worker is gone; it surfaces as failed. */
async function failStuck(
  db: DB,
  s: { province_id: string; innovation_id: string; version: number; sending_since: Date | null },
  now: Date,
): Promise<boolean> {
  if (!s.sending_since) return false
  const since = s.sending_since
  return withTenant(db, { provinceId: s.province_id }, async (trx) => {
    const row = await updateSync(
      trx,
      s.province_id,
      s.innovation_id,
      {
        state: 'failed',
        sending_since: null,
        last_message: ownReason('stuck'),
        last_http_status: null,
        updated_at: now,
      },
      { state: 'sending', sendingSince: since },
    )
    if (!row) return false
    await audit(trx, {
      actorId: null,
      action: 'innovation.sync_failed',
      objectType: 'innovation',
      objectId: s.innovation_id,
      provinceId: s.province_id,
      details: { version: s.version, reason: 'stuck', sending_since: since.toISOString() },
    })
    return true
  })
}

async function sendOne(
  db: DB,
  endpoint: JippnasEndpoint,
  d: { province_id: string; innovation_id: string; version: number },
  now: Date,
  options: SyncOptions,
): Promise<'sent' | 'retrying' | 'failed' | null> {
  const provinceId = d.province_id
  const claimed = await withTenant(db, { provinceId }, async (trx) => {
    const row = await updateSync(
      trx,
      provinceId,
      d.innovation_id,
      { state: 'sending', sending_since: now, updated_at: now },
      { state: 'pending', version: d.version },
    )
    if (!row) return null
    const record = await findInnovation(trx, provinceId, d.innovation_id)
    if (!record) return null
    const indicators = await listIndicators(trx, provinceId, record.application_id)
    return { attempts: row.attempts, payload: toPayload(record, indicators, options.origin) }
  })
  if (!claimed) return null
  const checked = innovationPayload.safeParse(claimed.payload)
  const outcome: SendOutcome = checked.success
    ? await sendInnovation(endpoint, checked.data, options.timeoutMs ?? REQUEST_TIMEOUT_MS)
    : {
        kind: 'refused',
        message: `payload: ${checked.error.issues.map((i) => i.path.join('.')).join(', ')}`,
        status: null,
      }
  const version = claimed.payload.version
  const attempts = claimed.attempts + 1
  const result =
    outcome.kind === 'accepted'
      ? 'sent'
      : outcome.kind === 'transient' && attempts < MAX_ATTEMPTS
        ? 'retrying'
        : 'failed'
  const random = options.random ?? Math.random
  await withTenant(db, { provinceId }, async (trx) => {
    const base = {
      sending_since: null,
      attempts,
      last_attempt_at: now,
      last_http_status: outcome.status ?? null,
      updated_at: now,
    }
    const set =
      outcome.kind === 'accepted'
        ? {
            ...base,
            state: 'sent' as const,
            last_message: null,
            sent_version: version,
            sent_at: now,
            remote_id: outcome.remoteId,
          }
        : result === 'retrying'
          ? {
              ...base,
              state: 'pending' as const,
              last_message: outcome.message,
              next_attempt_at: new Date(now.getTime() + backoffMs(attempts, random())),
            }
          : { ...base, state: 'failed' as const, last_message: outcome.message }
    const row = await updateSync(trx, provinceId, d.innovation_id, set, {
      state: 'sending',
      version,
      sendingSince: now,
    })
    // The record changed while it was being sent: the newer version is queued already;
    // JIPPNas still has this one.
    if (!row && outcome.kind === 'accepted') {
      await updateSync(trx, provinceId, d.innovation_id, {
        sent_version: version,
        sent_at: now,
        remote_id: outcome.remoteId,
      })
    }
    await audit(trx, {
      actorId: null,
      action:
        result === 'sent'
          ? 'innovation.sync_sent'
          : result === 'retrying'
            ? 'innovation.sync_deferred'
            : 'innovation.sync_failed',
      objectType: 'innovation',
      objectId: d.innovation_id,
      provinceId,
      details: {
        version,
        attempt: attempts,
        key: idempotencyKey(d.innovation_id, version),
        status: outcome.status ?? null,
        message: outcome.kind === 'accepted' ? null : outcome.message,
      },
    })
  })
  return result
}
