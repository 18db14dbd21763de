import type { Language } from '#app/i18n/config.ts'
import { audit } from '#app/modules/audit/audit.server.ts'
import type { RequestMeta } from '#app/modules/auth/accounts.server.ts'
import { createInvitation } from '#app/modules/auth/invitations.server.ts'
import { invalid, notFound, refused } from '#app/modules/errors/errors.ts'
import { checkFile, type FileRefusal, postgresStorage, type StoredType } from '#app/modules/storage/storage.server.ts'
import { invalidateProvinceCache } from '#app/modules/tenancy/province-cache.server.ts'
import { type Trx, withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { findProvinceBySlug, findProvinceClash, listProvinces } from './programme.queries.server.ts'
import type { ProvinceEditInput, ProvinceOnboardInput } from './programme.schema.ts'
import type { ProgrammeActor } from './programme.server.ts'
import { isUniqueViolation } from './programme-rules.ts'

// Provinces are tenants created from the UI, never from code or migrations: the
// 2023 six are only seed data. The province row is national configuration; its logo
// is a file the province owns (tenant RLS), so onboarding runs a few transactions in
// turn, the file checked first so a wrong logo changes nothing.

export const LOGO_TYPES: readonly StoredType[] = ['image/png', 'image/jpeg']
export const LOGO_MAX_BYTES = 1024 * 1024

/** What went wrong with an uploaded logo, on the form's logo field. */
export const LOGO_REFUSAL = {
  field: 'logo',
  keys: {
    empty: 'national:provinces.logoEmpty',
    tooLarge: 'national:provinces.logoTooLarge',
    type: 'national:provinces.logoType',
  },
} as const satisfies FileRefusal

export interface Upload {
  name: string
  bytes: Uint8Array
}

/** The ministry user who onboards, for the invitation mail and the audit log. */
export interface OnboardingActor extends ProgrammeActor {
  name: string
  locale: Language
}

const national = <T>(db: DB, fn: (trx: Trx) => Promise<T>) => withTenant(db, { national: true }, fn)

/** Every province, inactive ones included, with how many Bappeda admins each has. */
export async function loadProvinces(db: DB) {
  return national(db, async (trx) => {
    const provinces = await listProvinces(trx)
    const admins = await trx
      .selectFrom('memberships')
      .select(['province_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('role', '=', 'province_admin')
      .groupBy('province_id')
      .execute()
    return provinces.map((p) => ({ ...p, admins: Number(admins.find((a) => a.province_id === p.id)?.n ?? 0) }))
  })
}

/** One province by slug, active or not, or NotFound (404). */
export async function loadProvince(db: DB, slug: string) {
  const province = await national(db, (trx) => findProvinceBySlug(trx, slug))
  if (!province) throw notFound('province')
  return province
}

/** Refuses a slug or BPS code another province already has, on the field(s) concerned. */
async function refuseClashes(trx: Trx, values: { slug?: string; bps_code: string }, exceptId?: string) {
  const clashes = await findProvinceClash(trx, values, exceptId)
  const fields: Record<string, string> = {}
  if (values.slug !== undefined && clashes.some((c) => c.slug === values.slug)) {
    fields.slug = 'national:errors.slugTaken'
  }
  if (clashes.some((c) => c.bps_code === values.bps_code)) fields.bps_code = 'national:errors.bpsTaken'
  const [first, ...rest] = Object.entries(fields)
  if (first) throw refused(first[1], { status: 400, field: first[0], fields: Object.fromEntries(rest) })
}

const duplicateFromDatabase = (error: unknown) => {
  if (isUniqueViolation(error, 'provinces_slug_key')) return invalid('national:errors.slugTaken', 'slug')
  if (isUniqueViolation(error, 'provinces_bps_code_key')) {
    return invalid('national:errors.bpsTaken', 'bps_code')
  }
  return error
}

/**
 * Onboards a province end to end: creates it (active), stores its logo, and invites
 * its first Bappeda admin by mail. Refuses (nothing is created) a wrong logo and a
 * slug or BPS code already in use.
 */
export async function onboardProvince(
  db: DB,
  actor: OnboardingActor,
  input: ProvinceOnboardInput,
  logo: Upload | undefined,
  meta: RequestMeta,
): Promise<{ id: string; slug: string }> {
  if (logo) checkLogo(actor, logo)
  let province: { id: string; slug: string; name: string }
  try {
    province = await national(db, async (trx) => {
      await refuseClashes(trx, { slug: input.slug, bps_code: input.bps_code })
      const row = await trx
        .insertInto('provinces')
        .values({
          slug: input.slug,
          name: input.name,
          bps_code: input.bps_code,
          time_zone: input.time_zone,
          contact_name: input.contact_name ?? null,
          contact_email: input.contact_email ?? null,
          contact_phone: input.contact_phone ?? null,
        })
        .returning(['id', 'slug', 'name'])
        .executeTakeFirstOrThrow()
      await audit(trx, {
        actorId: actor.userId,
        action: 'province.created',
        objectType: 'province',
        objectId: row.id,
        // National actions name the province they concern (docs/decisions/017).
        provinceId: row.id,
        ip: actor.ip,
        details: { ...input },
      })
      return row
    })
  } catch (error) {
    throw duplicateFromDatabase(error)
  }
  if (logo) await replaceLogo(db, actor, province.id, logo)
  await createInvitation(
    db,
    {
      province,
      email: input.admin_email,
      name: input.admin_name,
      role: 'province_admin',
      opdId: null,
      inviter: { id: actor.userId, name: actor.name },
      locale: actor.locale,
    },
    meta,
  )
  return { id: province.id, slug: province.slug }
}

/** Changes a province's name, BPS code, time zone and Bappeda contact (the slug stays: links use it). */
export async function updateProvince(db: DB, actor: ProgrammeActor, slug: string, input: ProvinceEditInput) {
  try {
    await national(db, async (trx) => {
      const before = await findProvinceBySlug(trx, slug)
      if (!before) throw notFound('province')
      await refuseClashes(trx, { bps_code: input.bps_code }, before.id)
      const values = {
        name: input.name,
        bps_code: input.bps_code,
        time_zone: input.time_zone,
        contact_name: input.contact_name ?? null,
        contact_email: input.contact_email ?? null,
        contact_phone: input.contact_phone ?? null,
      }
      await trx.updateTable('provinces').set(values).where('id', '=', before.id).execute()
      await audit(trx, {
        actorId: actor.userId,
        action: 'province.updated',
        objectType: 'province',
        objectId: before.id,
        provinceId: before.id,
        ip: actor.ip,
        details: {
          slug,
          before: {
            name: before.name,
            bps_code: before.bps_code,
            time_zone: before.time_zone,
            contact_name: before.contact_name,
            contact_email: before.contact_email,
            contact_phone: before.contact_phone,
          },
          after: values,
        },
      })
    })
  } catch (error) {
    throw duplicateFromDatabase(error)
  }
  // The name and time zone pages show come from the province cache.
  invalidateProvinceCache()
}

/** Refuses a wrong logo (FileRejected on the logo field) before anything changes. */
export function checkLogo(actor: { userId: string }, logo: Upload): void {
  checkFile({ ...logo, createdBy: actor.userId, accept: LOGO_TYPES, maxBytes: LOGO_MAX_BYTES, refusal: LOGO_REFUSAL })
}

/**
 * Stores a new logo for the province (PNG or JPEG up to 1 MB, checked by content)
 * and drops the old one. Throws FileRejected.
 */
export async function replaceLogo(db: DB, actor: ProgrammeActor, provinceId: string, logo: Upload) {
  const stored = await withTenant(db, { provinceId }, async (trx) => {
    const file = await postgresStorage.put(trx, provinceId, {
      ...logo,
      createdBy: actor.userId,
      accept: LOGO_TYPES,
      maxBytes: LOGO_MAX_BYTES,
      refusal: LOGO_REFUSAL,
    })
    await audit(trx, {
      actorId: actor.userId,
      action: 'province.logo_changed',
      objectType: 'file',
      objectId: file.id,
      provinceId,
      ip: actor.ip,
      details: { name: file.name, size: file.size, contentType: file.contentType },
    })
    return file
  })
  await setLogoFile(db, provinceId, stored.id)
}

/** Removes the province's logo. */
export async function removeLogo(db: DB, actor: ProgrammeActor, provinceId: string) {
  await withTenant(db, { provinceId }, (trx) =>
    audit(trx, {
      actorId: actor.userId,
      action: 'province.logo_removed',
      objectType: 'province',
      objectId: provinceId,
      provinceId,
      ip: actor.ip,
    }),
  )
  await setLogoFile(db, provinceId, null)
}

/** Points the province at its new logo (national scope) and deletes the old file (tenant scope). */
async function setLogoFile(db: DB, provinceId: string, fileId: string | null) {
  const old = await national(db, async (trx) => {
    const row = await trx
      .selectFrom('provinces')
      .select('logo_file_id')
      .where('id', '=', provinceId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    await trx.updateTable('provinces').set({ logo_file_id: fileId }).where('id', '=', provinceId).execute()
    return row.logo_file_id
  })
  if (old && old !== fileId) {
    await withTenant(db, { provinceId }, (trx) => postgresStorage.remove(trx, provinceId, old))
  }
}

/**
 * Deactivates a province (its portal disappears, its members can no longer use its
 * pages; every row stays) or reactivates it.
 */
export async function setProvinceActive(db: DB, actor: ProgrammeActor, slug: string, active: boolean) {
  await national(db, async (trx) => {
    const province = await findProvinceBySlug(trx, slug)
    if (!province) throw notFound('province')
    if (province.active === active) return
    await trx.updateTable('provinces').set({ active }).where('id', '=', province.id).execute()
    await audit(trx, {
      actorId: actor.userId,
      action: active ? 'province.reactivated' : 'province.deactivated',
      objectType: 'province',
      objectId: province.id,
      provinceId: province.id,
      ip: actor.ip,
      details: { slug },
    })
  })
  // A deactivated province must 404 at once, not when its cached entry expires.
  invalidateProvinceCache()
}

/** The logo of an active province, for the public resource route; undefined when there is none. */
export async function loadPublicLogo(db: DB, slug: string) {
  const province = await db
    .selectFrom('provinces')
    .select(['id', 'logo_file_id'])
    .where('slug', '=', slug)
    .where('active', '=', true)
    .executeTakeFirst()
  if (!province?.logo_file_id) return undefined
  const fileId = province.logo_file_id
  const file = await withTenant(db, { provinceId: province.id }, async (trx) => {
    const row = await trx
      .selectFrom('files')
      .select(['id', 'content_type', 'size', 'sha256', 'data'])
      .where('province_id', '=', province.id)
      .where('id', '=', fileId)
      .executeTakeFirst()
    return row
  })
  return file
}
