import { startApplication } from '#app/modules/applications/application.server.ts'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { startSession } from '#app/modules/auth/sessions.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'

// The applicants of the surge: each a verified user with a venture in the province,
// one complete draft (so a submission is accepted) started through the app's own
// workflow, and a real session cookie. Sessions are created directly with the
// sessions module: 300 argon2 sign-ins would measure argon2, not the deadline.

export interface SurgeApplicant {
  userId: string
  email: string
  applicationId: string
  /** `name=value` for the Cookie header. */
  cookie: string
}

export interface SurgeProvince {
  id: string
  slug: string
  editionId: string
  consentVersion: number
}

/** The demo edition's province with a call open at `now`, and the notice applicants consent to. */
export async function findOpenProvince(db: DB, slug: string, now: Date): Promise<SurgeProvince & { issueId: string }> {
  const edition = await db
    .selectFrom('editions')
    .select('id')
    .where('slug', '=', 'demo-current')
    .executeTakeFirstOrThrow()
  const province = await db.selectFrom('provinces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  return withTenant(db, { provinceId: province.id }, async (trx) => {
    const call = await trx
      .selectFrom('calls')
      .select(['opens_at', 'closes_at'])
      .where('province_id', '=', province.id)
      .where('edition_id', '=', edition.id)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow()
    if (call.opens_at > now || call.closes_at < now)
      throw new Error(`the ${slug} call is not open at ${now.toISOString()}`)
    const issue = await trx
      .selectFrom('province_issues')
      .select('id')
      .where('province_id', '=', province.id)
      .where('edition_id', '=', edition.id)
      .where('status', '=', 'published')
      .orderBy('priority')
      .executeTakeFirstOrThrow()
    const notice = await trx
      .selectFrom('consent_notices')
      .select('version')
      .where('edition_id', '=', edition.id)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow()
    return { id: province.id, slug, editionId: edition.id, consentVersion: notice.version, issueId: issue.id }
  })
}

const filled = {
  problem: 'Banyak anak putus sekolah di desa pesisir.',
  solution: 'Kelas daring murah lewat telepon genggam.',
  novelty: 'Guru relawan dari desa sendiri.',
  beneficiaries: 'Anak usia sekolah dan orang tuanya.',
  beneficiaries_count: 1200,
  business_model: 'Langganan sekolah dan sponsor.',
  revenue: 'Iuran sekolah dan dana CSR.',
  impact: 'Angka putus sekolah turun.',
  collaboration_opd: 'Data dari Dinas Pendidikan.',
  collaboration_private: 'Paket data dari operator seluler.',
  budget: 'Rp150 juta untuk satu tahun.',
  funding_so_far: 'Dana sendiri Rp20 juta.',
}

async function prepareOne(
  db: DB,
  province: SurgeProvince & { issueId: string },
  n: number,
  passwordHash: string,
  now: Date,
): Promise<SurgeApplicant> {
  const email = `surge${n}@bench.winner.test`
  const user = await db
    .insertInto('users')
    .values({ email, name: `Pendaftar Uji ${n}`, phone: null, password_hash: passwordHash, email_verified_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  await withTenant(db, { provinceId: province.id }, async (trx) => {
    await trx
      .insertInto('memberships')
      .values({ user_id: user.id, role: 'applicant', province_id: province.id, opd_id: null })
      .execute()
    await trx
      .insertInto('ventures')
      .values({
        province_id: province.id,
        owner_id: user.id,
        name: `Usaha Uji ${n}`,
        legal_form: 'community',
        stage: 'idea',
      })
      .execute()
  })
  const actor = { provinceId: province.id, userId: user.id, ip: null }
  const applicationId = await startApplication(db, actor, province.issueId, now)
  await withTenant(db, { provinceId: province.id }, async (trx) => {
    await trx.updateTable('applications').set(filled).where('id', '=', applicationId).execute()
    for (const position of [1, 2]) {
      await trx
        .insertInto('application_indicators')
        .values({
          province_id: province.id,
          application_id: applicationId,
          name: `Indikator ${position}`,
          baseline: '10',
          target: '5',
          unit: '%',
          position,
        })
        .execute()
    }
  })
  const setCookie = await startSession(db, false, user.id, now)
  const cookie = setCookie.split(';')[0] ?? ''
  return { userId: user.id, email, applicationId, cookie }
}

/** Creates `count` applicants with complete drafts, `parallel` at a time. */
export async function prepareApplicants(
  db: DB,
  province: SurgeProvince & { issueId: string },
  count: number,
  now: Date,
  parallel = 6,
): Promise<SurgeApplicant[]> {
  // One hash for all: nobody signs in with a password here.
  const passwordHash = await hashPassword(`bench-${now.getTime()}-unused`)
  const result: SurgeApplicant[] = new Array(count)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      result[i] = await prepareOne(db, province, i + 1, passwordHash, now)
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker))
  return result
}
