import type { Kysely } from 'kysely'
import { type AnySectionInput, sectionSchemas } from '#app/modules/applications/application.schema.ts'
import { saveSection, startApplication } from '#app/modules/applications/application.server.ts'
import { SECTIONS, type SectionKey } from '#app/modules/applications/application-sections.ts'
import { addAttachment } from '#app/modules/applications/attachments.server.ts'
import { submitApplication } from '#app/modules/applications/submission.server.ts'
import { memberSchema, ventureSchema } from '#app/modules/applications/venture.schema.ts'
import { addMember, findVenture, saveVenture } from '#app/modules/applications/ventures.server.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database } from '../schema.ts'
import { DEMO_PASSWORD } from './demo-accounts.ts'
import { type DemoApplicant, demoApplicants } from './demo-applications-data.ts'
import { demoPdf } from './demo-pdf.ts'

// Demo applicants with ventures and applications (the demo grows with the
// features). Everything goes through the applicant workflow of app/modules/applications
// (schemas, section saves, attachment storage, submission with consent, receipt counter,
// event and mail), so the data is valid by construction. Each action is dated inside
// the province's call window: Banten's call has closed, so its applications were
// "submitted" on days before it closed. Idempotent and resumable: an applicant whose
// application exists is left alone, unless seeding stopped before a planned submission.
// demo-programme.ts and demo-history.ts use the same batches for their provinces.

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

export const demoApplicantEmail = (local: string, province: string) => `${local}.${province}@demo.winner.id`

export interface Province {
  id: string
  slug: string
  name: string
  time_zone: string
}

/**
 * Seeds the demo applicants of Kalbar (open call) and Banten (closed call). `origin`
 * is the server's (app/server/config.ts): the submission mails link there. Idempotent.
 */
export async function seedDemoApplications(db: Kysely<Database>, origin: string, now = new Date()): Promise<void> {
  for (const [slug, list] of Object.entries(demoApplicants)) {
    await seedApplicants(db, { edition: 'demo-current', slug, list, origin, now })
  }
}

/** A list of applicants of one province and edition, and where their mails link to. */
export interface ApplicantBatch {
  edition: string
  slug: string
  list: readonly DemoApplicant[]
  origin: string
  now: Date
}

/**
 * Creates the batch's accounts, ventures and applications through the applicant
 * workflow, submissions spread over the province's call window up to its close or
 * `now`, in receipt order. Skips applicants already done; answers nothing. The call is
 * judged by `startApplication` against the current edition, so a past edition's batch
 * runs only while that edition is the current one (demo-history.ts).
 */
export async function seedApplicants(db: Kysely<Database>, batch: ApplicantBatch): Promise<void> {
  const { edition: slug, list, origin, now } = batch
  const edition = await db.selectFrom('editions').select('id').where('slug', '=', slug).executeTakeFirst()
  if (!edition) return
  const planned = list.map((a) => ({ email: demoApplicantEmail(a.email, batch.slug), outcome: a.outcome }))
  const done = await db
    .selectFrom('users as u')
    .innerJoin('applications as a', 'a.applicant_id', 'u.id')
    .select(['u.email', 'a.status'])
    .where(
      'u.email',
      'in',
      planned.map((p) => p.email),
    )
    .where('a.edition_id', '=', edition.id)
    .execute()
  const finished = (p: (typeof planned)[number]) =>
    done.some((d) => d.email === p.email && (p.outcome === 'draft' || d.status !== 'draft'))
  if (planned.every(finished)) return

  // One hash for every new demo account: hashing is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const province = await db
    .selectFrom('provinces')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('slug', '=', batch.slug)
    .executeTakeFirstOrThrow()
  const call = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('calls')
      .select(['opens_at', 'closes_at'])
      .where('province_id', '=', province.id)
      .where('edition_id', '=', edition.id)
      .where('status', '=', 'published')
      .orderBy('opens_at')
      .executeTakeFirst(),
  )
  if (!call) return
  // Submissions spread over the window up to its close or the present, in receipt order.
  const from = call.opens_at.getTime()
  const until = Math.min(call.closes_at.getTime(), now.getTime())
  // A call someone moved into the future (the demo is editable) has no past to date things in.
  if (until - from < DAY) return
  const step = (until - from) / (list.length + 1)
  for (const [i, applicant] of list.entries()) {
    const at = new Date(from + step * (i + 1))
    const started = new Date(Math.max(from + HOUR, at.getTime() - 2 * DAY))
    const email = demoApplicantEmail(applicant.email, province.slug)
    await seedApplicant(db, province, applicant, { passwordHash, started, at, email, edition: edition.id, origin })
  }
}

async function seedApplicant(
  db: Kysely<Database>,
  province: Province,
  a: DemoApplicant,
  times: { passwordHash: string; started: Date; at: Date; email: string; edition: string; origin: string },
): Promise<void> {
  const userId = await ensureApplicantAccount(db, province, times.email, a.person, times)
  const owner = { provinceId: province.id, userId }
  const actor = { ...owner, ip: null }
  const existing = await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .selectFrom('applications')
      .select(['id', 'status'])
      .where('province_id', '=', province.id)
      .where('applicant_id', '=', userId)
      .where('edition_id', '=', times.edition)
      .executeTakeFirst(),
  )
  if (existing && (existing.status !== 'draft' || a.outcome === 'draft')) return
  // An issue unpublished in the demo since cannot be applied to; that applicant is skipped.
  const issueId = await provinceIssue(db, province.id, times.edition, a.issue)
  if (!issueId) return

  if (!(await findVenture(db, province.id, userId))) {
    const regencies = await withTenant(db, { provinceId: province.id }, (trx) =>
      trx.selectFrom('regencies').select('code').where('province_id', '=', province.id).orderBy('code').execute(),
    )
    const ventureActor = { ...owner, ip: null, now: times.started }
    await saveVenture(
      db,
      ventureActor,
      ventureSchema.parse({
        intent: 'save',
        name: a.venture,
        legal_form: a.legalForm,
        year_founded: a.founded,
        regency_code: regencies[a.regency % Math.max(1, regencies.length)]?.code,
        address: `Data demo. Jl. Contoh No. ${a.regency + 1}, ${province.name}`,
        stage: a.stage,
        social_links: `Instagram @${a.venture
          .toLowerCase()
          .replace(/[^a-z]+/g, '')
          .slice(0, 24)}`,
      }),
    )
    for (const [name, role, gender, age_band] of a.team) {
      await addMember(db, ventureActor, memberSchema.parse({ intent: 'addMember', name, role, gender, age_band }))
    }
  }

  const id = existing?.id ?? (await startApplication(db, actor, issueId, times.started))
  const texts = sectionTexts(a)
  // A draft is left half-written: the first sections only.
  const sections: Exclude<SectionKey, 'issue'>[] =
    a.outcome === 'draft' ? ['problem', 'solution'] : SECTIONS.flatMap((s) => (s.key === 'issue' ? [] : [s.key]))
  for (const key of sections) {
    const input = sectionSchemas[key].parse(texts[key]) as AnySectionInput
    await saveSection(db, actor, id, key, input, times.started)
  }
  if (a.outcome === 'draft') return

  // The proposal's text never names the venture, so a blind review stays blind.
  const pdf = demoPdf(['Proposal usaha sosial', 'DATA DEMO: isi proposal ini ilustratif.', a.focus])
  const file = `proposal-${a.venture
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '')}.pdf`
  await addAttachment(db, actor, id, 'proposal', { name: file, bytes: pdf }, times.started)
  const notice = await db
    .selectFrom('consent_notices as n')
    .innerJoin('applications as a', 'a.edition_id', 'n.edition_id')
    .select('n.version')
    .where('a.id', '=', id)
    .orderBy('n.version', 'desc')
    .executeTakeFirstOrThrow()
  await submitApplication(db, { ...actor, origin: times.origin }, province, id, notice.version, times.at)
}

/** The demo applicant's account with a verified address and the applicant role in the province. */
async function ensureApplicantAccount(
  db: Kysely<Database>,
  province: Province,
  email: string,
  name: string,
  times: { passwordHash: string; started: Date },
): Promise<string> {
  const found = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (found) return found.id
  const user = await db
    .insertInto('users')
    .values({
      email,
      name,
      phone: null,
      locale: 'id',
      password_hash: times.passwordHash,
      email_verified_at: times.started,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await withTenant(db, { provinceId: province.id }, (trx) =>
    trx
      .insertInto('memberships')
      .values({ user_id: user.id, role: 'applicant', province_id: province.id, opd_id: null })
      .execute(),
  )
  return user.id
}

/** The published province issue of the edition for a national issue code. */
async function provinceIssue(
  db: Kysely<Database>,
  provinceId: string,
  editionId: string,
  code: string,
): Promise<string | null> {
  const issue = await withTenant(db, { provinceId }, (trx) =>
    trx
      .selectFrom('province_issues as pi')
      .innerJoin('national_issues as ni', 'ni.id', 'pi.national_issue_id')
      .select('pi.id')
      .where('pi.province_id', '=', provinceId)
      .where('pi.edition_id', '=', editionId)
      .where('pi.status', '=', 'published')
      .where('ni.code', '=', code)
      .executeTakeFirst(),
  )
  return issue?.id ?? null
}

/**
 * Each section's form values, written from the applicant's few facts. None names the
 * venture: a reviewer in a blind call reads these texts (tests/integration/demo-programme.test.ts).
 */
function sectionTexts(a: DemoApplicant): Record<Exclude<SectionKey, 'issue'>, Record<string, unknown>> {
  const rupiah = (million: number) => `Rp ${million} juta`
  return {
    problem: { problem: `Data demo. ${a.problem}` },
    solution: {
      solution: `Data demo. Kami menjalankan ${a.focus}.`,
      novelty: `Data demo. Dikelola bersama ${a.group} sendiri, sehingga tetap berjalan setelah pendampingan selesai.`,
    },
    beneficiaries: {
      beneficiaries: `Data demo. Sasaran utama: ${a.group}.`,
      beneficiaries_count: a.count,
    },
    business: {
      business_model: `Data demo. Layanan dijual dengan harga terjangkau; sebagian keuntungan membiayai ${a.focus}.`,
      revenue: 'Data demo. Penjualan produk dan jasa, iuran anggota, serta kerja sama dengan mitra swasta.',
    },
    impact: {
      impact: `Data demo. Dalam dua tahun, ${a.group} merasakan perubahan yang terukur lewat indikator di bawah.`,
      indicators: a.indicators.map(([name, baseline, target, unit]) => ({ name, baseline, target, unit })),
    },
    collaboration: {
      collaboration_opd: 'Data demo. Data sasaran dari OPD terkait, izin lokasi, dan pendampingan teknis.',
      collaboration_private: 'Data demo. Pembeli tetap, dana CSR untuk peralatan, dan mentor bisnis.',
    },
    budget: {
      budget: `Data demo. Kebutuhan ${rupiah(a.budget)} untuk peralatan, bahan, dan pelatihan.`,
      funding_so_far:
        a.funded > 0 ? `Data demo. ${rupiah(a.funded)} dari dana sendiri dan anggota.` : 'Data demo. Belum ada.',
    },
  }
}
