import type { Kysely } from 'kysely'
import { localToInstant } from '#app/modules/calls/zoned-time.ts'
import { createOpd } from '#app/modules/catalogue/opds.server.ts'
import {
  addDeliverable,
  createMou,
  type MouActor,
  markDeliverableDone,
  moveMou,
  reviewReport,
  signMou,
  submitReport,
} from '#app/modules/cocreation/mou.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '../schema.ts'
import { demoPdf } from './demo-pdf.ts'

// The Luwu Utara MoU (issue 15), from the seed article on USAID-ERAT's co-creation event
// of 18 October 2023 in Masamba: Skolla EdTech, a 2023 Sulsel finalist, signed a one-year
// MoU with the education and culture agency of Kabupaten Luwu Utara. Played through the
// MoU workflows at the dates it happened (draft, negotiated, signed and active on 18 Oct
// 2023; a deliverable; the first quarter's report written and accepted; completed at
// its end on 17 Oct 2024), so today's demo shows it completed, with its history. The
// article does not say who signed or what the deliverables were: the signatories'
// names other than the agency head it names, the deliverable and the report are
// illustrative. Idempotent: a MoU of Skolla's application with this title is left alone.

export const DISDIKBUD_LUTRA = 'Dinas Pendidikan dan Kebudayaan Kabupaten Luwu Utara'
const TITLE = 'Kerja sama peningkatan akses dan kualitas pendidikan di Kabupaten Luwu Utara'
const ZONE = 'Asia/Makassar'
const at = (local: string) => localToInstant(local, ZONE)

export async function seedDemoMou(db: Kysely<Database>, origin: string): Promise<void> {
  const province = await db
    .selectFrom('provinces')
    .select(['id', 'slug'])
    .where('slug', '=', 'sulsel')
    .executeTakeFirst()
  if (!province) return
  const provinceId = province.id
  const found = await withTenant(db, { provinceId }, async (trx) => {
    const skolla = await trx
      .selectFrom('applications as a')
      .innerJoin('venture_snapshots as vs', (j) =>
        j.onRef('vs.province_id', '=', 'a.province_id').onRef('vs.id', '=', 'a.venture_snapshot_id'),
      )
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .select(['a.id', 'a.applicant_id', 'u.name'])
      .where('a.province_id', '=', provinceId)
      .where('a.status', '=', 'finalist')
      .where('vs.name', '=', 'Skolla EdTech')
      .executeTakeFirst()
    const done = skolla
      ? await trx
          .selectFrom('mous')
          .select('id')
          .where('province_id', '=', provinceId)
          .where('application_id', '=', skolla.id)
          .where('title', '=', TITLE)
          .executeTakeFirst()
      : undefined
    const admin = await trx
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.id')
      .where('m.province_id', '=', provinceId)
      .where('m.role', '=', 'province_admin')
      .orderBy('u.created_at')
      .executeTakeFirst()
    const opd = await trx
      .selectFrom('opds')
      .select('id')
      .where('province_id', '=', provinceId)
      .where('name', '=', DISDIKBUD_LUTRA)
      .executeTakeFirst()
    return { skolla, done, admin, opd }
  })
  const { skolla, admin } = found
  // The 2023 history (its finalists) and Sulsel's Bappeda account come first; without them there is no story.
  if (!skolla || !admin || found.done) return

  const bappeda = (local: string): MouActor => ({
    provinceId,
    userId: admin.id,
    ip: null,
    now: at(local),
    timeZone: ZONE,
  })
  // The regency agency normally comes from the agency directory's seed; added here through the catalogue if absent.
  const opdId =
    found.opd?.id ??
    (await createOpd(
      db,
      { provinceId, userId: admin.id, ip: null },
      {
        name: DISDIKBUD_LUTRA,
        short_name: 'Disdikbud Lutra',
        head_name: 'Misbah',
        level: 'regency',
        regency_code: '7322',
      },
    ))

  const mouId = await createMou(db, bappeda('2023-10-18T09:00'), {
    application: skolla.id,
    agencies: [opdId],
    title: TITLE,
    scope:
      'Skolla EdTech dan Dinas Pendidikan dan Kebudayaan Kabupaten Luwu Utara bekerja sama meningkatkan akses dan kualitas pendidikan: ' +
      'Skolla menghadirkan layanan belajar digitalnya di sekolah mitra, Disdikbud memfasilitasi sekolah, guru dan data. ' +
      'Disepakati pada kegiatan Co-Creation WiNNER USAID-ERAT di Masamba, 18 Oktober 2023; berlaku satu tahun.',
    starts_on: '2023-10-18',
  })
  await moveMou(db, bappeda('2023-10-18T11:00'), mouId, 'negotiate')
  await signMou(
    db,
    bappeda('2023-10-18T14:00'),
    mouId,
    {
      signed_on: '2023-10-18',
      venture_name: skolla.name,
      venture_role: 'Pendiri Skolla EdTech (data demo)',
      agency_opd: [opdId],
      agency_name: ['Misbah'],
      agency_role: ['Kepala Dinas Pendidikan dan Kebudayaan Kabupaten Luwu Utara'],
    },
    {
      name: 'mou-skolla-disdikbud-luwu-utara-2023.pdf',
      bytes: demoPdf([
        'NOTA KESEPAHAMAN (demo)',
        'Skolla EdTech - Dinas Pendidikan dan Kebudayaan Kabupaten Luwu Utara',
        'Masamba, 18 Oktober 2023. Berlaku satu tahun.',
      ]),
    },
  )
  await moveMou(db, bappeda('2023-10-18T15:00'), mouId, 'activate')
  const deliverable = await addDeliverable(db, bappeda('2023-10-20T10:00'), mouId, {
    title: 'Uji coba layanan belajar Skolla di sekolah mitra Disdikbud Luwu Utara (ilustratif)',
    due_on: '2024-03-31',
  })
  await submitReport(
    db,
    { provinceId, userId: skolla.applicant_id, ip: null, now: at('2024-01-20T10:00'), timeZone: ZONE },
    skolla.id,
    {
      mou: mouId,
      quarter: 1,
      body:
        'Triwulan pertama: sekolah mitra dipilih bersama Disdikbud, guru dilatih memakai layanan belajar Skolla, ' +
        'dan uji coba dimulai. (Laporan ilustratif untuk demo.)',
    },
    origin,
    province.slug,
  )
  const report = await withTenant(db, { provinceId }, (trx) =>
    trx
      .selectFrom('mou_reports')
      .select('id')
      .where('province_id', '=', provinceId)
      .where('mou_id', '=', mouId)
      .where('quarter', '=', 1)
      .executeTakeFirstOrThrow(),
  )
  await reviewReport(
    db,
    bappeda('2024-01-25T10:00'),
    mouId,
    { report: report.id, decision: 'accept', comment: 'Diterima; lanjutkan uji coba sesuai rencana.' },
    origin,
    province.slug,
  )
  // In the order it happened: the first quarter's report in January, the pilot done in March.
  await markDeliverableDone(db, bappeda('2024-03-28T10:00'), mouId, deliverable)
  await moveMou(db, bappeda('2024-10-17T16:00'), mouId, 'complete')
}
