import { audit } from '#app/modules/audit/audit.server.ts'
import { invalid, notFound } from '#app/modules/errors/errors.ts'
import { checkFile, type FileRefusal, postgresStorage } from '#app/modules/storage/storage.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { pageWindow } from '#app/modules/validation/paging.ts'
import type { DB } from '#db/client.ts'
import {
  countEvents,
  type EventLinks,
  findEvent,
  listAgencyChoices,
  listEventAgencies,
  listEventFinalists,
  listEvents,
  listEventTopics,
  listFinalistChoices,
  listTopicChoices,
  regencyNames,
  replaceEventLinks,
} from './cocreation.queries.server.ts'
import type { EventInput } from './cocreation.schema.ts'

// Co-creation events of a province (issue 15): where a finalist's idea meets the heads
// of the agencies that own the issue. Bappeda or ERAT records the event, the agencies
// invited and present, the finalists presenting (of any edition), the national issues
// discussed, the minutes and what came out of it.

/** Who records an event, where, from which address (for the audit log). */
export interface EventActor {
  provinceId: string
  userId: string
  ip: string | null
}

export const EVENT_PAGE_SIZE = 20

/** Minutes are PDF documents, whatever the file is called. */
const MINUTES_TYPES = ['application/pdf'] as const

/** What went wrong with uploaded minutes, on the form's minutes field. */
export const MINUTES_REFUSAL = {
  field: 'minutes',
  keys: {
    empty: 'cocreation:events.minutesEmpty',
    tooLarge: 'cocreation:events.minutesTooLarge',
    type: 'cocreation:events.minutesNotPdf',
  },
} as const satisfies FileRefusal

export interface MinutesUpload {
  name: string
  bytes: Uint8Array
}

/** One page of the province's events, newest first (1-based, clamped). */
export function loadEventList(db: DB, provinceId: string, requested: number) {
  return withTenant(db, { provinceId }, async (trx) => {
    const total = await countEvents(trx, provinceId)
    const { page, pageCount, limit, offset } = pageWindow(requested, total, EVENT_PAGE_SIZE)
    const rows = await listEvents(trx, provinceId, limit, offset)
    return {
      total,
      page,
      pageCount,
      events: rows.map((e) => ({
        ...e,
        invited: Number(e.invited),
        present: Number(e.present),
        finalists: Number(e.finalists),
      })),
    }
  })
}

/** What the event form offers: active agencies, finalists of every edition, national issues, kabupaten/kota. */
export function loadEventChoices(db: DB, provinceId: string) {
  return withTenant(db, { provinceId }, async (trx) => ({
    agencies: await listAgencyChoices(trx, provinceId),
    finalists: await listFinalistChoices(trx, provinceId),
    topics: await listTopicChoices(trx),
    regencies: [...(await regencyNames(trx, provinceId))].map(([code, name]) => ({ code, name })),
  }))
}

/** One event of the province with everything it names, or NotFound (404). */
export async function loadEvent(db: DB, provinceId: string, eventId: string) {
  const found = await withTenant(db, { provinceId }, async (trx) => {
    const event = await findEvent(trx, provinceId, eventId)
    if (!event) return undefined
    return {
      event,
      agencies: await listEventAgencies(trx, provinceId, eventId),
      finalists: await listEventFinalists(trx, provinceId, eventId),
      topics: await listEventTopics(trx, provinceId, eventId),
    }
  })
  if (!found) throw notFound('cocreation_event')
  return found
}

/**
 * The links the form names, each checked against the province: an agency, finalist or
 * issue id that is not one of its choices (a guessed id of another province) is "not
 * found". Agencies already on the event stay allowed after being deactivated.
 */
async function checkedLinks(trx: Trx, provinceId: string, input: EventInput, eventId?: string): Promise<EventLinks> {
  const unique = (ids: readonly string[]) => [...new Set(ids)]
  const links = {
    invited: unique(input.invited),
    present: unique(input.present),
    finalists: unique(input.finalists),
    topics: unique(input.topics),
  }
  const agencies = new Set((await listAgencyChoices(trx, provinceId)).map((a) => a.id))
  if (eventId) for (const a of await listEventAgencies(trx, provinceId, eventId)) agencies.add(a.id)
  const finalists = new Set((await listFinalistChoices(trx, provinceId)).map((f) => f.id))
  const topics = new Set((await listTopicChoices(trx)).map((t) => t.id))
  if (!links.invited.every((id) => agencies.has(id))) throw notFound('opd')
  if (!links.finalists.every((id) => finalists.has(id))) throw notFound('application')
  if (!links.topics.every((id) => topics.has(id))) throw notFound('national_issue')
  if (input.regency_code && !(await regencyNames(trx, provinceId)).has(input.regency_code)) {
    throw invalid('cocreation:errors.choose', 'regency_code')
  }
  return links
}

function columns(input: EventInput) {
  return {
    held_on: input.held_on,
    place: input.place,
    regency_code: input.regency_code ?? null,
    organiser_kind: input.organiser_kind,
    organiser_name: input.organiser_name,
    outcomes: input.outcomes ?? '',
    next_meeting_on: input.next_meeting_on ?? null,
  }
}

async function storeMinutes(trx: Trx, actor: EventActor, minutes: MinutesUpload) {
  return postgresStorage.put(trx, actor.provinceId, { ...minutes, createdBy: actor.userId, accept: MINUTES_TYPES })
}

/** Records an event; the minutes (a PDF, checked by content) may come now or later. */
export async function createEvent(
  db: DB,
  actor: EventActor,
  input: EventInput,
  minutes: MinutesUpload | undefined,
): Promise<string> {
  // Refuse a wrong file before opening a transaction.
  if (minutes) checkFile({ ...minutes, createdBy: actor.userId, accept: MINUTES_TYPES, refusal: MINUTES_REFUSAL })
  return withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const links = await checkedLinks(trx, actor.provinceId, input)
    const file = minutes ? await storeMinutes(trx, actor, minutes) : null
    const row = await trx
      .insertInto('cocreation_events')
      .values({
        province_id: actor.provinceId,
        ...columns(input),
        minutes_file_id: file?.id ?? null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await replaceEventLinks(trx, actor.provinceId, row.id, links)
    await audit(trx, {
      actorId: actor.userId,
      action: 'cocreation.created',
      objectType: 'cocreation_event',
      objectId: row.id,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { ...columns(input), ...links, minutesFileId: file?.id ?? null },
    })
    return row.id
  })
}

/** Edits an event; new minutes replace the old ones (which are deleted), none keeps them. */
export async function updateEvent(
  db: DB,
  actor: EventActor,
  eventId: string,
  input: EventInput,
  minutes: MinutesUpload | undefined,
): Promise<void> {
  if (minutes) checkFile({ ...minutes, createdBy: actor.userId, accept: MINUTES_TYPES, refusal: MINUTES_REFUSAL })
  await withTenant(db, { provinceId: actor.provinceId }, async (trx) => {
    const before = await findEvent(trx, actor.provinceId, eventId)
    if (!before) throw notFound('cocreation_event')
    const links = await checkedLinks(trx, actor.provinceId, input, eventId)
    const file = minutes ? await storeMinutes(trx, actor, minutes) : null
    await trx
      .updateTable('cocreation_events')
      .set({
        ...columns(input),
        ...(file ? { minutes_file_id: file.id } : {}),
        updated_at: new Date(),
      })
      .where('province_id', '=', actor.provinceId)
      .where('id', '=', eventId)
      .execute()
    if (file && before.minutes_file_id) await postgresStorage.remove(trx, actor.provinceId, before.minutes_file_id)
    await replaceEventLinks(trx, actor.provinceId, eventId, links)
    await audit(trx, {
      actorId: actor.userId,
      action: 'cocreation.updated',
      objectType: 'cocreation_event',
      objectId: eventId,
      provinceId: actor.provinceId,
      ip: actor.ip,
      details: { after: { ...columns(input), ...links }, minutesReplaced: Boolean(file) },
    })
  })
}

/** The minutes of one of the province's events, or NotFound (404). */
export async function loadEventMinutes(db: DB, provinceId: string, eventId: string) {
  const file = await withTenant(db, { provinceId }, async (trx) => {
    const event = await findEvent(trx, provinceId, eventId)
    if (!event?.minutes_file_id) return undefined
    return postgresStorage.get(trx, provinceId, event.minutes_file_id)
  })
  if (!file) throw notFound('minutes')
  return file
}
