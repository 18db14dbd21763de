import { audit } from '#app/modules/audit/audit.server.ts'
import { expectWritten, found, notFound, refused } from '#app/modules/errors/errors.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { pageWindow } from '#app/modules/validation/paging.ts'
import type { DB } from '#db/client.ts'
import {
  countInnovations,
  findFinalist,
  findInnovation,
  findSync,
  type InnovationValues,
  insertInnovation,
  listFinalistsWithoutRecord,
  listFormChoices,
  listIndicators,
  listInnovations,
  queueVersion,
  updateInnovationRow,
  updateSync,
} from './jippnas.queries.server.ts'
import type { InnovationInput } from './jippnas.schema.ts'
import { syncDisplay } from './sync-rules.ts'

// JIPPNas records (issue 15): Bappeda makes one from a finalist (prefilled from the
// application as submitted), edits it, and asks for a send now; ministry and ERAT read
// every province's; a public record has a public page. Each change bumps the version and
// queues that version for the sync (sync.server.ts). One transaction per step, audited.

export interface JippnasActor {
  provinceId: string
  userId: string
  ip: string | null
}

export const PAGE_SIZE = 25

/** The province's records (one page, with their sync state) and the finalists still without one. */
export async function loadInnovationsPage(db: DB, provinceId: string, page: number, configured: boolean) {
  return withTenant(db, { provinceId }, async (trx) => {
    const total = await countInnovations(trx, provinceId)
    const { limit, offset, ...shown } = pageWindow(page, total, PAGE_SIZE)
    const rows = await listInnovations(trx, provinceId, { limit, offset })
    return {
      rows: rows.map((r) => ({ ...r, sync: syncDisplay(configured, syncOf(r)) })),
      total,
      ...shown,
      finalists: await listFinalistsWithoutRecord(trx, provinceId),
    }
  })
}

/** Every province's records, one page (ministry, ERAT). */
export async function loadNationalInnovations(db: DB, page: number, configured: boolean) {
  return withTenant(db, { national: true }, async (trx) => {
    const total = await countInnovations(trx, null)
    const { limit, offset, ...shown } = pageWindow(page, total, PAGE_SIZE)
    const rows = await listInnovations(trx, null, { limit, offset })
    return {
      rows: rows.map((r) => ({ ...r, sync: syncDisplay(configured, syncOf(r)) })),
      total,
      ...shown,
    }
  })
}

const syncOf = (r: {
  sync_state: 'pending' | 'sending' | 'sent' | 'failed' | null
  sync_version: number | null
  sync_sent_version: number | null
}) =>
  r.sync_state === null || r.sync_version === null
    ? null
    : { state: r.sync_state, version: r.sync_version, sent_version: r.sync_sent_version }

/**
 * The new-record form of a finalist: prefilled from the application as submitted (the
 * venture snapshot, its issue and the issue's lead agency). A finalist that already has
 * its record answers that record's id instead.
 */
export async function loadNewInnovation(db: DB, provinceId: string, applicationId: string) {
  return withTenant(db, { provinceId }, async (trx) => {
    const f = found(await findFinalist(trx, provinceId, applicationId))
    const existing = await trx
      .selectFrom('innovations')
      .select('id')
      .where('province_id', '=', provinceId)
      .where('application_id', '=', applicationId)
      .executeTakeFirst()
    if (existing) return { existing: existing.id }
    const choices = await listFormChoices(trx, provinceId)
    return {
      finalist: { id: f.id, venture_name: f.venture_name, edition_name: f.edition_name },
      prefill: {
        title: f.venture_name,
        summary: (f.solution || f.problem).slice(0, 4000),
        province_issue: f.province_issue_id,
        regency: f.regency_code ?? '',
        opd: choices.opds.some((o) => o.id === f.lead_opd_id) ? f.lead_opd_id : '',
        venture_name: f.venture_name,
        started_on: (f.submitted_at ?? new Date()).toISOString().slice(0, 10),
        status: 'running' as const,
        stop_reason: '',
        is_public: false,
      },
      choices,
      indicators: await listIndicators(trx, provinceId, f.id),
    }
  })
}

/** Turns the form into column values, refusing choices that are not the province's. */
async function valuesOf(trx: Trx, provinceId: string, input: InnovationInput): Promise<InnovationValues> {
  const choices = await listFormChoices(trx, provinceId)
  const issue = choices.issues.find((i) => i.id === input.province_issue)
  if (!issue) throw refused('jippnas:errors.choose', { field: 'province_issue' })
  if (input.regency && !choices.regencies.some((r) => r.code === input.regency)) {
    throw refused('jippnas:errors.choose', { field: 'regency' })
  }
  if (input.opd && !choices.opds.some((o) => o.id === input.opd))
    throw refused('jippnas:errors.choose', { field: 'opd' })
  return {
    title: input.title,
    summary: input.summary,
    national_issue_id: issue.national_issue_id,
    province_issue_id: issue.id,
    regency_code: input.regency ?? null,
    opd_id: input.opd ?? null,
    venture_name: input.venture_name,
    started_on: input.started_on,
    status: input.status,
    stop_reason: input.status === 'stopped' ? (input.stop_reason ?? null) : null,
    is_public: input.is_public === 'on',
  }
}

/** Makes the record of a finalist (version 1) and queues it for JIPPNas. */
export async function createInnovation(
  db: DB,
  actor: JippnasActor,
  applicationId: string,
  input: InnovationInput,
  now: Date,
): Promise<string> {
  return withTenant(db, { provinceId: actor.provinceId, userId: actor.userId }, async (trx) => {
    const f = found(await findFinalist(trx, actor.provinceId, applicationId))
    const taken = await trx
      .selectFrom('innovations')
      .select('id')
      .where('province_id', '=', actor.provinceId)
      .where('application_id', '=', f.id)
      .executeTakeFirst()
    if (taken) throw refused('jippnas:errors.exists')
    const values = await valuesOf(trx, actor.provinceId, input)
    const row = await insertInnovation(trx, actor.provinceId, {
      ...values,
      application_id: f.id,
      edition_id: f.edition_id,
      created_by: actor.userId,
    })
    await queueVersion(trx, actor.provinceId, row.id, row.version, now)
    await audit(trx, {
      actorId: actor.userId,
      action: 'innovation.created',
      objectType: 'innovation',
      objectId: row.id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { application: f.id, version: row.version, public: values.is_public },
    })
    return row.id
  })
}

/** The record page: the record, its indicators (the application's), its sync state and the form's choices. */
export async function loadInnovation(db: DB, provinceId: string, id: string, configured: boolean) {
  return withTenant(db, { provinceId }, async (trx) => {
    const record = found(await findInnovation(trx, provinceId, id))
    return {
      record,
      sync: syncDisplay(
        configured,
        record.sync_state && record.sync_version
          ? { state: record.sync_state, version: record.sync_version, sent_version: record.sync_sent_version }
          : null,
      ),
      indicators: await listIndicators(trx, provinceId, record.application_id),
      choices: await listFormChoices(trx, provinceId),
    }
  })
}

/** Saves the form; a real change bumps the version and queues it. Answers whether anything changed. */
export async function updateInnovation(
  db: DB,
  actor: JippnasActor,
  id: string,
  input: InnovationInput,
  now: Date,
): Promise<boolean> {
  return withTenant(db, { provinceId: actor.provinceId, userId: actor.userId }, async (trx) => {
    const before = found(await findInnovation(trx, actor.provinceId, id))
    const values = await valuesOf(trx, actor.provinceId, input)
    const changed = (Object.keys(values) as (keyof InnovationValues)[]).filter((k) => before[k] !== values[k])
    if (changed.length === 0) return false
    const row = found(await updateInnovationRow(trx, actor.provinceId, id, values, actor.userId))
    await queueVersion(trx, actor.provinceId, id, row.version, now)
    await audit(trx, {
      actorId: actor.userId,
      action: 'innovation.updated',
      objectType: 'innovation',
      objectId: id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { version: row.version, fields: changed },
    })
    return true
  })
}

/**
 * "Retry now": a failed (or waiting) version goes back to the queue at once with fresh
 * attempts, under the same idempotency key. Refused when nothing is configured or the
 * version was already sent.
 */
export async function retryNow(db: DB, actor: JippnasActor, id: string, configured: boolean, now: Date) {
  await withTenant(db, { provinceId: actor.provinceId, userId: actor.userId }, async (trx) => {
    const record = found(await findInnovation(trx, actor.provinceId, id))
    if (!configured) throw refused('jippnas:errors.notConfigured')
    const sync = await findSync(trx, actor.provinceId, id)
    if (!sync) {
      await queueVersion(trx, actor.provinceId, id, record.version, now)
    } else {
      if (sync.state === 'sent' || sync.state === 'sending') throw refused('jippnas:errors.nothingToRetry')
      // The worker may have claimed it since it was read: then there is nothing to retry.
      expectWritten(
        await updateSync(
          trx,
          actor.provinceId,
          id,
          { state: 'pending', attempts: 0, next_attempt_at: now, updated_at: now },
          { state: sync.state },
        ),
        'jippnas:errors.nothingToRetry',
      )
    }
    await audit(trx, {
      actorId: actor.userId,
      action: 'innovation.sync_retry',
      objectType: 'innovation',
      objectId: id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { version: record.version, was: sync?.state ?? null },
    })
  })
}

/** A public record for the public page; anything else (not public, no such id) is 404. */
export async function loadPublicInnovation(db: DB, id: string) {
  return withTenant(db, { national: true }, async (trx) => {
    const record = await findInnovation(trx, null, id)
    if (!record?.is_public) throw notFound('innovation')
    return { record, indicators: await listIndicators(trx, record.province_id, record.application_id) }
  })
}
