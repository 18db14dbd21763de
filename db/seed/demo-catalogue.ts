import type { Kysely } from 'kysely'
import { postgresStorage } from '#app/modules/storage/storage.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '../schema.ts'
import { demoPdf } from './demo-pdf.ts'
import { provinceId } from './reference.ts'

// Demo catalogue data for the current (demo) edition: Kalbar's FGD validation record
// (modelled on the FGD of 11 April 2023 in Pontianak, with the five OPDs the article
// names) with one-page demo minutes, linked to its issues, and baseline indicators.
// Values are plausible but fictional: every indicator's source says "demo".

const OPDS = ['Dinkes', 'PUPR', 'Disdik', 'DP3A', 'Bappeda']

interface IndicatorSeed {
  name_id: string
  name_en: string
  value: string
  unit: string
  year: number
}

const indicators: Record<string, IndicatorSeed[]> = {
  'stunting-mch': [
    {
      name_id: 'Prevalensi stunting balita',
      name_en: 'Stunting prevalence under five',
      value: '27.8',
      unit: '%',
      year: 2022,
    },
    {
      name_id: 'Angka kematian ibu',
      name_en: 'Maternal mortality ratio',
      value: '180',
      unit: 'per 100.000 KH',
      year: 2022,
    },
  ],
  education: [
    { name_id: 'Rata-rata lama sekolah', name_en: 'Mean years of schooling', value: '7.5', unit: 'tahun', year: 2022 },
  ],
  'child-marriage': [
    {
      name_id: 'Perempuan 20–24 tahun yang menikah sebelum 18 tahun',
      name_en: 'Women aged 20–24 married before 18',
      value: '12.1',
      unit: '%',
      year: 2022,
    },
  ],
  'water-sanitation': [
    {
      name_id: 'Rumah tangga dengan akses air minum layak',
      name_en: 'Households with access to decent drinking water',
      value: '80.2',
      unit: '%',
      year: 2022,
    },
  ],
  poverty: [
    {
      name_id: 'Persentase penduduk miskin',
      name_en: 'Share of population in poverty',
      value: '6.8',
      unit: '%',
      year: 2022,
    },
  ],
}

/** One page saying it is demo minutes (real PDF bytes, so the type check passes). */
const demoMinutesPdf = () => demoPdf(['Notulen FGD validasi isu strategis - DATA DEMO'])

/** Seeds Kalbar's demo FGD record and baseline indicators. Idempotent: adds only what is missing. */
export async function seedDemoCatalogue(db: Kysely<Database>): Promise<void> {
  const edition = await db.selectFrom('editions').select('id').where('slug', '=', 'demo-current').executeTakeFirst()
  if (!edition) return
  const kalbar = await provinceId(db, 'kalbar')
  await withTenant(db, { provinceId: kalbar }, async (trx) => {
    const issues = await trx
      .selectFrom('province_issues as pi')
      .innerJoin('national_issues as ni', 'ni.id', 'pi.national_issue_id')
      .select(['pi.id', 'pi.fgd_id', 'pi.validated_on', 'ni.code'])
      .where('pi.province_id', '=', kalbar)
      .where('pi.edition_id', '=', edition.id)
      .execute()
    if (issues.length === 0) return

    let fgd = await trx
      .selectFrom('fgd_sessions')
      .select('id')
      .where('province_id', '=', kalbar)
      .where('edition_id', '=', edition.id)
      .executeTakeFirst()
    if (!fgd) {
      const file = await postgresStorage.put(trx, kalbar, {
        bytes: demoMinutesPdf(),
        name: 'notulen-fgd-kalbar-demo.pdf',
        createdBy: null,
        accept: ['application/pdf'],
      })
      fgd = await trx
        .insertInto('fgd_sessions')
        .values({
          province_id: kalbar,
          edition_id: edition.id,
          // The seeded issues carry the validation date; the record matches it.
          held_on: issues.find((i) => i.validated_on)?.validated_on ?? new Date().toISOString().slice(0, 10),
          place: 'Pontianak',
          facilitator: 'Kementerian PANRB bersama USAID-ERAT (demo)',
          summary:
            'Data demo. Lima isu strategis dibahas dalam panel bersama OPD terkait dan disepakati: akses dan ' +
            'kualitas pendidikan, perkawinan anak, stunting serta kesehatan ibu dan anak, air dan sanitasi, ' +
            'serta pengurangan kemiskinan.',
          minutes_file_id: file.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const opds = await trx
        .selectFrom('opds')
        .select('id')
        .where('province_id', '=', kalbar)
        .where('short_name', 'in', OPDS)
        .execute()
      if (opds.length > 0) {
        await trx
          .insertInto('fgd_participants')
          .values(opds.map((o) => ({ province_id: kalbar, fgd_id: (fgd as { id: string }).id, opd_id: o.id })))
          .onConflict((oc) => oc.doNothing())
          .execute()
      }
    }
    await trx
      .updateTable('province_issues')
      .set({ fgd_id: fgd.id })
      .where('province_id', '=', kalbar)
      .where('edition_id', '=', edition.id)
      .where('fgd_id', 'is', null)
      .execute()

    for (const issue of issues) {
      const existing = await trx
        .selectFrom('issue_indicators')
        .select('id')
        .where('province_id', '=', kalbar)
        .where('issue_id', '=', issue.id)
        .executeTakeFirst()
      const seeds = indicators[issue.code] ?? []
      if (existing || seeds.length === 0) continue
      await trx
        .insertInto('issue_indicators')
        .values(
          seeds.map((s, i) => ({ province_id: kalbar, issue_id: issue.id, ...s, source: 'demo', position: i + 1 })),
        )
        .execute()
    }
  })
}
