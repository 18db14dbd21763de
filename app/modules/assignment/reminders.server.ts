import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { enqueueReviewMail } from '#app/modules/review/review-mail.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

// Deadline reminders (issue 7): 48 hours before a call's review closes, every reviewer
// with unscored assignments gets one mail, once (review_assignments.reminded_at). The
// job runs each hour (app/server/jobs.ts) and calls this with the current time; a sweep
// that runs late or twice sends nothing twice.

export const REMINDER_LEAD_MS = 48 * 60 * 60 * 1000

/** Sends the reminders due at `now`; answers how many mails were queued. */
export async function sendReviewReminders(db: DB, now: Date, origin: string): Promise<number> {
  const until = new Date(now.getTime() + REMINDER_LEAD_MS)
  // Reading across provinces is national scope; each province's writes use its own.
  const calls = await withTenant(db, { national: true }, (trx) =>
    trx
      .selectFrom('calls as c')
      .innerJoin('provinces as p', 'p.id', 'c.province_id')
      .select(['c.id', 'c.province_id', 'c.review_closes_at', 'p.slug', 'p.name', 'p.time_zone'])
      .where('c.review_closes_at', '>', now)
      .where('c.review_closes_at', '<=', until)
      .execute(),
  )
  let sent = 0
  for (const call of calls) {
    const closes = call.review_closes_at as Date
    sent += await withTenant(db, { provinceId: call.province_id }, async (trx) => {
      const due = await trx
        .selectFrom('review_assignments as ra')
        .innerJoin('applications as a', (j) =>
          j.onRef('a.province_id', '=', 'ra.province_id').onRef('a.id', '=', 'ra.application_id'),
        )
        .innerJoin('users as u', 'u.id', 'ra.reviewer_id')
        .select(['ra.reviewer_id', 'ra.application_id', 'u.name', 'u.email', 'u.locale'])
        .where('ra.province_id', '=', call.province_id)
        .where('a.call_id', '=', call.id)
        .where('a.status', '=', 'in_review')
        .where('ra.scored_at', 'is', null)
        .where('ra.reminded_at', 'is', null)
        .where('u.active', '=', true)
        .forUpdate(['ra'])
        .skipLocked()
        .execute()
      const reviewers = [...new Set(due.map((d) => d.reviewer_id))]
      for (const reviewerId of reviewers) {
        const mine = due.filter((d) => d.reviewer_id === reviewerId)
        const first = mine[0]
        if (!first) continue
        const locale = first.locale as Language
        await enqueueReviewMail(trx, {
          to: first.email,
          name: first.name,
          locale,
          template: 'reminder',
          params: {
            count: mine.length,
            province: call.name,
            deadline: formatDateTime(closes, locale, call.time_zone),
            link: `${origin}/p/${call.slug}/review`,
          },
        })
        await trx
          .updateTable('review_assignments')
          .set({ reminded_at: now })
          .where('province_id', '=', call.province_id)
          .where('reviewer_id', '=', reviewerId)
          .where(
            'application_id',
            'in',
            mine.map((m) => m.application_id),
          )
          .execute()
      }
      return reviewers.length
    })
  }
  return sent
}
