import type { Kysely } from 'kysely'
import { createInnovation } from '#app/modules/jippnas/jippnas.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '../schema.ts'

// The JIPPNas record of the Luwu Utara story (issue 15; seed article 003): Skolla EdTech,
// a 2023 Sulsel finalist, presented its education innovation at USAID ERAT's
// co-creation event in Masamba on 18 Oct 2023 and signed a one-year MoU with the
// regency's Dinas Pendidikan dan Kebudayaan (Disdikbud). Recorded by Bappeda Sulsel
// through the module's workflow: public and running. The demo sets no JIPPNAS_URL, so
// the record shows "not configured" with its export ready. Idempotent: a finalist that
// has its record is left alone; nothing happens without the 2023 history.

export async function seedDemoJippnas(db: Kysely<Database>, now = new Date()): Promise<void> {
  const province = await db.selectFrom('provinces').select('id').where('slug', '=', 'sulsel').executeTakeFirst()
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'bappeda.sulsel@demo.winner.id')
    .executeTakeFirst()
  if (!province || !admin) return
  const provinceId = province.id
  const skolla = await withTenant(db, { provinceId }, (trx) =>
    trx
      .selectFrom('applications as a')
      .innerJoin('venture_snapshots as v', (j) =>
        j.onRef('v.province_id', '=', 'a.province_id').onRef('v.id', '=', 'a.venture_snapshot_id'),
      )
      .leftJoin('innovations as i', (j) =>
        j.onRef('i.province_id', '=', 'a.province_id').onRef('i.application_id', '=', 'a.id'),
      )
      .select(['a.id', 'a.issue_id', 'i.id as innovation_id'])
      .where('a.province_id', '=', provinceId)
      .where('a.status', '=', 'finalist')
      .where('v.name', '=', 'Skolla EdTech')
      .executeTakeFirst(),
  )
  if (!skolla || skolla.innovation_id) return
  const disdikbud = await withTenant(db, { provinceId }, (trx) =>
    trx
      .selectFrom('opds')
      .select('id')
      .where('province_id', '=', provinceId)
      .where('short_name', '=', 'Disdikbud Lutra')
      .executeTakeFirst(),
  )
  await createInnovation(
    db,
    { provinceId, userId: admin.id, ip: null },
    skolla.id,
    {
      title: 'Skolla EdTech: akses dan kualitas pendidikan di Luwu Utara',
      summary:
        'Inovasi layanan terkait akses dan kualitas pendidikan dari Skolla EdTech, finalis WiNNER 2023 Sulawesi ' +
        'Selatan. Dipaparkan pada kegiatan ko-kreasi USAID ERAT di Masamba, Kabupaten Luwu Utara, 18 Oktober 2023, ' +
        'di hadapan kepala perangkat daerah; Dinas Pendidikan dan Kebudayaan Kabupaten Luwu Utara menandatangani ' +
        'MoU kerja sama selama satu tahun, dan perangkat daerah lain akan menyusul.',
      province_issue: skolla.issue_id,
      regency: '7322',
      opd: disdikbud?.id,
      venture_name: 'Skolla EdTech',
      started_on: '2023-10-18',
      status: 'running',
      stop_reason: undefined,
      is_public: 'on',
    },
    now,
  )
}
