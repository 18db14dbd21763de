import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { RegencyRow } from './regency-rules.ts'

// Kysely only. Every query names the province explicitly, on top of RLS (docs/ARCHITECTURE.md#tenancy).

// ---- kabupaten/kota ----

/** One page of the province's kabupaten/kota by code, with the agencies naming each. */
export function listRegencies(trx: Trx, provinceId: string, limit: number, offset: number) {
  return trx
    .selectFrom('regencies as r')
    .select((eb) => [
      'r.code',
      'r.name',
      'r.kind',
      eb
        .selectFrom('opds as o')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('o.province_id', '=', 'r.province_id')
        .whereRef('o.regency_code', '=', 'r.code')
        .as('agencies'),
    ])
    .where('r.province_id', '=', provinceId)
    .orderBy('r.code')
    .limit(limit)
    .offset(offset)
    .execute()
}

export async function countRegencies(trx: Trx, provinceId: string): Promise<number> {
  const row = await trx
    .selectFrom('regencies')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('province_id', '=', provinceId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Every kabupaten/kota of the province, code → name (checking an import, a choice). */
export async function regencyNames(trx: Trx, provinceId: string): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('regencies')
    .select(['code', 'name'])
    .where('province_id', '=', provinceId)
    .orderBy('code')
    .execute()
  return new Map(rows.map((r) => [r.code, r.name]))
}

/** A code already listed anywhere: codes are national, so one province's code is never reused. */
export function findRegencyAnywhere(trx: Trx, code: string) {
  return trx.selectFrom('regencies').select(['code', 'name', 'province_id']).where('code', '=', code).executeTakeFirst()
}

export async function insertRegencies(trx: Trx, provinceId: string, rows: readonly RegencyRow[]): Promise<void> {
  if (rows.length === 0) return
  await trx
    .insertInto('regencies')
    .values(rows.map((r) => ({ ...r, province_id: provinceId })))
    .execute()
}

// ---- co-creation events ----

/** One page of the province's events, newest first, with how many agencies came and finalists presented. */
export function listEvents(trx: Trx, provinceId: string, limit: number, offset: number) {
  return trx
    .selectFrom('cocreation_events as e')
    .select((eb) => [
      'e.id',
      'e.held_on',
      'e.place',
      'e.organiser_kind',
      'e.organiser_name',
      'e.next_meeting_on',
      eb
        .selectFrom('cocreation_agencies as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.province_id', '=', 'e.province_id')
        .whereRef('a.event_id', '=', 'e.id')
        .as('invited'),
      eb
        .selectFrom('cocreation_agencies as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.province_id', '=', 'e.province_id')
        .whereRef('a.event_id', '=', 'e.id')
        .where('a.present', '=', true)
        .as('present'),
      eb
        .selectFrom('cocreation_finalists as f')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('f.province_id', '=', 'e.province_id')
        .whereRef('f.event_id', '=', 'e.id')
        .as('finalists'),
    ])
    .where('e.province_id', '=', provinceId)
    .orderBy('e.held_on', 'desc')
    .orderBy('e.id')
    .limit(limit)
    .offset(offset)
    .execute()
}

export async function countEvents(trx: Trx, provinceId: string): Promise<number> {
  const row = await trx
    .selectFrom('cocreation_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('province_id', '=', provinceId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function findEvent(trx: Trx, provinceId: string, eventId: string) {
  return trx
    .selectFrom('cocreation_events as e')
    .leftJoin('regencies as r', (j) =>
      j.onRef('r.province_id', '=', 'e.province_id').onRef('r.code', '=', 'e.regency_code'),
    )
    .leftJoin('files as f', (j) =>
      j.onRef('f.province_id', '=', 'e.province_id').onRef('f.id', '=', 'e.minutes_file_id'),
    )
    .select([
      'e.id',
      'e.held_on',
      'e.place',
      'e.regency_code',
      'r.name as regency_name',
      'r.kind as regency_kind',
      'e.organiser_kind',
      'e.organiser_name',
      'e.outcomes',
      'e.next_meeting_on',
      'e.minutes_file_id',
      'f.original_name as minutes_name',
    ])
    .where('e.province_id', '=', provinceId)
    .where('e.id', '=', eventId)
    .executeTakeFirst()
}

/** The agencies invited to an event, whether each came, with level and kabupaten/kota. */
export function listEventAgencies(trx: Trx, provinceId: string, eventId: string) {
  return trx
    .selectFrom('cocreation_agencies as a')
    .innerJoin('opds as o', (j) => j.onRef('o.province_id', '=', 'a.province_id').onRef('o.id', '=', 'a.opd_id'))
    .leftJoin('regencies as r', (j) =>
      j.onRef('r.province_id', '=', 'o.province_id').onRef('r.code', '=', 'o.regency_code'),
    )
    .select(['o.id', 'o.name', 'o.short_name', 'o.head_name', 'o.level', 'r.name as regency_name', 'a.present'])
    .where('a.province_id', '=', provinceId)
    .where('a.event_id', '=', eventId)
    .orderBy('o.level')
    .orderBy('o.short_name')
    .execute()
}

/** The finalists presenting at an event: the venture as submitted and its edition. */
export function listEventFinalists(trx: Trx, provinceId: string, eventId: string) {
  return (
    trx
      .selectFrom('cocreation_finalists as f')
      .innerJoin('applications as a', (j) =>
        j.onRef('a.province_id', '=', 'f.province_id').onRef('a.id', '=', 'f.application_id'),
      )
      // A finalist was submitted, so its profile is the snapshot taken then (docs/decisions/006).
      .innerJoin('venture_snapshots as vs', (j) =>
        j.onRef('vs.province_id', '=', 'a.province_id').onRef('vs.id', '=', 'a.venture_snapshot_id'),
      )
      .innerJoin('editions as ed', 'ed.id', 'a.edition_id')
      .select(['a.id', 'vs.name as venture', 'ed.name as edition'])
      .where('f.province_id', '=', provinceId)
      .where('f.event_id', '=', eventId)
      .orderBy('vs.name')
      .execute()
  )
}

export function listEventTopics(trx: Trx, provinceId: string, eventId: string) {
  return trx
    .selectFrom('cocreation_topics as t')
    .innerJoin('national_issues as n', 'n.id', 't.national_issue_id')
    .select(['n.id', 'n.name_id', 'n.name_en'])
    .where('t.province_id', '=', provinceId)
    .where('t.event_id', '=', eventId)
    .orderBy('n.position')
    .execute()
}

// ---- what an event can name ----

/** The province's active agencies, provincial first, with their kabupaten/kota. */
export function listAgencyChoices(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('opds as o')
    .leftJoin('regencies as r', (j) =>
      j.onRef('r.province_id', '=', 'o.province_id').onRef('r.code', '=', 'o.regency_code'),
    )
    .select(['o.id', 'o.name', 'o.short_name', 'o.level', 'r.name as regency_name'])
    .where('o.province_id', '=', provinceId)
    .where('o.active', '=', true)
    .orderBy('o.level')
    .orderBy('o.short_name')
    .execute()
}

/**
 * The province's finalists of every edition (confirmed or published selections at the
 * finalist stage, issue 7): an event may bring back an earlier edition's finalists.
 */
export function listFinalistChoices(trx: Trx, provinceId: string) {
  return trx
    .selectFrom('selection_entries as se')
    .innerJoin('selections as s', (j) =>
      j.onRef('s.province_id', '=', 'se.province_id').onRef('s.call_id', '=', 'se.call_id'),
    )
    .innerJoin('applications as a', (j) =>
      j.onRef('a.province_id', '=', 'se.province_id').onRef('a.id', '=', 'se.application_id'),
    )
    .innerJoin('venture_snapshots as vs', (j) =>
      j.onRef('vs.province_id', '=', 'a.province_id').onRef('vs.id', '=', 'a.venture_snapshot_id'),
    )
    .innerJoin('editions as ed', 'ed.id', 'a.edition_id')
    .select(['a.id', 'vs.name as venture', 'ed.name as edition'])
    .where('se.province_id', '=', provinceId)
    .where('se.stage', '=', 'finalist')
    .where('s.status', 'in', ['confirmed', 'published'])
    .orderBy('ed.starts_on', 'desc')
    .orderBy('vs.name')
    .execute()
}

/** National issues still in use, as topics. */
export function listTopicChoices(trx: Trx) {
  return trx
    .selectFrom('national_issues')
    .select(['id', 'name_id', 'name_en'])
    .where('retired_at', 'is', null)
    .orderBy('position')
    .execute()
}

// ---- writing an event ----

export interface EventLinks {
  invited: readonly string[]
  present: readonly string[]
  finalists: readonly string[]
  topics: readonly string[]
}

/** Replaces the agencies, finalists and topics of an event with `links`. */
export async function replaceEventLinks(trx: Trx, provinceId: string, eventId: string, links: EventLinks) {
  for (const table of ['cocreation_agencies', 'cocreation_finalists', 'cocreation_topics'] as const) {
    await trx.deleteFrom(table).where('province_id', '=', provinceId).where('event_id', '=', eventId).execute()
  }
  const present = new Set(links.present)
  const base = { province_id: provinceId, event_id: eventId }
  if (links.invited.length > 0) {
    await trx
      .insertInto('cocreation_agencies')
      .values(links.invited.map((opd_id) => ({ ...base, opd_id, present: present.has(opd_id) })))
      .execute()
  }
  if (links.finalists.length > 0) {
    await trx
      .insertInto('cocreation_finalists')
      .values(links.finalists.map((application_id) => ({ ...base, application_id })))
      .execute()
  }
  if (links.topics.length > 0) {
    await trx
      .insertInto('cocreation_topics')
      .values(links.topics.map((national_issue_id) => ({ ...base, national_issue_id })))
      .execute()
  }
}
