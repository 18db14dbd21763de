import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { listObjectLabels } from './audit.queries.server.ts'
import { type AuditFilters, dayRange } from './audit-filters.ts'

export interface AuditEntry {
  actorId: string | null
  action: string
  objectType?: string
  objectId?: string
  provinceId?: string | null
  ip?: string | null
  details?: Record<string, unknown>
}

/** Appends one entry to the audit log inside the caller's transaction (append-only table). */
export async function audit(trx: Trx, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      province_id: entry.provinceId ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
    })
    .execute()
}

export const AUDIT_PAGE_SIZE = 50
/** A file holds at most this many entries, newest first (narrow the filters for older ones). */
export const AUDIT_FILE_MAX = 10_000

export type AuditScope = { provinceId: string } | { national: true }

/** The filtered entries, newest first, keyset-paginated by id; named objects, province slugs for links. */
function readEntries(
  trx: Trx,
  scope: AuditScope,
  filters: AuditFilters,
  timeZone: string,
  before: string | undefined,
  limit: number,
) {
  let q = trx
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('provinces', 'provinces.id', 'audit_log.province_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.object_type',
      'audit_log.object_id',
      'audit_log.ip',
      'users.name as actor_name',
      'users.email as actor_email',
      'provinces.name as province_name',
      'provinces.slug as province_slug',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
  if ('provinceId' in scope) q = q.where('audit_log.province_id', '=', scope.provinceId)
  else if (filters.province) q = q.where('provinces.slug', '=', filters.province)
  if (filters.actor) {
    const like = `%${filters.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    q = q.where((eb) => eb.or([eb('users.name', 'ilike', like), eb('users.email', 'ilike', like)]))
  }
  if (filters.action) q = q.where('audit_log.action', '=', filters.action)
  if (filters.objectType) q = q.where('audit_log.object_type', '=', filters.objectType)
  const range = dayRange(filters, timeZone)
  if (range.from) q = q.where('audit_log.at', '>=', range.from)
  if (range.before) q = q.where('audit_log.at', '<', range.before)
  if (before) q = q.where('audit_log.id', '<', before)
  return q.execute()
}

/** The actions and object types present in the scope: the filter's choices. */
async function readChoices(trx: Trx, scope: AuditScope) {
  const base = () => {
    const q = trx.selectFrom('audit_log')
    return 'provinceId' in scope ? q.where('province_id', '=', scope.provinceId) : q
  }
  const actions = await base().select('action').distinct().orderBy('action').execute()
  const objects = await base()
    .select('object_type')
    .distinct()
    .where('object_type', 'is not', null)
    .orderBy('object_type')
    .execute()
  return {
    actions: actions.map((a) => a.action),
    objectTypes: objects.flatMap((o) => (o.object_type ? [o.object_type] : [])),
  }
}

/**
 * One page of the audit log with the filters applied: a province's entries, or
 * everything in the national scope; times of the date filter in `timeZone`.
 */
export async function listAuditEntries(
  db: DB,
  scope: AuditScope,
  filters: AuditFilters = {},
  before?: string,
  timeZone = 'Asia/Jakarta',
) {
  const { rows, choices } = await withTenant(db, scope, async (trx) => {
    const found = await readEntries(trx, scope, filters, timeZone, before, AUDIT_PAGE_SIZE + 1)
    // People read names, not ids: each object named in both languages where it can be.
    const labels = await listObjectLabels(trx, found.slice(0, AUDIT_PAGE_SIZE))
    return {
      rows: found.map((r) => ({ ...r, object_label: labels.get(`${r.object_type}:${r.object_id}`) ?? null })),
      choices: await readChoices(trx, scope),
    }
  })
  const page = rows.slice(0, AUDIT_PAGE_SIZE)
  return {
    entries: page,
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? (page[page.length - 1]?.id ?? null) : null,
    choices,
  }
}

/** The filtered entries for a file (at most AUDIT_FILE_MAX), objects named; the export is audited. */
export async function exportAuditEntries(
  db: DB,
  scope: AuditScope,
  filters: AuditFilters,
  timeZone: string,
  exporter: { userId: string; ip: string | null },
) {
  return withTenant(db, scope, async (trx) => {
    const found = await readEntries(trx, scope, filters, timeZone, undefined, AUDIT_FILE_MAX)
    const labels = await listObjectLabels(trx, found)
    await audit(trx, {
      actorId: exporter.userId,
      action: 'audit.exported',
      provinceId: 'provinceId' in scope ? scope.provinceId : null,
      ip: exporter.ip,
      details: { ...filters, rows: found.length },
    })
    return found.map((r) => ({ ...r, object_label: labels.get(`${r.object_type}:${r.object_id}`) ?? null }))
  })
}
