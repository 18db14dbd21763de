import type { Language } from '#app/i18n/config.ts'
import { formatDate } from '#app/i18n/format.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { findFinalist, listParties, listProvinceAdmins } from './mou.queries.server.ts'
import { enqueueMouMail } from './mou-mail.server.ts'
import { addDays, dueReminder, localDay, REMINDER_DAYS, reminderStillDue } from './mou-rules.ts'

// Expiry reminders of MoUs in force (issue 15), swept each hour by pg-boss
// (app/server/jobs.ts, `mou-reminders`): 60, 30 and 7 days before the end day, in the
// province's zone, the venture and the province's Bappeda admins get one mail each.
// The mails and the row of mou_reminders that records them are written in one
// transaction with the MoU locked; the row's key (MoU, threshold) makes a late, repeated
// or concurrent sweep send nothing twice.

/** Sends the reminders due at `now`; answers how many mails were queued. */
export async function sendMouReminders(db: DB, now: Date, origin: string): Promise<number> {
  // The widest window any zone could be in (a day's margin), refined per province below.
  const horizon = addDays(localDay(now, 'UTC'), Math.max(...REMINDER_DAYS) + 1)
  const due = await withTenant(db, { national: true }, async (trx) =>
    (
      await trx
        .selectFrom('mous')
        .select('province_id')
        .where('status', 'in', ['signed', 'active'])
        .where('ends_on', '<=', horizon)
        .where('ends_on', '>=', addDays(localDay(now, 'UTC'), -1))
        .distinct()
        .execute()
    ).map((r) => r.province_id),
  )
  let sent = 0
  for (const provinceId of due) sent += await remindInProvince(db, provinceId, now, origin)
  return sent
}

async function remindInProvince(db: DB, provinceId: string, now: Date, origin: string): Promise<number> {
  return withTenant(db, { provinceId }, async (trx) => {
    const province = await trx
      .selectFrom('provinces')
      .select(['slug', 'name', 'time_zone'])
      .where('id', '=', provinceId)
      .executeTakeFirstOrThrow()
    const today = localDay(now, province.time_zone)
    const mous = await trx
      .selectFrom('mous')
      .select(['id', 'title', 'ends_on', 'application_id'])
      .where('province_id', '=', provinceId)
      .where('status', 'in', ['signed', 'active'])
      .where('ends_on', '>=', today)
      .where('ends_on', '<=', addDays(today, Math.max(...REMINDER_DAYS)))
      .forUpdate()
      .skipLocked()
      .execute()
    const admins = await listProvinceAdmins(trx, provinceId)
    let sent = 0
    for (const mou of mous) {
      const threshold = dueReminder(mou.ends_on, today)
      if (threshold === null) continue
      const already = await trx
        .selectFrom('mou_reminders')
        .select('days_before')
        .where('province_id', '=', provinceId)
        .where('mou_id', '=', mou.id)
        .execute()
      if (
        !reminderStillDue(
          threshold,
          already.map((r) => r.days_before),
        )
      )
        continue
      const marked = await trx
        .insertInto('mou_reminders')
        .values({ province_id: provinceId, mou_id: mou.id, days_before: threshold, ends_on: mou.ends_on, sent_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning('days_before')
        .executeTakeFirst()
      if (!marked) continue
      const venture = await findFinalist(trx, provinceId, mou.application_id)
      const agencies = (await listParties(trx, provinceId, mou.id)).map((p) => p.short_name).join(', ')
      const people = [
        ...(venture
          ? [
              {
                email: venture.email,
                name: venture.applicant_name,
                locale: venture.locale,
                path: `apply/${mou.application_id}/mous`,
              },
            ]
          : []),
        ...admins.map((x) => ({ ...x, path: `manage/mous/${mou.id}` })),
      ]
      for (const p of people) {
        const locale = p.locale as Language
        await enqueueMouMail(trx, {
          to: p.email,
          name: p.name,
          locale,
          template: 'expiryReminder',
          params: {
            title: mou.title,
            days: threshold,
            ends: formatDate(mou.ends_on, locale),
            venture: venture?.venture ?? '',
            agencies,
            province: province.name,
            link: `${origin}/p/${province.slug}/${p.path}`,
          },
        })
        sent += 1
      }
    }
    return sent
  })
}
