import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { listObjectLabels } from './audit.queries.server.ts'

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

/**
 * One page of the audit log, newest first, keyset-paginated by id: a province's
 * entries, or everything in the national scope.
 */
export async function listAuditEntries(db: DB, scope: { provinceId: string } | { national: true }, before?: string) {
  const rows = await withTenant(db, scope, async (trx) => {
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
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(AUDIT_PAGE_SIZE + 1)
    if ('provinceId' in scope) q = q.where('audit_log.province_id', '=', scope.provinceId)
    if (before) q = q.where('audit_log.id', '<', before)
    const found = await q.execute()
    // People read names, not ids: each object named in both languages where it can be.
    const labels = await listObjectLabels(trx, found.slice(0, AUDIT_PAGE_SIZE))
    return found.map((r) => ({ ...r, object_label: labels.get(`${r.object_type}:${r.object_id}`) ?? null }))
  })
  const page = rows.slice(0, AUDIT_PAGE_SIZE)
  return { entries: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? (page[page.length - 1]?.id ?? null) : null }
}
