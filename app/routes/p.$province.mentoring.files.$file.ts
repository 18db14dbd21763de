import type { LoaderFunctionArgs } from '@remix-run/node'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { canOpenEvidence } from '#app/modules/mentoring/access.ts'
import { mentoringActor } from '#app/modules/mentoring/cohort-page.server.ts'
import { loadEvidenceFile } from '#app/modules/mentoring/plans.server.ts'
import { fileResponse } from '#app/modules/storage/storage.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'

// A milestone's evidence file as a download (issue 14): for whoever may read its cohort,
// or the finalist whose plan it is; anyone else, and another province, gets 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canOpenEvidence)
  const actor = mentoringActor(viewer, requestMeta(request, context).ip)
  return fileResponse(await loadEvidenceFile(context.db, actor, province.id, idParam(params, 'file')))
}
