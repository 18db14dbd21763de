import { formatDateTime } from '#app/i18n/format.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import { invalid, notFound, type Refused, refused } from '#app/modules/errors/errors.ts'
import { enqueueMail } from '#app/modules/notifications/outbox.server.ts'
import { findCurrentEdition } from '#app/modules/tenancy/edition.queries.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import {
  datesEditable,
  editionBounds,
  extensionProblem,
  missingItems,
  type Window,
  type WindowProblem,
  windowProblem,
} from './call-rules.ts'
import {
  checklistCounts,
  findCall,
  findEdition,
  listApplicants,
  listCalls,
  lockProvinceCalls,
  otherWindows,
} from './calls.queries.server.ts'
import { type CallInput, E, type ExtendInput } from './calls.schema.ts'
import { instantToLocal, localToInstant } from './zoned-time.ts'

/** The province a call belongs to, as the guard resolved it from the URL. */
export interface CallProvince {
  id: string
  slug: string
  name: string
  time_zone: string
}

/** Who changes a call, from which address, when, and the site's origin for mail links. */
export interface CallActor {
  userId: string
  ip: string | null
  now: Date
  origin: string
}

type Edition = { id: string; name: string; starts_on: string; ends_on: string }

function windowOf(input: { opens_at: string; closes_at: string }, timeZone: string): Window {
  return { opensAt: localToInstant(input.opens_at, timeZone), closesAt: localToInstant(input.closes_at, timeZone) }
}

function details(input: CallInput) {
  return {
    eligibility_id: input.eligibility_id ?? '',
    eligibility_en: input.eligibility_en ?? '',
    faq_id: input.faq_id ?? '',
    faq_en: input.faq_en ?? '',
    max_applications: input.max_applications,
    helpdesk_phone: input.helpdesk_phone || null,
    helpdesk_whatsapp: input.helpdesk_whatsapp || null,
    helpdesk_email: input.helpdesk_email || null,
  }
}

const iso = (w: Window) => ({ opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() })

/** Turns a broken date rule into a refusal on the field the person should look at. */
function refuse(problem: WindowProblem, window: Window, bounds: Window): Refused {
  if (problem === 'order') return invalid(E.order, 'closes_at')
  if (problem === 'overlap') return invalid(E.overlap, 'opens_at')
  const early = window.opensAt.getTime() < bounds.opensAt.getTime()
  return invalid(E.outsideEdition, early ? 'opens_at' : 'closes_at')
}

async function checkWindow(trx: Trx, province: CallProvince, edition: Edition, window: Window, except: string | null) {
  const bounds = editionBounds(edition.starts_on, edition.ends_on, province.time_zone)
  const problem = windowProblem(window, bounds, await otherWindows(trx, province.id, edition.id, except))
  if (problem) throw refuse(problem, window, bounds)
}

async function requireEdition(trx: Trx, editionId: string): Promise<Edition> {
  const edition = await findEdition(trx, editionId)
  if (!edition) throw notFound()
  return edition
}

/** The calls page: the current edition, its calls in this province and what the checklist still lacks. */
export async function loadCallsPage(db: DB, province: CallProvince) {
  const edition = await findCurrentEdition(db)
  if (!edition)
    return {
      edition: null,
      calls: [],
      missing: missingItems({ publishedIssues: 0, activeOpds: 0, reviewers: 0, calls: 0 }),
    }
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const [calls, counts] = await Promise.all([
      listCalls(trx, province.id, edition.id),
      checklistCounts(trx, province.id, edition.id),
    ])
    return { edition, calls, missing: missingItems(counts) }
  })
}

/** The opening checklist of the current edition: each item with its count, and whether a call is published. */
export async function loadChecklist(db: DB, province: CallProvince) {
  const edition = await findCurrentEdition(db)
  const empty = { publishedIssues: 0, activeOpds: 0, reviewers: 0, calls: 0 }
  if (!edition) return { edition: null, counts: empty, missing: missingItems(empty), calls: [] }
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const [counts, calls] = await Promise.all([
      checklistCounts(trx, province.id, edition.id),
      listCalls(trx, province.id, edition.id),
    ])
    return {
      edition,
      counts,
      missing: missingItems(counts),
      calls: calls.map((c) => ({ id: c.id, status: c.status, opens_at: c.opens_at, closes_at: c.closes_at })),
    }
  })
}

/** One call of the province with its edition, its dates as local form values and what may still change. */
export async function loadCall(db: DB, province: CallProvince, callId: string, now: Date) {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await findCall(trx, province.id, callId)
    if (!call) throw notFound()
    const edition = await requireEdition(trx, call.edition_id)
    const counts = await checklistCounts(trx, province.id, edition.id)
    const state = { opensAt: call.opens_at, closesAt: call.closes_at, published: call.status === 'published' }
    return {
      call,
      edition,
      local: {
        opens_at: instantToLocal(call.opens_at, province.time_zone),
        closes_at: instantToLocal(call.closes_at, province.time_zone),
      },
      datesEditable: datesEditable(state, now),
      extendable: state.published && now.getTime() <= call.closes_at.getTime(),
      missing: missingItems(counts),
    }
  })
}

/** Creates a draft call in the current edition; refused when its dates break a rule. */
export async function createCall(db: DB, province: CallProvince, actor: CallActor, input: CallInput): Promise<string> {
  const edition = await findCurrentEdition(db)
  if (!edition) throw refused(E.noEdition)
  const window = windowOf(input, province.time_zone)
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    await lockProvinceCalls(trx, province.id)
    await checkWindow(trx, province, edition, window, null)
    const row = await trx
      .insertInto('calls')
      .values({
        province_id: province.id,
        edition_id: edition.id,
        opens_at: window.opensAt,
        closes_at: window.closesAt,
        status: 'draft',
        ...details(input),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(trx, {
      actorId: actor.userId,
      action: 'call.created',
      objectType: 'call',
      objectId: row.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { edition: edition.slug, ...iso(window) },
    })
    return row.id
  })
}

/**
 * Saves a call's dates and details. Once a published call has opened its dates are
 * fixed (only an extension moves the closing). Answers whether the portal shows it.
 */
export async function updateCall(
  db: DB,
  province: CallProvince,
  actor: CallActor,
  callId: string,
  input: CallInput,
): Promise<boolean> {
  const window = windowOf(input, province.time_zone)
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    await lockProvinceCalls(trx, province.id)
    const call = await findCall(trx, province.id, callId)
    if (!call) throw notFound()
    const published = call.status === 'published'
    const before = { opensAt: call.opens_at, closesAt: call.closes_at }
    const moved =
      before.opensAt.getTime() !== window.opensAt.getTime() || before.closesAt.getTime() !== window.closesAt.getTime()
    if (moved && !datesEditable({ ...before, published }, actor.now)) throw invalid(E.datesLocked, 'opens_at')
    if (moved) await checkWindow(trx, province, await requireEdition(trx, call.edition_id), window, call.id)
    await trx
      .updateTable('calls')
      .set({ opens_at: window.opensAt, closes_at: window.closesAt, ...details(input), updated_at: actor.now })
      .where('province_id', '=', province.id)
      .where('id', '=', call.id)
      .execute()
    await audit(trx, {
      actorId: actor.userId,
      action: 'call.updated',
      objectType: 'call',
      objectId: call.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { before: iso(before), after: iso(window), maxApplications: input.max_applications },
    })
    return published
  })
}

/**
 * Publishes a draft call: the call opens (on the portal, at its date) only once the
 * checklist is complete; otherwise refused with the missing items. Publishing a
 * published call again changes nothing (a form sent twice). Answers whether it changed.
 */
export async function publishCall(db: DB, province: CallProvince, actor: CallActor, callId: string): Promise<boolean> {
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    await lockProvinceCalls(trx, province.id)
    const call = await findCall(trx, province.id, callId)
    if (!call) throw notFound()
    if (call.status === 'published') return false
    const missing = missingItems(await checklistCounts(trx, province.id, call.edition_id))
    if (missing.length > 0) throw refused(E.checklistIncomplete, { detail: missing })
    await trx
      .updateTable('calls')
      .set({ status: 'published', updated_at: actor.now })
      .where('province_id', '=', province.id)
      .where('id', '=', call.id)
      .execute()
    await audit(trx, {
      actorId: actor.userId,
      action: 'call.published',
      objectType: 'call',
      objectId: call.id,
      provinceId: province.id,
      ip: actor.ip,
      details: iso({ opensAt: call.opens_at, closesAt: call.closes_at }),
    })
    return true
  })
}

/** Deletes a draft call; a published one stays (applicants may rely on it). */
export async function deleteCall(db: DB, province: CallProvince, actor: CallActor, callId: string): Promise<void> {
  await withTenant(db, { provinceId: province.id }, async (trx) => {
    await lockProvinceCalls(trx, province.id)
    const call = await findCall(trx, province.id, callId)
    if (!call) throw notFound()
    if (call.status === 'published') throw refused(E.deletePublished)
    await trx.deleteFrom('calls').where('province_id', '=', province.id).where('id', '=', call.id).execute()
    await audit(trx, {
      actorId: actor.userId,
      action: 'call.deleted',
      objectType: 'call',
      objectId: call.id,
      provinceId: province.id,
      ip: actor.ip,
      details: iso({ opensAt: call.opens_at, closesAt: call.closes_at }),
    })
  })
}

/**
 * Moves a published call's closing later, before it closes. The change is audited
 * with both instants and every registered applicant of the province gets a mail in
 * their language, written in the same transaction. Answers how many mails were queued.
 */
export async function extendCall(
  db: DB,
  province: CallProvince,
  actor: CallActor,
  callId: string,
  input: ExtendInput,
): Promise<number> {
  const closesAt = localToInstant(input.closes_at, province.time_zone)
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    await lockProvinceCalls(trx, province.id)
    const call = await findCall(trx, province.id, callId)
    if (!call) throw notFound()
    const edition = await requireEdition(trx, call.edition_id)
    const problem = extensionProblem(
      { opensAt: call.opens_at, closesAt: call.closes_at, published: call.status === 'published' },
      closesAt,
      actor.now,
      editionBounds(edition.starts_on, edition.ends_on, province.time_zone),
      await otherWindows(trx, province.id, edition.id, call.id),
    )
    // A closed or unpublished call has no extension form to point at: those refusals concern the whole call.
    const onField = problem === 'alreadyClosed' || problem === 'notPublished' ? undefined : 'closes_at'
    if (problem) throw refused(E[problem], { field: onField })
    await trx
      .updateTable('calls')
      .set({ closes_at: closesAt, updated_at: actor.now })
      .where('province_id', '=', province.id)
      .where('id', '=', call.id)
      .execute()
    await audit(trx, {
      actorId: actor.userId,
      action: 'call.extended',
      objectType: 'call',
      objectId: call.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { previousClosesAt: call.closes_at.toISOString(), closesAt: closesAt.toISOString() },
    })
    const applicants = await listApplicants(trx, province.id)
    for (const a of applicants) {
      await enqueueMail(trx, {
        to: a.email,
        name: a.name,
        locale: a.locale,
        template: 'callExtended',
        params: {
          province: province.name,
          closes: formatDateTime(closesAt, a.locale, province.time_zone),
          previous: formatDateTime(call.closes_at, a.locale, province.time_zone),
          link: `${actor.origin}/p/${province.slug}`,
        },
      })
    }
    return applicants.length
  })
}

/** Answers 404 (NotFound) unless the call exists in this province (checked before a form is read). */
export async function requireCall(db: DB, province: CallProvince, callId: string): Promise<void> {
  const call = await withTenant(db, { provinceId: province.id }, (trx) => findCall(trx, province.id, callId))
  if (!call) throw notFound()
}
