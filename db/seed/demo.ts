import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { seedConsentNotices } from './consent.ts'
import { seedDemoAccounts } from './demo-accounts.ts'
import { seedDemoApplications } from './demo-applications.ts'
import { seedDemoCatalogue } from './demo-catalogue.ts'
import { seedDemoCocreation } from './demo-cocreation.ts'
import { DAY, isoDate, localDay } from './demo-dates.ts'
import { seedDemoFinalNight } from './demo-final-night.ts'
import { seedDemoHistory } from './demo-history.ts'
import { seedDemoInclusion } from './demo-inclusion.ts'
import { seedDemoJippnas } from './demo-jippnas.ts'
import { seedDemoMentoring } from './demo-mentoring.ts'
import { seedDemoMou } from './demo-mou.ts'
import { seedDemoProgramme } from './demo-programme.ts'
import { seedDemoReplication } from './demo-replication.ts'
import {
  assignPhases,
  ensureCall,
  provinceId,
  upsertEdition,
  upsertIssues,
  upsertMilestones,
  upsertOpds,
} from './reference.ts'
import { kalbar2023, type OpdSeed, type ProvinceIssueSeed } from './reference-data.ts'

// Demo data for `npm start` on the embedded database: a fictional current edition
// whose dates are computed from the moment of seeding, so that one province's call
// is open and two have closed (one to screen, one in review). Inserted once;
// restarts keep the dates first seeded.

const demoOpds: Record<string, OpdSeed[]> = {
  sulsel: [
    { name: 'Dinas Pendidikan Provinsi Sulawesi Selatan', short_name: 'Disdik' },
    { name: 'Dinas Sosial Provinsi Sulawesi Selatan', short_name: 'Dinsos' },
  ],
  banten: [
    { name: 'Dinas Lingkungan Hidup Provinsi Banten', short_name: 'DLH' },
    { name: 'Dinas Sosial Provinsi Banten', short_name: 'Dinsos' },
  ],
}

const demoIssues: Record<string, ProvinceIssueSeed[]> = {
  sulsel: [
    {
      issue: 'education',
      lead: 'Disdik',
      title_id: 'Akses dan kualitas pendidikan di daerah terpencil (demo)',
      title_en: 'Access to and quality of education in remote areas (demo)',
      description_id: 'Contoh isu untuk demo: sekolah di wilayah terpencil kekurangan guru dan bahan ajar digital.',
      description_en: 'Demo issue: schools in remote areas lack teachers and digital learning material.',
    },
    {
      issue: 'poverty',
      lead: 'Dinsos',
      title_id: 'Pengurangan kemiskinan lewat usaha mikro (demo)',
      title_en: 'Poverty reduction through micro-enterprise (demo)',
      description_id: 'Contoh isu untuk demo: membuka akses pasar bagi usaha mikro keluarga miskin.',
      description_en: 'Demo issue: opening market access for micro-enterprises of poor households.',
    },
  ],
  banten: [
    {
      issue: 'waste',
      lead: 'DLH',
      title_id: 'Pengelolaan sampah di kawasan pesisir (demo)',
      title_en: 'Waste management on the coast (demo)',
      description_id: 'Contoh isu untuk demo: sampah rumah tangga yang berakhir di pantai.',
      description_en: 'Demo issue: household waste ending up on beaches.',
    },
    {
      issue: 'poverty',
      lead: 'Dinsos',
      title_id: 'Pengurangan kemiskinan ekstrem (demo)',
      title_en: 'Reducing extreme poverty (demo)',
      description_id: 'Contoh isu untuk demo: menjangkau keluarga miskin ekstrem yang belum terdata.',
      description_en: 'Demo issue: reaching extremely poor households missing from the registers.',
    },
  ],
}

/**
 * Everything the demo holds, in the order its parts need each other. Each step is
 * idempotent. Mails link to `origin`, the server's own (app/server/config.ts).
 */
export async function seedDemoData(db: Kysely<Database>, { origin, now }: { origin: string; now: Date }) {
  await seedDemoAccounts(db)
  // The 2023 history before the demo edition exists: its workflows act on the current edition.
  await seedDemoHistory(db, origin)
  await seedDemo(db, now)
  // The demo edition is created only now; it needs its data-processing notice too.
  await seedConsentNotices(db)
  await seedDemoCatalogue(db)
  // Applicants, ventures and applications: they need the accounts, issues and notice.
  await seedDemoApplications(db, origin, now)
  // Then the provinces further along: screening, review, the ministry's decision, published.
  await seedDemoProgramme(db, origin, now)
  // Later stages need published finalists, which exist from this point (Sumut in the
  // demo edition, Sulsel in 2023).
  await seedDemoMentoring(db, now)
  // A past Final Night from the finalists published so far.
  await seedDemoFinalNight(db, now)
  // Sulsel's 2023 finalists at the co-creation event in Masamba, Luwu Utara (issue 15).
  await seedDemoCocreation(db)
  // The Luwu Utara MoU of Skolla EdTech (2023-24), after the co-creation seed's agencies.
  await seedDemoMou(db, origin)
  // The JIPPNas record of the Luwu Utara story (Skolla EdTech, a 2023 Sulsel finalist).
  await seedDemoJippnas(db, now)
  // Replication of Skolla EdTech's innovation and its impact (after its JIPPNas record).
  await seedDemoReplication(db, origin, now)
  // Inclusion self-declarations of the applicants who submitted (issue 16).
  await seedDemoInclusion(db, now)
}

/** Seeds the fictional current edition. Idempotent: does nothing to data already there. */
export async function seedDemo(db: Kysely<Database>, now = new Date()): Promise<void> {
  const editionId = await upsertEdition(db, {
    slug: 'demo-current',
    name: 'WiNNER Demo',
    starts_on: isoDate(now.getTime() - 60 * DAY),
    ends_on: isoDate(now.getTime() + 300 * DAY),
    legal_basis: null,
    status: 'active',
  })
  await assignPhases(db, editionId, [
    { number: 1, provinces: ['kalbar', 'sulsel', 'banten'] },
    { number: 2, provinces: ['ntt', 'sumut', 'jatim'] },
  ])
  // Phase 1's programme after registration, so the portal shows a timeline.
  const day = (d: number) => isoDate(now.getTime() + d * DAY)
  await upsertMilestones(db, editionId, [
    { phase: 1, kind: 'fgd_validation', starts_on: day(-45), ends_on: null, note: null },
    { phase: 1, kind: 'screening', starts_on: day(20), ends_on: day(27), note: null },
    { phase: 1, kind: 'review', starts_on: day(28), ends_on: day(45), note: null },
    { phase: 1, kind: 'finalist_announcement', starts_on: day(50), ends_on: null, note: null },
    { phase: 1, kind: 'mentoring', starts_on: day(55), ends_on: day(85), note: null },
    { phase: 1, kind: 'final_night', starts_on: day(90), ends_on: null, note: 'Jakarta' },
  ])
  for (const [slug, opds] of Object.entries(demoOpds)) await upsertOpds(db, await provinceId(db, slug), opds)

  const kalbar = await provinceId(db, 'kalbar')
  await upsertIssues(db, kalbar, editionId, kalbar2023.issues, {
    status: 'published',
    validated_on: isoDate(now.getTime() - 45 * DAY),
    validation_place: 'Pontianak',
  })
  for (const slug of ['sulsel', 'banten'] as const) {
    await upsertIssues(db, await provinceId(db, slug), editionId, demoIssues[slug] ?? [], {
      status: 'published',
      validated_on: isoDate(now.getTime() - 40 * DAY),
      validation_place: null,
    })
  }

  const windows: Record<string, [number, number]> = {
    kalbar: [-5, 9], // open now
    sulsel: [-24, -3], // closed three days ago, waiting to be screened
    banten: [-40, -10], // closed, in review
  }
  for (const [slug, [openDay, closeDay]] of Object.entries(windows)) {
    const p = await db
      .selectFrom('provinces')
      .select(['id', 'time_zone'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow()
    await ensureCall(db, p.id, editionId, {
      opens_at: localDay(now, openDay, '00:00', p.time_zone),
      closes_at: localDay(now, closeDay, '23:59', p.time_zone),
    })
  }
}
