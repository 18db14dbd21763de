import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { refused } from '#app/modules/errors/errors.ts'
import { queueMail } from '#app/modules/notifications/outbox.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { dueAt, OFFICE_ZONE } from './privacy-rules.ts'

// A personal data breach (UU 27/2022 art. 46): the officer records what happened, when
// it was found, which data and whom it touched; the platform drafts a notice to every
// affected account and one to the authority, due 3 × 24 h after the finding. A drill
// records the same drafts marked as drill, and sending them is refused: nothing leaves.

export interface IncidentInput {
  what: string
  foundAt: Date
  dataAffected: string
  /** Applicants of one province are affected, or (null) applicants of every province. */
  provinceId: string | null
  authorityEmail: string
  drill: boolean
}

export async function recordIncident(db: DB, officerId: string, input: IncidentInput, meta: { ip: string | null }) {
  return withTenant(db, { national: true, userId: officerId }, async (trx) => {
    let affected = trx.selectFrom('memberships').select('user_id').distinct().where('role', '=', 'applicant')
    if (input.provinceId) affected = affected.where('province_id', '=', input.provinceId)
    const people = await affected.execute()
    const incident = await trx
      .insertInto('privacy_incidents')
      .values({
        what: input.what,
        found_at: input.foundAt,
        data_affected: input.dataAffected,
        province_id: input.provinceId,
        people_affected: people.length,
        authority_email: input.authorityEmail,
        drill: input.drill,
        recorded_by: officerId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('privacy_incident_notices')
      .values([
        { incident_id: incident.id, audience: 'authority', user_id: null, drill: input.drill },
        ...people.map((p) => ({
          incident_id: incident.id,
          audience: 'user' as const,
          user_id: p.user_id,
          drill: input.drill,
        })),
      ])
      .execute()
    await audit(trx, {
      actorId: officerId,
      action: input.drill ? 'privacy.breach_drill' : 'privacy.breach_recorded',
      objectType: 'privacy_incident',
      objectId: incident.id,
      provinceId: input.provinceId,
      ip: meta.ip,
      details: { peopleAffected: people.length, foundAt: input.foundAt.toISOString() },
    })
    return incident.id
  })
}

export function listIncidents(db: DB) {
  return withTenant(db, { national: true }, (trx) =>
    trx
      .selectFrom('privacy_incidents')
      .select(['id', 'what', 'found_at', 'people_affected', 'drill', 'notified_at'])
      .orderBy('found_at', 'desc')
      .limit(50)
      .execute(),
  )
}

type Incident = { what: string; found_at: Date; data_affected: string; people_affected: number; drill: boolean }

/** The text of a notice in one language (the drafts are rendered, never stored with anyone's name). */
export function renderNotice(incident: Incident, audience: 'user' | 'authority', locale: Language) {
  const t = getFixedT(locale)
  const p = {
    what: incident.what,
    foundAt: formatDateTime(incident.found_at, locale, OFFICE_ZONE),
    data: incident.data_affected,
    people: incident.people_affected,
    due: formatDateTime(dueAt(incident.found_at), locale, OFFICE_ZONE),
    interpolation: { escapeValue: false },
  }
  const drill = incident.drill ? `${t('privacy:breach.drillMark')} ` : ''
  return {
    subject: drill + t(`privacy:mail.breach.${audience}.subject`, p),
    body: t(`privacy:mail.breach.${audience}.body`, p),
  }
}

/** One incident with its clock and its drafts (one rendered sample per audience). */
export async function loadIncident(db: DB, incidentId: string, locale: Language) {
  const found = await withTenant(db, { national: true }, async (trx) => {
    const incident = await trx
      .selectFrom('privacy_incidents')
      .selectAll()
      .where('id', '=', incidentId)
      .executeTakeFirst()
    if (!incident) return null
    const notices = await trx
      .selectFrom('privacy_incident_notices')
      .select(['audience', 'drill', 'sent_at'])
      .where('incident_id', '=', incidentId)
      .execute()
    return { incident, notices }
  })
  if (!found) return null
  const { incident, notices } = found
  return {
    incident: { ...incident, due_at: dueAt(incident.found_at) },
    userNotices: notices.filter((n) => n.audience === 'user').length,
    sent: notices.filter((n) => n.sent_at !== null).length,
    drafts: {
      user: renderNotice(incident, 'user', locale),
      authority: renderNotice(incident, 'authority', locale),
    },
  }
}

/** Sends the drafts through the outbox (same transaction), audited; a drill refuses. */
export async function sendIncidentNotices(
  db: DB,
  officerId: string,
  incidentId: string,
  meta: { ip: string | null; now: Date },
): Promise<number | null> {
  return withTenant(db, { national: true, userId: officerId }, async (trx) => {
    const incident = await trx
      .selectFrom('privacy_incidents')
      .selectAll()
      .where('id', '=', incidentId)
      .forUpdate()
      .executeTakeFirst()
    if (!incident) return null
    if (incident.drill) throw refused('privacy:errors.drillNotSent')
    if (incident.notified_at) throw refused('privacy:errors.alreadyNotified')
    const recipients = await trx
      .selectFrom('privacy_incident_notices as n')
      .leftJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.id', 'n.audience', 'u.email', 'u.name', 'u.locale', 'u.active'])
      .where('n.incident_id', '=', incidentId)
      .where('n.sent_at', 'is', null)
      .execute()
    let sent = 0
    for (const r of recipients) {
      if (r.audience === 'user' && (!r.email || !r.active)) continue
      const locale = (r.audience === 'authority' ? 'id' : r.locale) as Language
      const text = renderNotice(incident, r.audience, locale)
      await queueMail(trx, {
        to: r.audience === 'authority' ? incident.authority_email : (r.email as string),
        name: r.audience === 'authority' ? getFixedT(locale)('privacy:breach.authorityName') : (r.name as string),
        locale,
        template: `privacyBreach.${r.audience}`,
        subject: text.subject,
        body: text.body,
      })
      await trx.updateTable('privacy_incident_notices').set({ sent_at: meta.now }).where('id', '=', r.id).execute()
      sent++
    }
    await trx.updateTable('privacy_incidents').set({ notified_at: meta.now }).where('id', '=', incidentId).execute()
    await audit(trx, {
      actorId: officerId,
      action: 'privacy.breach_notified',
      objectType: 'privacy_incident',
      objectId: incidentId,
      provinceId: incident.province_id,
      ip: meta.ip,
      details: { sent },
    })
    return sent
  })
}
