import { isUuid } from '#app/modules/errors/errors.ts'
import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'

/** A name for an audited object in both languages (most names are the same in both). */
export interface ObjectLabel {
  id: string
  en: string
}

const same = (name: string): ObjectLabel => ({ id: name, en: name })

type Reader = (trx: Trx, ids: string[]) => Promise<[string, ObjectLabel][]>

// How each kind of audited object is named for people: a person's name, an issue's
// title, … Rows the transaction's tenant cannot see (row-level security) stay unnamed,
// and so does the live venture profile (only the applicant's pages read it, see
// tests/unit/profile-readers.test.ts).
const readers: Record<string, Reader> = {
  // A submitted application by its venture as submitted (the snapshot) and receipt; a
  // draft, whose profile is still the applicant's own business, by its issue.
  application: async (trx, ids) =>
    (
      await trx
        .selectFrom('applications as a')
        .innerJoin('province_issues as pi', (j) =>
          j.onRef('pi.province_id', '=', 'a.province_id').onRef('pi.id', '=', 'a.issue_id'),
        )
        .leftJoin('venture_snapshots as s', (j) =>
          j.onRef('s.province_id', '=', 'a.province_id').onRef('s.id', '=', 'a.venture_snapshot_id'),
        )
        .select(['a.id', 'a.receipt_number', 's.name', 'pi.title_id', 'pi.title_en'])
        .where('a.id', 'in', ids)
        .execute()
    ).map((r): [string, ObjectLabel] => [
      r.id,
      r.name && r.receipt_number
        ? same(`${r.name} (${r.receipt_number})`)
        : { id: r.title_id, en: r.title_en || r.title_id },
    ]),
  user: async (trx, ids) =>
    (await trx.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => [
      r.id,
      same(r.name),
    ]),
  province_issue: async (trx, ids) =>
    (
      await trx.selectFrom('province_issues').select(['id', 'title_id', 'title_en']).where('id', 'in', ids).execute()
    ).map((r) => [r.id, { id: r.title_id, en: r.title_en || r.title_id }]),
  opd: async (trx, ids) =>
    (await trx.selectFrom('opds').select(['id', 'short_name']).where('id', 'in', ids).execute()).map((r) => [
      r.id,
      same(r.short_name),
    ]),
  fgd: async (trx, ids) =>
    (await trx.selectFrom('fgd_sessions').select(['id', 'place', 'held_on']).where('id', 'in', ids).execute()).map(
      (r) => [r.id, same(`${r.place}, ${String(r.held_on)}`)],
    ),
  call: async (trx, ids) =>
    (
      await trx
        .selectFrom('calls')
        .innerJoin('editions', 'editions.id', 'calls.edition_id')
        .select(['calls.id', 'editions.name'])
        .where('calls.id', 'in', ids)
        .execute()
    ).map((r) => [r.id, same(r.name)]),
  province: async (trx, ids) =>
    (await trx.selectFrom('provinces').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => [
      r.id,
      same(r.name),
    ]),
  file: async (trx, ids) =>
    (await trx.selectFrom('files').select(['id', 'original_name']).where('id', 'in', ids).execute()).map((r) => [
      r.id,
      same(r.original_name),
    ]),
  invitation: async (trx, ids) =>
    (await trx.selectFrom('invitations').select(['id', 'email']).where('id', 'in', ids).execute()).map((r) => [
      r.id,
      same(r.email),
    ]),
  edition: async (trx, ids) =>
    (await trx.selectFrom('editions').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => [
      r.id,
      same(r.name),
    ]),
  national_issue: async (trx, ids) =>
    (
      await trx
        .selectFrom('national_issues')
        .select(['id', 'code', 'name_id', 'name_en'])
        .where('id', 'in', ids)
        .execute()
    ).map((r) => [r.id, { id: `${r.code} — ${r.name_id}`, en: `${r.code} — ${r.name_en}` }]),
}

/** Names for the objects of audit entries, keyed "type:id"; objects without a reader or row stay out. */
export async function listObjectLabels(
  trx: Trx,
  objects: readonly { object_type: string | null; object_id: string | null }[],
): Promise<Map<string, ObjectLabel>> {
  const byType = new Map<string, Set<string>>()
  for (const o of objects) {
    if (!o.object_type || !isUuid(o.object_id) || !readers[o.object_type]) continue
    byType.set(o.object_type, (byType.get(o.object_type) ?? new Set()).add(o.object_id))
  }
  const labels = new Map<string, ObjectLabel>()
  for (const [type, ids] of byType) {
    const read = readers[type] as Reader
    for (const [id, label] of await read(trx, [...ids])) labels.set(`${type}:${id}`, label)
  }
  return labels
}
