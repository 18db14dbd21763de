import { formatDateTime } from '#app/i18n/format.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { expectWritten, notFound, refused } from '#app/modules/errors/errors.ts'
import { queueMessage } from '#app/modules/messaging/outbox.server.ts'
import { enqueueMail } from '#app/modules/notifications/outbox.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  findApplicantContact,
  findCall,
  findLatestNotice,
  findOwnApplication,
  insertEvent,
  isReceiptTaken,
  listEvents,
  listIndicators,
  lockOwnApplication,
  markSubmitted,
  markWithdrawn,
  type Owner,
  snapshotVenture,
  takeReceiptSequence,
} from './application.queries.server.ts'
import { type Actor, loadOwnApplication } from './application.server.ts'
import {
  acceptsSubmissionAt,
  buildTimeline,
  canWithdraw,
  formatReceiptNumber,
  incompleteSections,
  submitBlock,
} from './submission-rules.ts'

// Consent, submission, receipt and withdrawal (issue 6). Every state change locks the
// applicant's application row first, so double clicks, retries and two tabs queue up
// and the later ones see the outcome of the first: one submission, one receipt
// number, one email.

/** The province as the workflow needs it: for receipts, mail text and links. */
export interface SubmissionProvince {
  id: string
  slug: string
  name: string
  time_zone: string
}

/** The applicant acting, with the site's origin for links in mail. */
export type SubmissionActor = Actor & { origin: string }

/** The review page: the application read-only, what still blocks submission, and the notice to accept. */
export async function loadSubmitPage(db: DB, owner: Owner, id: string, now: Date) {
  const page = await loadOwnApplication(db, owner, id, now)
  const { application } = page
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const notice = await findLatestNotice(trx, application.edition_id)
    const incomplete = incompleteSections({ ...application, indicator_count: page.indicators.length })
    const block = submitBlock({
      status: application.status,
      // A draft's sections are editable exactly while its call is open.
      callOpen: page.editability === 'editable',
      incomplete,
      noticeVersion: notice?.version ?? null,
    })
    return { ...page, notice: notice ?? null, incomplete, block }
  })
}

/**
 * Submits the applicant's own draft with consent to the given notice version. Judged
 * at `now` against the call's published window; the receipt number is taken in the
 * same transaction, so a refused or failed attempt consumes none. Submitting an
 * already submitted application answers its existing receipt (`already: true`).
 */
export async function submitApplication(
  db: DB,
  actor: SubmissionActor,
  province: SubmissionProvince,
  id: string,
  consentVersion: number,
  now: Date,
): Promise<{ receipt: string; already: boolean }> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const application = await lockOwnApplication(trx, actor, id)
    if (!application) throw notFound()
    // Any status past draft (screened, in review, …) means it was submitted once already.
    if (application.status !== 'draft' && application.status !== 'withdrawn' && application.receipt_number) {
      return { receipt: application.receipt_number, already: true }
    }
    const call = await findCall(trx, province.id, application.call_id)
    const indicators = await listIndicators(trx, province.id, id)
    const notice = await findLatestNotice(trx, application.edition_id)
    const incomplete = incompleteSections({ ...application, indicator_count: indicators.length })
    const block = submitBlock({
      status: application.status,
      callOpen: !!call && call.status === 'published' && acceptsSubmissionAt(call, now),
      incomplete,
      noticeVersion: notice?.version ?? null,
    })
    if (block) throw refused(`apply:submit.refused.${block}`, { detail: incomplete })
    // Consent counts only for the notice the applicant was shown, and it must still be the latest.
    if (!notice || notice.version !== consentVersion) throw refused('apply:submit.refused.noticeChanged')

    // The next number of the edition's counter; one another edition already gave out this
    // year (its counter runs on its own) is passed over, so receipts stay unique.
    let receipt: string
    do {
      const sequence = await takeReceiptSequence(trx, province.id, application.edition_id)
      receipt = formatReceiptNumber(now, province.time_zone, province.slug, sequence)
    } while (await isReceiptTaken(trx, province.id, receipt))
    // From here on the application shows the profile as submitted; later edits go to future applications.
    const snapshotId = await snapshotVenture(trx, province.id, application.venture_id, now)
    expectWritten(
      await markSubmitted(trx, actor, id, { consentVersion, receipt, snapshotId, now }),
      'apply:submit.refused.submitted',
    )
    await insertEvent(trx, province.id, id, { status: 'submitted', at: now })
    const entry = {
      actorId: actor.userId,
      objectType: 'application',
      objectId: id,
      provinceId: province.id,
      ip: actor.ip,
    }
    await audit(trx, {
      ...entry,
      action: 'application.consented',
      details: { version: consentVersion, at: now.toISOString() },
    })
    await audit(trx, { ...entry, action: 'application.submitted', details: { receipt } })
    const to = await findApplicantContact(trx, actor.userId)
    await enqueueMail(trx, {
      to: to.email,
      name: to.name,
      locale: to.locale,
      template: 'applicationSubmitted',
      params: {
        receipt,
        province: province.name,
        submitted: formatDateTime(now, to.locale, province.time_zone),
        link: `${actor.origin}/p/${province.slug}/apply/${id}`,
      },
    })
    await queueMessage(trx, {
      userId: actor.userId,
      template: 'applicationSubmitted',
      params: { receipt, province: province.name, submitted: formatDateTime(now, to.locale, province.time_zone) },
      dedupeKey: `applicationSubmitted:${id}:${receipt}`,
      now,
    })
    return { receipt, already: false }
  })
}

/**
 * Withdraws the applicant's own submitted application with a reason (audited, with
 * an event and an email). Withdrawing an already withdrawn one changes nothing and
 * answers `already: true`, so a second click is harmless.
 */
export async function withdrawApplication(
  db: DB,
  actor: SubmissionActor,
  province: SubmissionProvince,
  id: string,
  reason: string,
  now: Date,
): Promise<{ already: boolean }> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const application = await lockOwnApplication(trx, actor, id)
    if (!application) throw notFound()
    if (application.status === 'withdrawn') return { already: true }
    if (!canWithdraw(application.status)) throw refused('apply:submit.refused.notSubmitted')
    expectWritten(await markWithdrawn(trx, actor, id, { reason, now }), 'apply:submit.refused.notSubmitted')
    await insertEvent(trx, province.id, id, { status: 'withdrawn', at: now, note: reason })
    await audit(trx, {
      actorId: actor.userId,
      action: 'application.withdrawn',
      objectType: 'application',
      objectId: id,
      provinceId: province.id,
      ip: actor.ip,
      details: { reason },
    })
    const to = await findApplicantContact(trx, actor.userId)
    await enqueueMail(trx, {
      to: to.email,
      name: to.name,
      locale: to.locale,
      template: 'applicationWithdrawn',
      params: {
        receipt: application.receipt_number ?? '',
        province: province.name,
        reason,
        link: `${actor.origin}/p/${province.slug}/apply/${id}`,
      },
    })
    return { already: false }
  })
}

/** The status page: the application, its timeline (events, then steps ahead) and whether it may be withdrawn. */
export async function loadStatusPage(db: DB, owner: Owner, id: string, now: Date) {
  const page = await loadOwnApplication(db, owner, id, now)
  const events = await withTenant(db, { provinceId: owner.provinceId }, (trx) => listEvents(trx, owner.provinceId, id))
  return {
    ...page,
    timeline: buildTimeline(page.application.status, events),
    withdrawable: canWithdraw(page.application.status),
  }
}

/** The receipt of the applicant's own application; null while it is still a draft. */
export async function loadReceipt(db: DB, owner: Owner, id: string) {
  return withTenant(db, { provinceId: owner.provinceId }, async (trx) => {
    const application = await findOwnApplication(trx, owner, id)
    if (!application) throw notFound()
    if (!application.receipt_number || !application.submitted_at) return null
    return {
      id: application.id,
      status: application.status,
      receipt: application.receipt_number,
      submittedAt: application.submitted_at,
      consentVersion: application.consent_version,
      issue: { id: application.issue_title_id, en: application.issue_title_en },
    }
  })
}
