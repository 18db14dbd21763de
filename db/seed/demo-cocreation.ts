import { opdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { createOpd, updateOpd } from '#app/modules/catalogue/opds.server.ts'
import { eventSchema } from '#app/modules/cocreation/cocreation.schema.ts'
import { createEvent, loadEventChoices } from '#app/modules/cocreation/cocreation.server.ts'
import { addRegency } from '#app/modules/cocreation/regencies.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

// The co-creation event the articles tell (issue 15): on 18 October 2023, at Aula II
// Hotel Bukit Indah in Masamba, USAID-ERAT's coordinator for Kabupaten Luwu Utara, Bahar
// Makkutana, brought Sulsel's 2023 finalists Skolla EdTech and Rappo Indonesia before the
// heads of the kabupaten's agencies; Disdikbud signed a one-year MoU and other agencies
// were to follow. The agencies become kabupaten/kota agencies of Luwu Utara (BPS 7322).
// Made through the catalogue and co-creation workflows; idempotent (each step checks
// whether it was done). The MoU itself is recorded by the MoU module, which finds
// Disdikbud by its name below.

const LUWU_UTARA = { code: '7322', name: 'Luwu Utara' }
const DISDIKBUD = 'Dinas Pendidikan dan Kebudayaan Kabupaten Luwu Utara'

/** Luwu Utara's agencies present in Masamba (reference.ts holds the first five as OPDs). */
const AGENCIES: readonly { name: string; short_name: string; head_name?: string }[] = [
  { name: DISDIKBUD, short_name: 'Disdikbud Lutra', head_name: 'Misbah' },
  { name: 'Dinas Sosial Kabupaten Luwu Utara', short_name: 'Dinsos Lutra', head_name: 'Ari Setiawan' },
  {
    name: 'Dinas Kepemudaan, Olahraga dan Pariwisata Kabupaten Luwu Utara',
    short_name: 'Disporapar Lutra',
    head_name: 'Jumail Mappile',
  },
  {
    name: 'Dinas Transmigrasi dan Tenaga Kerja Kabupaten Luwu Utara',
    short_name: 'Distransnaker Lutra',
    head_name: 'Eka Rusli',
  },
  // Represented by its secretary, Iskandar; the article does not name the head.
  { name: 'Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Luwu Utara', short_name: 'DPMD Lutra' },
  {
    name: 'Bagian Organisasi Sekretariat Daerah Kabupaten Luwu Utara',
    short_name: 'Bag. Organisasi Lutra',
    head_name: 'Syawal Sammang',
  },
  {
    name: 'Bagian Ekonomi Sekretariat Daerah Kabupaten Luwu Utara',
    short_name: 'Bag. Ekonomi Lutra',
    head_name: 'Syaiful Amir',
  },
]

const EVENT = {
  held_on: '2023-10-18',
  place: 'Aula II Hotel Bukit Indah, Masamba',
  organiser_name: 'Bahar Makkutana, Koordinator USAID ERAT Kabupaten Luwu Utara',
  finalists: ['Skolla EdTech', 'Rappo Indonesia'],
  topics: ['education', 'poverty'],
  outcomes: [
    'Eksplorasi Potensi Kerja Sama dengan Sektor Privat (Co-Creation WiNNER), dibuka oleh Asisten III Bidang Administrasi Umum, Muhammad Asir Suhaeb, mewakili Bupati Luwu Utara.',
    'Skolla EdTech dan Rappo Indonesia memaparkan inovasinya. Dinas Pendidikan dan Kebudayaan menandatangani MoU kerja sama yang berlaku selama satu tahun; perangkat daerah lainnya akan menyusul.',
    'Rencana pertemuan berikutnya disusun bersama pemerintah daerah.',
  ].join('\n\n'),
}

export async function seedDemoCocreation(db: DB): Promise<void> {
  const province = await db
    .selectFrom('provinces')
    .select(['id', 'bps_code'])
    .where('slug', '=', 'sulsel')
    .executeTakeFirst()
  const erat = await db.selectFrom('users').select('id').where('email', '=', 'erat@demo.winner.id').executeTakeFirst()
  if (!province || !erat) return
  const actor = { provinceId: province.id, userId: erat.id, ip: null }

  const state = () =>
    withTenant(db, { provinceId: province.id }, async (trx) => ({
      regency: await trx
        .selectFrom('regencies')
        .select('code')
        .where('province_id', '=', province.id)
        .where('code', '=', LUWU_UTARA.code)
        .executeTakeFirst(),
      opds: await trx
        .selectFrom('opds')
        .select(['id', 'name', 'short_name', 'head_name', 'contact_email', 'contact_phone', 'level'])
        .where('province_id', '=', province.id)
        .execute(),
      event: await trx
        .selectFrom('cocreation_events')
        .select('id')
        .where('province_id', '=', province.id)
        .where('held_on', '=', EVENT.held_on)
        .executeTakeFirst(),
    }))
  let current = await state()
  if (current.event) return

  // The kabupaten is in the reference list; a database without it gets it the way Bappeda would add it.
  if (!current.regency) {
    await addRegency(db, { ...actor, bpsCode: province.bps_code }, { intent: 'add', ...LUWU_UTARA })
  }
  const bappeda = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'bappeda.sulsel@demo.winner.id')
    .executeTakeFirst()
  // The agency directory is Bappeda's (ERAT organises events, not the directory).
  const opdActor = { ...actor, userId: bappeda?.id ?? erat.id }
  for (const agency of AGENCIES) {
    const input = opdSchema.parse({ ...agency, level: 'regency', regency_code: LUWU_UTARA.code })
    const found = current.opds.find((o) => o.name === agency.name)
    if (!found) await createOpd(db, opdActor, input)
    else if (found.level !== 'regency') {
      await updateOpd(
        db,
        opdActor,
        found.id,
        opdSchema.parse({
          name: found.name,
          short_name: found.short_name,
          head_name: found.head_name ?? agency.head_name ?? undefined,
          contact_email: found.contact_email ?? undefined,
          contact_phone: found.contact_phone ?? undefined,
          level: 'regency',
          regency_code: LUWU_UTARA.code,
        }),
      )
    }
  }
  current = await state()

  const choices = await loadEventChoices(db, province.id)
  const finalists = choices.finalists.filter((f) => EVENT.finalists.includes(f.venture))
  // The 2023 history is seeded only on a fresh database; without its finalists the event would be half a story.
  if (finalists.length !== EVENT.finalists.length) return
  const codes = await db
    .selectFrom('national_issues')
    .select(['id', 'code'])
    .where('code', 'in', EVENT.topics)
    .execute()
  const agencyIds = AGENCIES.map((a) => current.opds.find((o) => o.name === a.name)?.id).filter((id): id is string =>
    Boolean(id),
  )
  await createEvent(
    db,
    actor,
    eventSchema.parse({
      held_on: EVENT.held_on,
      place: EVENT.place,
      regency_code: LUWU_UTARA.code,
      organiser_kind: 'erat',
      organiser_name: EVENT.organiser_name,
      // Everyone invited came (the article lists them as present).
      invited: agencyIds,
      present: agencyIds,
      finalists: finalists.map((f) => f.id),
      topics: codes.map((c) => c.id),
      outcomes: EVENT.outcomes,
    }),
    undefined,
  )
}
