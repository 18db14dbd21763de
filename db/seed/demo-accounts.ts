import type { Kysely } from 'kysely'
import { hashPassword } from '#app/modules/auth/password.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { Database, Role } from '../schema.ts'
import { upsertOpds } from './reference.ts'
import { provinces } from './reference-data.ts'

// The demo accounts listed in the README, created by the demo seed only (never in production data).
export const DEMO_PASSWORD = 'winner-demo-2023'

// Provinces the articles name no agency for get a fictional planning agency, so
// their demo reviewer has an OPD.
const fallbackOpd = (name: string) => ({ name: `Bappeda Provinsi ${name} (demo)`, short_name: 'Bappeda' })

/** Creates the demo accounts with verified emails and their memberships. Idempotent. */
export async function seedDemoAccounts(db: Kysely<Database>): Promise<void> {
  const wanted: { email: string; name: string; role: Role; province: string | null }[] = [
    { email: 'ministry@demo.winner.id', name: 'Demo Kementerian PANRB', role: 'ministry', province: null },
    { email: 'erat@demo.winner.id', name: 'Demo USAID-ERAT', role: 'erat', province: null },
    ...provinces.flatMap((p) => [
      {
        email: `bappeda.${p.slug}@demo.winner.id`,
        name: `Demo Bappeda ${p.name}`,
        role: 'province_admin' as const,
        province: p.slug,
      },
      // Three reviewers, so the default of three reviewers per application can be tried.
      ...['', '2', '3'].map((n) => ({
        email: `reviewer${n}.${p.slug}@demo.winner.id`,
        name: `Demo Penilai ${n || '1'} ${p.name}`,
        role: 'reviewer' as const,
        province: p.slug,
      })),
      {
        email: `applicant.${p.slug}@demo.winner.id`,
        name: `Demo Pendaftar ${p.name}`,
        role: 'applicant' as const,
        province: p.slug,
      },
    ]),
  ]
  const existing = await db
    .selectFrom('users')
    .select('email')
    .where(
      'email',
      'in',
      wanted.map((w) => w.email),
    )
    .execute()
  if (existing.length === wanted.length) return
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const provinceRows = await db.selectFrom('provinces').select(['id', 'slug', 'name']).execute()
  for (const w of wanted) {
    const user = await db
      .insertInto('users')
      .values({
        email: w.email,
        name: w.name,
        phone: null,
        locale: 'id',
        password_hash: passwordHash,
        email_verified_at: new Date(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!user) continue
    const province = provinceRows.find((p) => p.slug === w.province)
    if (!province) {
      await withTenant(db, { national: true }, (trx) =>
        trx
          .insertInto('memberships')
          .values({ user_id: user.id, role: w.role, province_id: null, opd_id: null })
          .execute(),
      )
      continue
    }
    if (w.role === 'reviewer') {
      const anyOpd = await withTenant(db, { provinceId: province.id }, (trx) =>
        trx.selectFrom('opds').select('id').where('province_id', '=', province.id).executeTakeFirst(),
      )
      if (!anyOpd) await upsertOpds(db, province.id, [fallbackOpd(province.name)])
    }
    await withTenant(db, { provinceId: province.id }, async (trx) => {
      // Each reviewer of a province sits in another OPD where there are several.
      const opds =
        w.role === 'reviewer'
          ? await trx
              .selectFrom('opds')
              .select('id')
              .where('province_id', '=', province.id)
              .orderBy('created_at')
              .orderBy('id')
              .execute()
          : []
      const nth = Number(/^reviewer(\d)\./.exec(w.email)?.[1] ?? '1') - 1
      const opd = opds.length > 0 ? opds[nth % opds.length] : undefined
      await trx
        .insertInto('memberships')
        .values({ user_id: user.id, role: w.role, province_id: province.id, opd_id: opd?.id ?? null })
        .execute()
    })
  }
}
