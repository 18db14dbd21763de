import type { Submission } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import type { z } from 'zod'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam, notFound, refusal } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { type AnySectionInput, sectionSchemas } from './application.schema.ts'
import { loadOwnApplication, openOwnApplication, saveSectionIn } from './application.server.ts'
import { canApply } from './application-access.ts'
import { findSection } from './application-sections.ts'
import { dropRescue } from './form-rescue.server.ts'

// One section form of an application, shared by its page (a press of "Save") and
// its autosave endpoint (the enhancement script while typing pauses): the same
// guard, the same schema, the same save; only the answer differs.

/**
 * The section of the signed-in applicant's own application named by the URL.
 * Another applicant's id is 404 before anything else; signed-out requests are
 * redirected to sign in (callers may intercept that). Reads no request body.
 */
export async function openSection(request: Request, context: AppLoadContext, params: LoaderFunctionArgs['params']) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const section = findSection(params.section)
  if (!section) throw notFound()
  const owner = { provinceId: province.id, userId: viewer.user.id }
  const page = await loadOwnApplication(context.db, owner, idParam(params, 'application'), context.now())
  return { province, section, owner, page }
}
export type OpenSection = Awaited<ReturnType<typeof openSection>>

/**
 * The guard of a save: the signed-in applicant, the section, the application id from the
 * URL; nothing read from the application yet (the save reads it in its own transaction).
 * Reads no request body.
 */
export async function guardSection(request: Request, context: AppLoadContext, params: LoaderFunctionArgs['params']) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const section = findSection(params.section)
  if (!section) throw notFound()
  const owner = { provinceId: province.id, userId: viewer.user.id }
  return { province, section, owner, id: idParam(params, 'application') }
}
export type SectionTarget = Awaited<ReturnType<typeof guardSection>>

export type SectionSaveOutcome =
  /** `changed` is false when the form held exactly what was stored: nothing was written. */
  | { kind: 'saved'; savedAt: Date; changed: boolean }
  /** Nothing was written; the submission carries what was typed and the errors. */
  | { kind: 'invalid'; submission: Submission<AnySectionInput>; fieldErrors?: Record<string, string[]> }
  /** The application cannot change (closed call, submitted): a translation key. */
  | { kind: 'refused'; key: string }

/**
 * Validates and saves a posted section in one tenant transaction: another applicant's
 * application is 404, a closed one refused, before the form is looked at; the editability
 * is checked once. A saved form's rescue (if any) is forgotten.
 */
export async function saveSectionForm(
  request: Request,
  context: AppLoadContext,
  { province, section, owner, id }: SectionTarget,
  formData: FormData,
  autosave: boolean,
): Promise<SectionSaveOutcome> {
  const schema: z.ZodType<AnySectionInput, z.ZodTypeDef, unknown> = sectionSchemas[section.key]
  const actor = { ...owner, ip: requestMeta(request, context).ip }
  const now = context.now()
  let outcome: SectionSaveOutcome
  let submission: Submission<AnySectionInput> | null = null
  try {
    outcome = await withTenant(context.db, { provinceId: owner.provinceId }, async (trx) => {
      const own = await openOwnApplication(trx, owner, id, now)
      if (own.editability !== 'editable') return { kind: 'refused', key: `apply:readOnly.${own.editability}` }
      submission = parseWithZod(formData, { schema })
      if (submission.status !== 'success') return { kind: 'invalid', submission }
      const { changed } = await saveSectionIn(trx, actor, own.application, section.key, submission.value, now, autosave)
      return { kind: 'saved', savedAt: now, changed }
    })
  } catch (error) {
    const no = refusal(error)
    if (no.field && submission) return { kind: 'invalid', submission, fieldErrors: { [no.field]: [no.key] } }
    return { kind: 'refused', key: no.key }
  }
  if (outcome.kind !== 'saved') return outcome
  // The page's path, also for autosave: a rescue belongs to the form's page.
  const path = `/p/${province.slug}/apply/${id}/${section.key}`
  await dropRescue(context.db, request, context.secureCookies ?? false, path)
  return outcome
}
