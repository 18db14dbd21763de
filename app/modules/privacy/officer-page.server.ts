import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { localToInstant } from '#app/modules/calls/zoned-time.ts'
import { refusal } from '#app/modules/errors/errors.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { listIncidents, recordIncident, sendIncidentNotices } from './breach.server.ts'
import { decisionSchema, incidentSchema, officerSchema } from './privacy.schema.ts'
import { decideRequest, listRequests, type Meta, setOfficer } from './privacy.server.ts'
import { OFFICE_ZONE } from './privacy-rules.ts'
import { listRetentionReports } from './retention.server.ts'

// The intents of the privacy officer's pages (routes/national.privacy.*), one function
// each, parsed here with conform at the boundary.

export type Reply = { result?: SubmissionResult<string[]>; refused?: string }
export type Outcome = { redirect: string } | { reply: Reply; status: 400 | 403 | 409 | 422 }

/** The officer's desk: the queue, incidents, retention reports and the provinces for the incident form. */
export async function loadOfficerDesk(db: DB) {
  const [requests, incidents, reports, provinces] = await Promise.all([
    listRequests(db),
    listIncidents(db),
    listRetentionReports(db),
    withTenant(db, { national: true }, (trx) =>
      trx.selectFrom('provinces').select(['id', 'name']).where('active', '=', true).orderBy('name').execute(),
    ),
  ])
  return { requests, incidents, reports, provinces }
}

export async function createIncident(db: DB, officerId: string, formData: FormData, meta: Meta): Promise<Outcome> {
  const submission = parseWithZod(formData, { schema: incidentSchema })
  if (submission.status !== 'success') return { reply: { result: submission.reply() }, status: 400 }
  const v = submission.value
  const id = await recordIncident(
    db,
    officerId,
    {
      what: v.what,
      foundAt: localToInstant(v.found_at, OFFICE_ZONE),
      dataAffected: v.data_affected,
      provinceId: v.province ?? null,
      authorityEmail: v.authority_email,
      drill: v.drill === 'on',
    },
    meta,
  )
  return { redirect: `/national/privacy/incidents/${id}` }
}

export async function decide(
  db: DB,
  officerId: string,
  requestId: string,
  formData: FormData,
  meta: Meta & { origin: string },
): Promise<Outcome> {
  const submission = parseWithZod(formData, { schema: decisionSchema })
  if (submission.status !== 'success') return { reply: { result: submission.reply() }, status: 400 }
  try {
    await decideRequest(db, officerId, requestId, submission.value, meta)
  } catch (error) {
    const r = refusal(error)
    return { reply: { refused: r.key }, status: r.status === 400 ? 409 : r.status }
  }
  return { redirect: '/national/privacy?done=decided' }
}

export async function sendNotices(db: DB, officerId: string, incidentId: string, meta: Meta): Promise<Outcome | null> {
  try {
    const sent = await sendIncidentNotices(db, officerId, incidentId, meta)
    if (sent === null) return null
  } catch (error) {
    const r = refusal(error)
    return { reply: { refused: r.key }, status: r.status === 400 ? 409 : r.status }
  }
  return { redirect: `/national/privacy/incidents/${incidentId}?sent=1` }
}

export async function appoint(db: DB, actorId: string, formData: FormData, meta: Meta): Promise<Outcome> {
  const submission = parseWithZod(formData, { schema: officerSchema })
  if (submission.status !== 'success') return { reply: { result: submission.reply() }, status: 400 }
  try {
    await setOfficer(db, actorId, submission.value.user, submission.value.appointed === 'yes', meta)
  } catch (error) {
    const r = refusal(error)
    return { reply: { refused: r.key }, status: r.status === 400 ? 409 : r.status }
  }
  return { redirect: '/national/privacy/officers?done=1' }
}

/** One request for its decision page; null when it does not exist. */
export async function loadRequest(db: DB, requestId: string) {
  const [row] = await listRequests(db, requestId)
  return row ?? null
}
