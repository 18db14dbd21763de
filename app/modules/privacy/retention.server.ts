import { audit } from '#app/modules/audit/audit.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { deleteDraftApplications } from './privacy.queries.server.ts'
import { ERASED_NAME, ERASURE_CONFIRMATION } from './privacy-rules.ts'
import { RETENTION_ITEMS, type RetentionItem, retentionCutoff } from './retention.ts'

// The retention job (daily, app/server/jobs.ts): applies the periods of retention.ts and
// reports what it removed in one audit entry (`privacy.retention`, counts per item),
// which the privacy officer's page lists. Each province's drafts are deleted in that
// province's scope; identity tables in the identity scope.

export type RetentionReport = Record<RetentionItem, number> & { erasureConfirmations: number }

export async function applyRetention(db: DB, now: Date): Promise<RetentionReport> {
  const report = Object.fromEntries(RETENTION_ITEMS.map((k) => [k, 0])) as RetentionReport
  report.erasureConfirmations = 0
  const drafts = await withTenant(db, { national: true }, (trx) =>
    trx
      .selectFrom('applications as a')
      .innerJoin('calls as c', (j) => j.onRef('c.province_id', '=', 'a.province_id').onRef('c.id', '=', 'a.call_id'))
      .select(['a.province_id', 'a.id'])
      .where('a.status', '=', 'draft')
      .where('c.closes_at', '<', retentionCutoff('draftsOfClosedCalls', now))
      .execute(),
  )
  const byProvince = new Map<string, string[]>()
  for (const d of drafts) byProvince.set(d.province_id, [...(byProvince.get(d.province_id) ?? []), d.id])
  for (const [provinceId, ids] of byProvince) {
    report.draftsOfClosedCalls += await withTenant(db, { provinceId }, async (trx) => {
      const deleted = await deleteDraftApplications(trx, provinceId, ids)
      const invitations = await trx
        .deleteFrom('invitations')
        .where('province_id', '=', provinceId)
        .where('accepted_at', 'is', null)
        .where('expires_at', '<', retentionCutoff('expiredInvitations', now))
        .executeTakeFirst()
      report.expiredInvitations += Number(invitations.numDeletedRows)
      return deleted.drafts
    })
  }
  // Invitations of provinces without old drafts.
  const provinces = await withTenant(db, { national: true }, (trx) =>
    trx
      .selectFrom('invitations')
      .select('province_id')
      .distinct()
      .where('accepted_at', 'is', null)
      .where('expires_at', '<', retentionCutoff('expiredInvitations', now))
      .execute(),
  )
  for (const { province_id } of provinces) {
    report.expiredInvitations += await withTenant(db, { provinceId: province_id }, async (trx) => {
      const r = await trx
        .deleteFrom('invitations')
        .where('province_id', '=', province_id)
        .where('accepted_at', 'is', null)
        .where('expires_at', '<', retentionCutoff('expiredInvitations', now))
        .executeTakeFirst()
      return Number(r.numDeletedRows)
    })
  }
  await withTenant(db, { identity: true }, async (trx) => {
    const rescues = await trx
      .deleteFrom('form_rescues')
      .where('expires_at', '<=', retentionCutoff('formRescues', now))
      .executeTakeFirst()
    report.formRescues = Number(rescues.numDeletedRows)
    const tokens = await trx
      .deleteFrom('auth_tokens')
      .where('expires_at', '<', retentionCutoff('expiredTokens', now))
      .executeTakeFirst()
    report.expiredTokens = Number(tokens.numDeletedRows)
    const sessions = await trx
      .deleteFrom('sessions')
      .where('absolute_expires_at', '<', retentionCutoff('oldSessions', now))
      .executeTakeFirst()
    report.oldSessions = Number(sessions.numDeletedRows)
    const failures = await trx
      .deleteFrom('auth_failures')
      .where('at', '<', retentionCutoff('signInFailures', now))
      .executeTakeFirst()
    report.signInFailures = Number(failures.numDeletedRows)
    const bodies = await trx
      .updateTable('mail_outbox')
      .set({ body_text: '' })
      .where('sent_at', '<', retentionCutoff('deliveredMailBodies', now))
      .where('body_text', '!=', '')
      .executeTakeFirst()
    report.deliveredMailBodies = Number(bodies.numUpdatedRows)
    // An erasure's confirmation kept the address only to be delivered.
    const confirmations = await trx
      .updateTable('mail_outbox')
      .set({ to_email: 'erased@erased.invalid', to_name: ERASED_NAME })
      .where('template', '=', ERASURE_CONFIRMATION)
      .where('sent_at', 'is not', null)
      .where('to_email', '!=', 'erased@erased.invalid')
      .executeTakeFirst()
    report.erasureConfirmations = Number(confirmations.numUpdatedRows)
    await audit(trx, { actorId: null, action: 'privacy.retention', objectType: 'retention', details: { ...report } })
  })
  return report
}

/** The latest retention reports, for the privacy officer. */
export function listRetentionReports(db: DB) {
  return withTenant(db, { national: true }, (trx) =>
    trx
      .selectFrom('audit_log')
      .select(['id', 'at', 'details'])
      .where('action', '=', 'privacy.retention')
      .orderBy('id', 'desc')
      .limit(10)
      .execute(),
  )
}
