import { sql } from 'kysely'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { DEFAULT_RUBRIC } from '#app/modules/review/default-rubric.ts'
import { insertCriteria } from '#app/modules/review/rubric.queries.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { seed } from '#db/seed/run.ts'

// The data of the review benchmark (issue 7), written as the owner in bulk SQL on a
// migrated, reference-seeded database: Kalbar's closed call with its five published
// issues (lead OPDs from the seed), reviewers spread over the OPDs, eligible
// applications with applicants, ventures, teams and full-length answers, and some
// conflicts (declared ones, and planted e-mail domains and names for detection to find).
// Row-by-row inserts through the app would measure the fixture, not the review.

export interface ScaleOptions {
  applications: number
  reviewers: number
}

export interface ScaleFixture {
  province: { id: string; slug: string; name: string; time_zone: string }
  editionId: string
  callId: string
  admin: { id: string; email: string; password: string }
  /** Conflicts the fixture declared directly (detection adds its own during assignment). */
  declaredConflicts: number
  /** Applications planted to match a reviewer's e-mail domain or name. */
  plantedDetections: number
}

const slug = 'kalbar'

// Sentences an applicant might write; fields are built from several so sizes and words vary.
const SENTENCES = [
  'Di desa kami banyak anak usia sekolah yang harus menempuh perjalanan lebih dari satu jam ke sekolah terdekat.',
  'Kelompok perempuan pengolah hasil hutan bukan kayu belum mendapat harga yang layak dari pengepul.',
  'Kami melatih kader posyandu untuk mencatat pertumbuhan balita dengan aplikasi sederhana di telepon genggam.',
  'Air bersih dari sumur bor dikelola bersama warga dengan iuran bulanan yang disepakati dalam musyawarah desa.',
  'Produk anyaman rotan dipasarkan lewat toko daring dan pameran UMKM di Pontianak dan Singkawang.',
  'Keuntungan usaha dibagi untuk beasiswa anak nelayan dan perawatan perahu motor kelompok.',
  'Dinas terkait membantu data sasaran, sedangkan mitra swasta menyediakan pelatihan pemasaran digital.',
  'Dalam dua tahun terakhir kami menjangkau lebih dari tiga ratus keluarga di empat kecamatan.',
  'Biaya terbesar ada pada bahan baku, transportasi sungai dan honor fasilitator lapangan.',
  'Indikator keberhasilan kami adalah turunnya angka putus sekolah dan naiknya pendapatan rumah tangga.',
  'Kami bekerja sama dengan puskesmas untuk rujukan ibu hamil berisiko tinggi dari dusun terpencil.',
  'Pengelolaan sampah plastik menjadi paving block melibatkan pemuda karang taruna setempat.',
]
const FIRST = ['Agus', 'Siti', 'Budi', 'Dewi', 'Rudi', 'Yuli', 'Hendra', 'Maria', 'Frans', 'Nurul', 'Andi', 'Rini']
const LAST = ['Saputra', 'Wahyuni', 'Santoso', 'Lestari', 'Gunawan', 'Hidayat', 'Kurniawan', 'Anggraini', 'Pratama']

const literal = (list: readonly string[]) => sql`array[${sql.join(list.map((s) => sql.lit(s)))}]::text[]`

/**
 * A text of `min`–`min + spread` characters from the sentences, varied by `seed` (a SQL
 * integer expression) and `salt` so that two fields of one application differ.
 */
function prose(seed: ReturnType<typeof sql.raw>, salt: number, min: number, spread: number) {
  return sql`left(
    array_to_string(array(
      select (${literal(SENTENCES)})[1 + ((${seed} * ${sql.lit(7 + salt)} + i * ${sql.lit(5 + salt)}) % ${sql.lit(SENTENCES.length)})]
      from generate_series(1, 40) i
    ), ' '),
    ${sql.lit(min)} + (${seed} * ${sql.lit(31 + salt)}) % ${sql.lit(spread)})`
}

/**
 * A fresh database made ready like the app at start-up (migrations, then the reference
 * data, no demo data), then given the pool; answers the fixture and how long the pool took.
 */
export async function prepareScaleDatabase(owner: DB, options: ScaleOptions, now: Date) {
  await migrateToLatest(owner)
  await seed(owner, { demo: false, origin: 'http://localhost:3000' })
  const started = performance.now()
  const fixture = await seedReviewAtScale(owner, options, now)
  return { fixture, fixtureMs: Math.round(performance.now() - started) }
}

export async function seedReviewAtScale(owner: DB, options: ScaleOptions, now: Date): Promise<ScaleFixture> {
  const province = await owner
    .selectFrom('provinces')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
  const edition = await owner
    .selectFrom('editions')
    .select(['id', 'ends_on'])
    .orderBy(sql`status = 'active'`, 'desc')
    .orderBy('starts_on', 'desc')
    .executeTakeFirstOrThrow()
  const year = String(edition.ends_on).slice(0, 4)
  const password = `bench-admin-${now.getTime()}`
  const adminEmail = 'admin.review@bench.kalbarprov.go.id'
  const admin = await owner
    .insertInto('users')
    .values({
      email: adminEmail,
      name: 'Admin Bappeda Uji',
      phone: null,
      password_hash: await hashPassword(password),
      email_verified_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  return withTenant(owner, { provinceId: province.id }, async (trx) => {
    await trx
      .insertInto('memberships')
      .values({ user_id: admin.id, role: 'province_admin', province_id: province.id, opd_id: null })
      .execute()
    const opds = await trx
      .selectFrom('opds')
      .select(['id', 'short_name'])
      .where('province_id', '=', province.id)
      .orderBy('name')
      .execute()
    const issues = await trx
      .selectFrom('province_issues')
      .select(['id', 'lead_opd_id'])
      .where('province_id', '=', province.id)
      .where('edition_id', '=', edition.id)
      .where('status', '=', 'published')
      .orderBy('priority')
      .execute()
    if (issues.length === 0 || issues.some((i) => !i.lead_opd_id)) {
      throw new Error('the reference seed has no published Kalbar issues with lead OPDs')
    }
    // The 2023 registration window; the review runs after it closed.
    const call = await trx
      .insertInto('calls')
      .values({
        province_id: province.id,
        edition_id: edition.id,
        opens_at: new Date('2023-02-05T17:00:00Z'),
        closes_at: new Date('2023-02-20T16:59:00Z'),
        status: 'published',
        review_closes_at: new Date(now.getTime() + 30 * 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await insertCriteria(
      trx,
      province.id,
      call.id,
      DEFAULT_RUBRIC.map((c) => ({
        key: c.key,
        weight: c.weight,
        title_id: c.title.id,
        title_en: c.title.en,
        levels: c.levels.map((l) => ({ id: l.id, en: l.en })),
      })),
    )

    // Parameters of INSERT … SELECT are untyped: name their types once.
    const pid = sql`${province.id}::uuid`
    const at = sql`${now}::timestamptz`
    // Reviewers: round robin over the OPDs, each with an address at their OPD's domain.
    const domain = (short: string | null, i: number) =>
      `${(short ?? `opd${i}`).toLowerCase().replace(/[^a-z0-9]/g, '')}.kalbarprov.go.id`
    const opdRows = opds.map((o, i) => ({ id: o.id, domain: domain(o.short_name, i) }))
    const opdIds = sql`array[${sql.join(opdRows.map((o) => sql`${o.id}::uuid`))}]`
    const opdDomains = literal(opdRows.map((o) => o.domain))
    const k = opdRows.length
    await sql`
      create temp table bench_reviewers on commit drop as
      select g as n, gen_random_uuid() as user_id,
        (${opdIds})[1 + (g - 1) % ${sql.lit(k)}] as opd_id,
        (${opdDomains})[1 + (g - 1) % ${sql.lit(k)}] as domain,
        (${literal(FIRST)})[1 + g % ${sql.lit(FIRST.length)}] || ' ' || chr(65 + g % 26) || '. '
          || (${literal(LAST)})[1 + (g / ${sql.lit(FIRST.length)}) % ${sql.lit(LAST.length)}] as name
      from generate_series(1, ${sql.lit(options.reviewers)}) g`.execute(trx)
    await sql`
      insert into users (id, email, name, phone, password_hash, email_verified_at, locale)
      select user_id, 'penilai' || n || '@' || domain, name, '0812' || lpad(n::text, 8, '0'), 'x', ${at},
        case when n % 5 = 0 then 'en' else 'id' end
      from bench_reviewers`.execute(trx)
    await sql`
      insert into memberships (user_id, role, province_id, opd_id)
      select user_id, 'reviewer', ${pid}, opd_id from bench_reviewers`.execute(trx)

    // Applicants, ventures and applications. Every 211th applicant writes from an OPD's
    // domain and every 157th team counts a reviewer's namesake: detection must find them.
    const issueIds = sql`array[${sql.join(issues.map((i) => sql`${i.id}::uuid`))}]`
    await sql`
      create temp table bench_applications on commit drop as
      select g as n, gen_random_uuid() as user_id, gen_random_uuid() as venture_id, gen_random_uuid() as application_id,
        (${issueIds})[1 + (g * 7) % ${sql.lit(issues.length)}] as issue_id
      from generate_series(1, ${sql.lit(options.applications)}) g`.execute(trx)
    await sql`
      insert into users (id, email, name, phone, password_hash, email_verified_at, locale)
      select user_id,
        'pendaftar' || n || '@' || case
          when n % 211 = 0 then (${opdDomains})[1 + n % ${sql.lit(k)}]
          when n % 3 = 0 then 'yahoo.co.id'
          when n % 7 = 0 then 'usaha' || n || '.id'
          else 'gmail.com' end,
        (${literal(FIRST)})[1 + n % ${sql.lit(FIRST.length)}] || ' ' || (${literal(LAST)})[1 + (n / 7) % ${sql.lit(LAST.length)}],
        '08' || lpad((n * 7919 % 10000000000)::text, 10, '0'), 'x', ${at},
        case when n % 9 = 0 then 'en' else 'id' end
      from bench_applications`.execute(trx)
    await sql`
      insert into memberships (user_id, role, province_id)
      select user_id, 'applicant', ${pid} from bench_applications`.execute(trx)
    await sql`
      insert into ventures (province_id, id, owner_id, name, legal_form, year_founded, address, stage, website, social_links)
      select ${pid}, venture_id, user_id,
        (array['Koperasi', 'Kelompok Usaha', 'CV', 'Yayasan', 'Komunitas'])[1 + n % 5] || ' '
          || (array['Maju Bersama', 'Sungai Kapuas', 'Harapan Desa', 'Tunas Muda', 'Khatulistiwa'])[1 + (n / 5) % 5] || ' ' || n,
        (array['koperasi', 'community', 'cv', 'yayasan', 'pt', 'individual'])[1 + n % 6],
        2010 + n % 14,
        'Jl. Ahmad Yani No. ' || (n % 300) || ', Kecamatan ' || (array['Pontianak Kota', 'Sungai Raya', 'Sambas', 'Ketapang'])[1 + n % 4],
        (array['idea', 'prototype', 'operating', 'scaling'])[1 + n % 4],
        case when n % 4 = 0 then 'https://usaha' || n || '.id' end,
        case when n % 2 = 0 then 'https://instagram.com/usaha' || n else '' end
      from bench_applications`.execute(trx)
    await sql`
      insert into venture_members (province_id, venture_id, name, role, gender, age_band, position)
      select ${pid}, a.venture_id,
        case when m = 1 and a.n % 157 = 0
          then (select name from bench_reviewers r where r.n = 1 + a.n % ${sql.lit(options.reviewers)})
          else (${literal(FIRST)})[1 + (a.n + m) % ${sql.lit(FIRST.length)}] || ' ' || (${literal(LAST)})[1 + (a.n * m) % ${sql.lit(LAST.length)}] end,
        (array['Ketua', 'Bendahara', 'Sekretaris', 'Anggota'])[m],
        (array['female', 'male', 'unspecified'])[1 + (a.n + m) % 3],
        (array['under_25', '25_34', '35_44', '45_54', '55_plus'])[1 + (a.n * m) % 5],
        m
      from bench_applications a, generate_series(1, 2 + a.n % 3) m`.execute(trx)
    // The profiles as submitted, each snapshot taking its application's id (as the migration's backfill does).
    await sql`
      insert into venture_snapshots (province_id, id, venture_id, name, legal_form, year_founded, address, stage,
        website, social_links)
      select v.province_id, a.application_id, v.id, v.name, v.legal_form, v.year_founded, v.address, v.stage,
        v.website, v.social_links
      from bench_applications a join ventures v on v.province_id = ${pid} and v.id = a.venture_id`.execute(trx)
    await sql`
      insert into venture_snapshot_members (province_id, snapshot_id, name, role, gender, age_band, position)
      select m.province_id, a.application_id, m.name, m.role, m.gender, m.age_band, m.position
      from bench_applications a join venture_members m on m.province_id = ${pid} and m.venture_id = a.venture_id`.execute(
      trx,
    )
    const seed = sql.raw('n')
    const submitted = sql`${new Date('2023-02-10T03:00:00Z')}::timestamptz + (n % 900) * interval '15 minutes'`
    await sql`
      insert into applications (province_id, id, edition_id, call_id, applicant_id, venture_id, venture_snapshot_id, issue_id, status,
        problem, solution, novelty, beneficiaries, beneficiaries_count, business_model, revenue, impact,
        collaboration_opd, collaboration_private, budget, funding_so_far,
        consent_version, consent_at, submitted_at, receipt_number, screened_at, screened_by, created_at, updated_at)
      select ${pid}, application_id, ${sql`${edition.id}::uuid`}, ${sql`${call.id}::uuid`}, user_id, venture_id, application_id, issue_id, 'eligible',
        ${prose(seed, 1, 600, 1800)}, ${prose(seed, 2, 600, 1800)}, ${prose(seed, 3, 300, 900)},
        ${prose(seed, 4, 300, 900)}, 50 + n * 13 % 5000, ${prose(seed, 5, 500, 1500)}, ${prose(seed, 6, 300, 900)},
        ${prose(seed, 7, 500, 1500)}, ${prose(seed, 8, 200, 800)}, ${prose(seed, 9, 200, 800)},
        ${prose(seed, 10, 200, 600)}, ${prose(seed, 11, 100, 400)},
        1, ${submitted}, ${submitted}, ${`WNR-${year}-${slug.toUpperCase()}-`} || lpad(n::text, 4, '0'),
        ${at}, ${sql`${admin.id}::uuid`}, ${submitted} - interval '3 days', ${at}
      from bench_applications`.execute(trx)
    await sql`
      insert into application_events (province_id, application_id, status, at, note)
      select ${pid}, application_id, 'submitted', ${submitted}, null from bench_applications
      union all
      select ${pid}, application_id, 'screening', ${at}, null from bench_applications`.execute(trx)
    await sql`
      insert into receipt_counters (province_id, edition_id, last_number)
      values (${pid}, ${sql`${edition.id}::uuid`}, ${sql.lit(options.applications)})
      on conflict do nothing`.execute(trx)
    // Every 97th application: a reviewer declared a conflict before the assignment.
    await sql`
      insert into review_conflicts (province_id, application_id, reviewer_id, source, kind, note, created_at)
      select ${pid}, a.application_id, r.user_id, 'declared',
        (array['family', 'employment', 'financial', 'same_organisation'])[1 + a.n % 4], 'Dinyatakan sendiri oleh penilai', ${at}
      from bench_applications a join bench_reviewers r on r.n = 1 + (a.n * 3) % ${sql.lit(options.reviewers)}
      where a.n % 97 = 0`.execute(trx)
    const counts = await sql<{ declared: string; planted: string }>`
      select (select count(*) from review_conflicts where province_id = ${province.id} and source = 'declared') as declared,
        (select count(*) from bench_applications where n % 211 = 0 or n % 157 = 0) as planted`.execute(trx)
    const row = counts.rows[0]
    return {
      province,
      editionId: edition.id,
      callId: call.id,
      admin: { id: admin.id, email: adminEmail, password },
      declaredConflicts: Number(row?.declared ?? 0),
      plantedDetections: Number(row?.planted ?? 0),
    }
  })
}

/**
 * Every assignment reviewed: a declaration, a 1–5 score per criterion with a comment, and
 * the total as weightedTotal computes it (Σ weight × score / 5 with weights summing to 100).
 * Scores follow an application quality, a reviewer's leniency and some noise, so the
 * ranking has structure, ties and disagreements like a real one.
 */
export async function fillScores(owner: DB, provinceId: string, callId: string, now: Date): Promise<number> {
  return withTenant(owner, { provinceId }, async (trx) => {
    const pid = sql`${provinceId}::uuid`
    const cid = sql`${callId}::uuid`
    const at = sql`${now}::timestamptz`
    const quality = sql`abs(hashtext(ra.application_id::text)) % 5`
    const leniency = sql`abs(hashtext(ra.reviewer_id::text)) % 3 - 1`
    const noise = sql`abs(hashtext(ra.application_id::text || ra.reviewer_id::text || rc.key)) % 3 - 1`
    await sql`
      insert into review_scores (province_id, application_id, reviewer_id, criterion_id, score, comment, updated_at)
      select ra.province_id, ra.application_id, ra.reviewer_id, rc.id,
        least(5, greatest(1, 1 + ${quality} + ${leniency} + ${noise})),
        left('Catatan penilai: ' || (${literal(SENTENCES)})[1 + abs(hashtext(rc.key || ra.reviewer_id::text)) % ${sql.lit(SENTENCES.length)}]
          || ' ' || (${literal(SENTENCES)})[1 + abs(hashtext(ra.application_id::text || rc.key)) % ${sql.lit(SENTENCES.length)}], 300),
        ${at}
      from review_assignments ra
      join applications a on a.province_id = ra.province_id and a.id = ra.application_id
      join rubric_criteria rc on rc.province_id = ra.province_id and rc.call_id = a.call_id
      where ra.province_id = ${pid} and a.call_id = ${cid}`.execute(trx)
    await sql`
      update review_assignments ra set total = s.total, scored_at = ${at}, declared_at = coalesce(ra.declared_at, ${at})
      from (
        select s.application_id, s.reviewer_id, sum(rc.weight * s.score)::numeric / 5 as total
        from review_scores s
        join rubric_criteria rc on rc.province_id = s.province_id and rc.id = s.criterion_id
        where s.province_id = ${pid} and rc.call_id = ${cid}
        group by s.application_id, s.reviewer_id
      ) s
      where ra.province_id = ${pid} and ra.application_id = s.application_id and ra.reviewer_id = s.reviewer_id`.execute(
      trx,
    )
    await trx
      .updateTable('calls')
      .set({ rubric_locked_at: now })
      .where('province_id', '=', provinceId)
      .where('id', '=', callId)
      .execute()
    const done = await trx
      .selectFrom('review_assignments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('province_id', '=', provinceId)
      .where('total', 'is not', null)
      .executeTakeFirstOrThrow()
    return Number(done.n)
  })
}
