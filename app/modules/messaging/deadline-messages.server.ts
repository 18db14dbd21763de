import { isLanguage } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { incompleteSections } from '#app/modules/applications/submission-rules.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { callsClosingBetween, draftsOfCall } from './messaging.queries.server.ts'
import { queueMessage } from './outbox.server.ts'

// "Deadline in 48 h, sections missing" (issue 17): each hour (app/server/jobs.ts) the
// drafts of published calls closing within 48 hours that still miss sections get one
// message, once per application (its dedupe key), to applicants who opted in.

export const DEADLINE_LEAD_MS = 48 * 60 * 60 * 1000

/** Queues the reminders due at `now`; answers how many messages were written. */
export async function queueDeadlineMessages(db: DB, now: Date): Promise<number> {
  const until = new Date(now.getTime() + DEADLINE_LEAD_MS)
  const calls = await withTenant(db, { national: true }, (trx) => callsClosingBetween(trx, now, until))
  let queued = 0
  for (const call of calls) {
    queued += await withTenant(db, { provinceId: call.province_id }, async (trx) => {
      const drafts = await draftsOfCall(trx, call.province_id, call.id)
      let n = 0
      for (const d of drafts) {
        const missing = incompleteSections({ ...d, indicator_count: Number(d.indicator_count ?? 0) })
        if (missing.length === 0) continue
        const locale = isLanguage(d.applicant_locale) ? d.applicant_locale : 'id'
        const t = getFixedT(locale)
        const id = await queueMessage(trx, {
          userId: d.applicant_id,
          template: 'deadlineSoon',
          params: {
            province: call.name,
            closes: formatDateTime(new Date(call.closes_at), locale, call.time_zone),
            sections: missing.map((s) => t(`apply:sections.${s}.title`)).join(', '),
          },
          dedupeKey: `deadlineSoon:${d.id}`,
          now,
        })
        if (id) n++
      }
      return n
    })
  }
  return queued
}
