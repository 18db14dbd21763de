import type { Kysely } from 'kysely'
import { decideMeasurement, recordMeasurement } from '#app/modules/impact/impact.server.ts'
import { recommendInnovation, recordProvinceReplication } from '#app/modules/replication/replication.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '../schema.ts'
import { DAY, isoDate } from './demo-dates.ts'
import { provinceId } from './reference.ts'

// Replication and impact in the demo (issue 15), after the JIPPNas step has recorded
// Skolla EdTech's innovation in Sulsel: the ministry recommends it for replication
// (KemenPANRB's 2024 push for replication: adopsi, adaptasi, modifikasi), Kalbar records
// an adaptation by Kabupaten Kapuas Hulu's education office, and the venture's main
// indicator improves against its baseline over three quarterly measurements that
// Bappeda Sulsel confirmed. Through the module workflows; each part checks whether it
// was done. Without Skolla's innovation (an older database) it does nothing.

const userId = async (db: Kysely<Database>, email: string) =>
  (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id

export async function seedDemoReplication(db: Kysely<Database>, origin: string, now: Date): Promise<void> {
  const sulsel = await provinceId(db, 'sulsel')
  const kalbar = await provinceId(db, 'kalbar')
  const innovation = await withTenant(db, { provinceId: sulsel }, (trx) =>
    trx
      .selectFrom('innovations as i')
      .innerJoin('applications as a', (j) =>
        j.onRef('a.province_id', '=', 'i.province_id').onRef('a.id', '=', 'i.application_id'),
      )
      .select(['i.id', 'i.started_on', 'i.recommended_for_replication', 'i.application_id', 'a.applicant_id'])
      .where('i.province_id', '=', sulsel)
      .where('i.venture_name', '=', 'Skolla EdTech')
      .executeTakeFirst(),
  )
  if (!innovation) return

  if (!innovation.recommended_for_replication)
    await recommendInnovation(db, { userId: await userId(db, 'ministry@demo.winner.id') }, innovation.id, true, now)

  const replicated = await withTenant(db, { provinceId: kalbar }, (trx) =>
    trx
      .selectFrom('replications')
      .select('id')
      .where('province_id', '=', kalbar)
      .where('innovation_id', '=', innovation.id)
      .executeTakeFirst(),
  )
  const started = Date.parse(`${innovation.started_on}T00:00:00Z`)
  const day = (offset: number) => isoDate(Math.min(started + offset * DAY, now.getTime() - DAY))
  if (!replicated) {
    await recordProvinceReplication(
      db,
      { provinceId: kalbar, userId: await userId(db, 'bappeda.kalbar@demo.winner.id') },
      {
        intent: 'record',
        innovation: innovation.id,
        regency: '6108',
        form: 'adaptation',
        changes:
          'Sekolah di hulu Kapuas sering tanpa sinyal: bahan ajar digital diunduh di ibu kota kecamatan dan dipakai luring lewat tablet sekolah; pelatihan guru dijalankan lewat KKG gugus, bukan daring.',
        agencyName: 'Dinas Pendidikan dan Kebudayaan Kabupaten Kapuas Hulu',
        agencyUnit: 'Bidang Pembinaan Sekolah Dasar',
        startedOn: day(240),
        status: 'running',
        contactName: 'Demo Kepala Bidang Pembinaan SD',
        contactEmail: 'disdikbud.kapuashulu@demo.winner.id',
        contactPhone: undefined,
      },
    )
  }

  const measured = await withTenant(db, { provinceId: sulsel }, async (trx) => ({
    count: Number(
      (
        await trx
          .selectFrom('impact_measurements')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('province_id', '=', sulsel)
          .where('innovation_id', '=', innovation.id)
          .executeTakeFirstOrThrow()
      ).n,
    ),
    indicator: await trx
      .selectFrom('application_indicators')
      .select('id')
      .where('province_id', '=', sulsel)
      .where('application_id', '=', innovation.application_id)
      .orderBy('position')
      .executeTakeFirst(),
    zone: (await trx.selectFrom('provinces').select('time_zone').where('id', '=', sulsel).executeTakeFirstOrThrow())
      .time_zone,
  }))
  if (measured.count > 0 || !measured.indicator) return
  const venture = { provinceId: sulsel, userId: innovation.applicant_id }
  const bappeda = { provinceId: sulsel, userId: await userId(db, 'bappeda.sulsel@demo.winner.id') }
  // Regular users of the digital learning material, from the quarterly reports.
  const quarters: [number, number][] = [
    [90, 120],
    [180, 210],
    [270, 310],
  ]
  for (const [offset, value] of quarters) {
    const id = await recordMeasurement(
      db,
      venture,
      { id: sulsel, time_zone: measured.zone },
      innovation.id,
      {
        intent: 'measure',
        indicator: `app:${measured.indicator.id}`,
        value,
        measuredOn: day(offset),
        source: 'Laporan triwulan Disdikbud Luwu Utara',
        note: undefined,
      },
      now,
    )
    await decideMeasurement(
      db,
      bappeda,
      innovation.id,
      id,
      { confirm: true },
      `${origin}/p/sulsel/impact/${innovation.id}`,
    )
  }
}
