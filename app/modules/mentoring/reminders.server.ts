import type { Language } from '#app/i18n/config.ts'
import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { enqueueMentoringMail } from './mentoring-mail.server.ts'
import { localDay, SESSION_REMINDER_LEAD_MS } from './mentoring-rules.ts'

// Mentoring reminders (issue 14), swept each hour by pg-boss (app/server/jobs.ts):
// everyone expected at a session gets one mail the day before it, and the owner of an
// action item one mail once it is overdue (its due day passed in the province's zone).
// Each mail is written in the same transaction as the marker that says it was sent
// (mentoring_sessions.reminded_at, mentoring_actions.overdue_notified_at), with the
// rows locked, so a sweep that runs late, twice or concurrently sends nothing twice. A
// finalist whose place is confirmed but not yet published gets no mail at all.

/** Sends the reminders due at `now`; answers how many mails were queued. */
export async function sendMentoringReminders(db: DB, now: Date, origin: string): Promise<number> {
  const until = new Date(now.getTime() + SESSION_REMINDER_LEAD_MS)
  // Which provinces have something due is read nationally; each province writes in its own scope.
  const due = await withTenant(db, { national: true }, async (trx) => {
    const sessions = await trx
      .selectFrom('mentoring_sessions')
      .select('province_id')
      .where('reminded_at', 'is', null)
      .where('starts_at', '>', now)
      .where('starts_at', '<=', until)
      .distinct()
      .execute()
    const actions = await trx
      .selectFrom('mentoring_actions as i')
      .innerJoin('provinces as p', 'p.id', 'i.province_id')
      .select(['i.province_id', 'p.time_zone'])
      .where('i.state', '=', 'open')
      .where('i.overdue_notified_at', 'is', null)
      // A day's margin either side of the province's own "today", refined per province below.
      .where('i.due_on', '<', localDay(new Date(now.getTime() + 86_400_000), 'UTC'))
      .distinct()
      .execute()
    return [...new Set([...sessions, ...actions].map((r) => r.province_id))]
  })
  let sent = 0
  for (const provinceId of due) sent += await remindInProvince(db, provinceId, now, until, origin)
  return sent
}

async function remindInProvince(db: DB, provinceId: string, now: Date, until: Date, origin: string): Promise<number> {
  return withTenant(db, { provinceId }, async (trx) => {
    const province = await trx
      .selectFrom('provinces')
      .select(['slug', 'name', 'time_zone'])
      .where('id', '=', provinceId)
      .executeTakeFirstOrThrow()
    let sent = 0
    const sessions = await trx
      .selectFrom('mentoring_sessions')
      .select(['id', 'cohort_id', 'starts_at', 'mode', 'link', 'place', 'agenda'])
      .where('province_id', '=', provinceId)
      .where('reminded_at', 'is', null)
      .where('starts_at', '>', now)
      .where('starts_at', '<=', until)
      .forUpdate()
      .skipLocked()
      .execute()
    for (const s of sessions) {
      const people = await trx
        .selectFrom('session_participants as sp')
        .innerJoin('users as u', 'u.id', 'sp.user_id')
        .select(['u.email', 'u.name', 'u.locale', 'sp.role'])
        .where('sp.province_id', '=', provinceId)
        .where('sp.session_id', '=', s.id)
        .where('u.active', '=', true)
        // A finalist hears nothing of mentoring while their place is confirmed but not published.
        .where((eb) =>
          eb.or([
            eb('sp.role', '=', 'mentor'),
            eb.exists(
              eb
                .selectFrom('cohort_finalists as f')
                .innerJoin('applications as a', (j) =>
                  j.onRef('a.province_id', '=', 'f.province_id').onRef('a.id', '=', 'f.application_id'),
                )
                .select('a.id')
                .where('f.province_id', '=', provinceId)
                .where('f.cohort_id', '=', s.cohort_id)
                .whereRef('a.applicant_id', '=', 'sp.user_id')
                .where('a.status', '=', 'finalist'),
            ),
          ]),
        )
        .execute()
      for (const p of people) {
        const locale = p.locale as Language
        await enqueueMentoringMail(trx, {
          to: p.email,
          name: p.name,
          locale,
          template: 'sessionReminder',
          params: {
            province: province.name,
            when: formatDateTime(s.starts_at, locale, province.time_zone),
            where: s.mode === 'online' ? (s.link ?? '') : (s.place ?? ''),
            agenda: s.agenda,
            link: `${origin}/p/${province.slug}/${p.role === 'finalist' ? 'apply' : 'mentoring'}`,
          },
        })
        sent += 1
      }
      await trx
        .updateTable('mentoring_sessions')
        .set({ reminded_at: now })
        .where('province_id', '=', provinceId)
        .where('id', '=', s.id)
        .execute()
    }
    const overdue = await trx
      .selectFrom('mentoring_actions as i')
      .innerJoin('users as u', 'u.id', 'i.owner_id')
      .select(['i.id', 'i.title', 'i.due_on', 'u.email', 'u.name', 'u.locale', 'u.active'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('cohort_mentors as m')
              .select('m.user_id')
              .whereRef('m.province_id', '=', 'i.province_id')
              .whereRef('m.cohort_id', '=', 'i.cohort_id')
              .whereRef('m.user_id', '=', 'i.owner_id'),
          )
          .as('mentor'),
      )
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('cohort_finalists as f')
              .innerJoin('applications as a', (j) =>
                j.onRef('a.province_id', '=', 'f.province_id').onRef('a.id', '=', 'f.application_id'),
              )
              .select('a.id')
              .whereRef('f.province_id', '=', 'i.province_id')
              .whereRef('f.cohort_id', '=', 'i.cohort_id')
              .whereRef('a.applicant_id', '=', 'i.owner_id')
              .where('a.status', '=', 'finalist'),
          )
          .as('published_finalist'),
      )
      .where('i.province_id', '=', provinceId)
      .where('i.state', '=', 'open')
      .where('i.overdue_notified_at', 'is', null)
      .where('i.due_on', '<', localDay(now, province.time_zone))
      .forUpdate(['i'])
      .skipLocked()
      .execute()
    for (const item of overdue) {
      const locale = item.locale as Language
      // A finalist's item waits, unmarked, until their place is published.
      if (!item.mentor && !item.published_finalist) continue
      if (item.active) {
        await enqueueMentoringMail(trx, {
          to: item.email,
          name: item.name,
          locale,
          template: 'overdue',
          params: {
            province: province.name,
            title: item.title,
            due: formatDate(item.due_on, locale),
            link: `${origin}/p/${province.slug}/${item.mentor ? 'mentoring' : 'apply'}`,
          },
        })
        sent += 1
      }
      await trx
        .updateTable('mentoring_actions')
        .set({ overdue_notified_at: now })
        .where('province_id', '=', provinceId)
        .where('id', '=', item.id)
        .execute()
    }
    return sent
  })
}
