import type { DB } from '#db/client.ts'

// Provinces are the tenants. They (and the phases they run in) are reference data every
// scope may read, so these take whichever handle the caller holds: the pool, or its transaction.

/** An active province by its URL slug; deactivated provinces do not exist for the public or their people. */
export function findActiveProvinceBySlug(db: DB, slug: string) {
  return db
    .selectFrom('provinces')
    .select(['id', 'slug', 'name', 'time_zone', 'bps_code'])
    .where('slug', '=', slug)
    .where('active', '=', true)
    .executeTakeFirst()
}

export type ProvinceRef = NonNullable<Awaited<ReturnType<typeof findActiveProvinceBySlug>>>

/** Active provinces with their phase number in the edition (null when not scheduled). */
export function listActiveProvinces(db: DB, editionId: string | null) {
  return db
    .selectFrom('provinces')
    .leftJoin('phase_provinces', (join) =>
      join.onRef('phase_provinces.province_id', '=', 'provinces.id').on('phase_provinces.edition_id', '=', editionId),
    )
    .leftJoin('phases', 'phases.id', 'phase_provinces.phase_id')
    .select(['provinces.id', 'provinces.slug', 'provinces.name', 'provinces.time_zone', 'phases.number as phase'])
    .where('provinces.active', '=', true)
    .orderBy('phases.number', (ob) => ob.asc().nullsLast())
    .orderBy('provinces.name')
    .execute()
}
