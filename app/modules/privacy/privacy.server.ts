import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { expectWritten, notFound, refused } from '#app/modules/errors/errors.ts'
import { queueMail } from '#app/modules/notifications/outbox.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { PrivacyRequestKind } from '#db/schema.ts'
import { type ErasureCounts, eraseAccount } from './erasure.server.ts'
import * as q from './privacy.queries.server.ts'
import { dueAt, ERASURE_CONFIRMATION, OFFICE_ZONE, REMINDER_LEAD_MS, selfErasable } from './privacy-rules.ts'

// Self-service and the privacy officer's queue (UU 27/2022). Officers work in the
// national scope; a user's own requests and consents in the identity scope with their id.

export interface Meta {
  ip: string | null
  now: Date
}

/** Whether the user holds the privacy officer flag (docs/decisions/010). */
export function isPrivacyOfficer(db: DB, userId: string): Promise<boolean> {
  return withTenant(db, { national: true, userId }, (trx) => q.isOfficer(trx, userId))
}

/** The account page's privacy section: optional consents and the user's requests. */
export function loadOwnPrivacy(db: DB, userId: string) {
  return withTenant(db, { identity: true, userId }, async (trx) => ({
    consents: await q.userConsents(trx, userId),
    requests: await q.userRequests(trx, userId),
  }))
}

/** Gives or withdraws the optional consent (contact about future editions); audited. */
export async function setOptionalConsent(db: DB, userId: string, granted: boolean, meta: Meta): Promise<void> {
  await withTenant(db, { identity: true, userId }, async (trx) => {
    await trx
      .insertInto('user_consents')
      .values({
        user_id: userId,
        purpose: 'future_editions',
        granted_at: meta.now,
        withdrawn_at: granted ? null : meta.now,
      })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'purpose'])
          .doUpdateSet(granted ? { granted_at: meta.now, withdrawn_at: null } : { withdrawn_at: meta.now }),
      )
      .execute()
    await audit(trx, {
      actorId: userId,
      action: granted ? 'privacy.consent_given' : 'privacy.consent_withdrawn',
      objectType: 'user',
      objectId: userId,
      ip: meta.ip,
      details: { purpose: 'future_editions' },
    })
  })
}

/** Files a request the user cannot serve alone; due 3 × 24 h after receipt. */
export async function fileRequest(
  db: DB,
  userId: string,
  input: { kind: PrivacyRequestKind; details: string },
  meta: Meta,
): Promise<string> {
  return withTenant(db, { identity: true, userId }, async (trx) => {
    const open = await trx
      .selectFrom('privacy_requests')
      .select('id')
      .where('user_id', '=', userId)
      .where('kind', '=', input.kind)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (open) throw refused('privacy:errors.alreadyOpen')
    const row = await trx
      .insertInto('privacy_requests')
      .values({
        user_id: userId,
        kind: input.kind,
        details: input.details,
        received_at: meta.now,
        due_at: dueAt(meta.now),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, {
      actorId: userId,
      action: 'privacy.request_filed',
      objectType: 'privacy_request',
      objectId: row.id,
      ip: meta.ip,
      details: { kind: input.kind },
    })
    return row.id
  })
}

export type ErasureOutcome = { kind: 'erased'; counts: ErasureCounts } | { kind: 'queued'; requestId: string }

/**
 * The user asks to be erased: done at once when nothing they submitted must be kept,
 * otherwise queued for the privacy officer (a submitted application is part of a call's record).
 */
export async function requestErasure(db: DB, userId: string, details: string, meta: Meta): Promise<ErasureOutcome> {
  const applications = await withTenant(db, { national: true, userId }, (trx) => q.userApplications(trx, userId))
  if (selfErasable(applications)) {
    const counts = await eraseAccount(db, userId, { actorId: userId, ip: meta.ip, now: meta.now })
    return { kind: 'erased', counts }
  }
  return { kind: 'queued', requestId: await fileRequest(db, userId, { kind: 'erasure', details }, meta) }
}

/** The officer's queue: open requests first by deadline, then the latest decisions. */
export function listRequests(db: DB, only?: string) {
  return withTenant(db, { national: true }, (trx) => {
    let query = trx
      .selectFrom('privacy_requests as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select([
        'r.id',
        'r.kind',
        'r.details',
        'r.received_at',
        'r.due_at',
        'r.status',
        'r.decision_reason',
        'r.decided_at',
        'u.name as requester_name',
        'u.email as requester_email',
      ])
      .orderBy((eb) => eb.case().when('r.status', '=', 'open').then(0).else(1).end())
      .orderBy('r.due_at')
      .limit(200)
    if (only) query = query.where('r.id', '=', only)
    return query.execute()
  })
}

/**
 * Records the officer's decision with its reason, audits it and mails the requester in
 * the same transaction. A granted erasure then erases the account; its confirmation mail
 * keeps only the address until delivered (the retention job clears it, see retention.ts).
 */
export async function decideRequest(
  db: DB,
  officerId: string,
  requestId: string,
  input: { decision: 'granted' | 'refused'; reason: string },
  meta: Meta & { origin: string },
): Promise<void> {
  const decided = await withTenant(db, { national: true, userId: officerId }, async (trx) => {
    if (!(await q.isOfficer(trx, officerId))) throw refused('privacy:errors.notOfficer', { status: 403 })
    const request = await trx
      .selectFrom('privacy_requests as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.id', 'r.user_id', 'r.kind', 'r.status', 'u.email', 'u.name', 'u.locale'])
      .where('r.id', '=', requestId)
      .forUpdate(['r'])
      .executeTakeFirst()
    if (!request) return null
    if (request.status !== 'open') throw refused('privacy:errors.alreadyDecided')
    expectWritten(
      await trx
        .updateTable('privacy_requests')
        .set({ status: input.decision, decision_reason: input.reason, decided_by: officerId, decided_at: meta.now })
        .where('id', '=', requestId)
        .where('status', '=', 'open')
        .execute(),
      'privacy:errors.alreadyDecided',
    )
    await audit(trx, {
      actorId: officerId,
      action: 'privacy.request_decided',
      objectType: 'privacy_request',
      objectId: requestId,
      ip: meta.ip,
      details: { kind: request.kind, decision: input.decision, userId: request.user_id },
    })
    const erasing = request.kind === 'erasure' && input.decision === 'granted'
    const locale = request.locale as Language
    const t = getFixedT(locale)
    const p = {
      kind: t(`privacy:kinds.${request.kind}`),
      decision: t(`privacy:decisions.${input.decision}`),
      reason: input.reason,
      link: `${meta.origin}/privacy`,
      interpolation: { escapeValue: false },
    }
    const mailId = await queueMail(trx, {
      to: request.email,
      // An erased person is not greeted by name: the mail would otherwise keep it.
      name: erasing ? t('privacy:mail.erasedGreeting') : request.name,
      locale,
      template: erasing ? ERASURE_CONFIRMATION : 'privacyDecision',
      subject: t('privacy:mail.decision.subject', p),
      body: t('privacy:mail.decision.body', p),
    })
    return { userId: request.user_id, erasing, mailId }
  })
  if (!decided) throw notFound('privacy request')
  if (decided.erasing) {
    await eraseAccount(db, decided.userId, { actorId: officerId, ip: meta.ip, now: meta.now }, [decided.mailId])
  }
}

/** Hourly sweep: each open request inside the last 24 h before its deadline reminds every officer once. */
export async function sendPrivacyReminders(db: DB, now: Date, origin: string): Promise<number> {
  return withTenant(db, { national: true }, async (trx) => {
    const due = await trx
      .selectFrom('privacy_requests')
      .select(['id', 'kind', 'due_at'])
      .where('status', '=', 'open')
      .where('reminded_at', 'is', null)
      .where('due_at', '<=', new Date(now.getTime() + REMINDER_LEAD_MS))
      .forUpdate()
      .skipLocked()
      .execute()
    if (due.length === 0) return 0
    const staff = (await q.officers(trx)).filter((o) => o.active)
    let sent = 0
    for (const request of due) {
      for (const officer of staff) {
        await remind(trx, officer, request, origin)
        sent++
      }
      await trx.updateTable('privacy_requests').set({ reminded_at: now }).where('id', '=', request.id).execute()
      await audit(trx, {
        actorId: null,
        action: 'privacy.request_reminded',
        objectType: 'privacy_request',
        objectId: request.id,
        details: { officers: staff.length },
      })
    }
    return sent
  })
}

function remind(
  trx: Trx,
  officer: { name: string; email: string; locale: string },
  request: { id: string; kind: PrivacyRequestKind; due_at: Date },
  origin: string,
) {
  const locale = officer.locale as Language
  const t = getFixedT(locale)
  const p = {
    kind: t(`privacy:kinds.${request.kind as PrivacyRequestKind}`),
    due: formatDateTime(request.due_at, locale, OFFICE_ZONE),
    link: `${origin}/national/privacy`,
    interpolation: { escapeValue: false },
  }
  return queueMail(trx, {
    to: officer.email,
    name: officer.name,
    locale,
    template: 'privacyReminder',
    subject: t('privacy:mail.reminder.subject', p),
    body: t('privacy:mail.reminder.body', p),
  })
}

/** Ministry accounts and which of them are privacy officers. */
export function listOfficerCandidates(db: DB) {
  return withTenant(db, { national: true }, (trx) =>
    trx
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('privacy_officers as o', 'o.user_id', 'u.id')
      .select(['u.id', 'u.name', 'u.email', 'o.appointed_at'])
      .where('m.role', '=', 'ministry')
      .where('u.active', '=', true)
      .orderBy('u.name')
      .execute(),
  )
}

/** The ministry appoints (or removes) a privacy officer among its own accounts; audited. */
export async function setOfficer(
  db: DB,
  actorId: string,
  userId: string,
  appointed: boolean,
  meta: Meta,
): Promise<void> {
  await withTenant(db, { national: true, userId: actorId }, async (trx) => {
    const ministry = await trx
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', userId)
      .where('role', '=', 'ministry')
      .executeTakeFirst()
    if (!ministry) throw refused('privacy:errors.notMinistry')
    if (appointed) {
      await trx
        .insertInto('privacy_officers')
        .values({ user_id: userId, appointed_by: actorId, appointed_at: meta.now })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .execute()
    } else {
      await trx.deleteFrom('privacy_officers').where('user_id', '=', userId).execute()
    }
    await audit(trx, {
      actorId,
      action: appointed ? 'privacy.officer_appointed' : 'privacy.officer_removed',
      objectType: 'user',
      objectId: userId,
      ip: meta.ip,
    })
  })
}
