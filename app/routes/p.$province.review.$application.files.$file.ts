import type { LoaderFunctionArgs } from '@remix-run/node'
import { detectLanguage } from '#app/i18n/detect.ts'
import { getFixedT } from '#app/i18n/i18n.server.ts'
import { idParam, refusal } from '#app/modules/errors/errors.ts'
import { canReview } from '#app/modules/review-desk/access.ts'
import { loadReviewFile } from '#app/modules/review-desk/workspace.server.ts'
import { fileResponse } from '#app/modules/storage/storage.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'

// An attachment of an application assigned to the reviewer, once they declared no
// conflict (issue 7). Always downloaded under a generic name (lampiran-2.pdf); in a
// blind call with its identifying metadata removed. Anything else answers 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canReview)
  const reviewer = { provinceId: province.id, userId: viewer.user.id, ability: viewer.ability }
  try {
    const file = await loadReviewFile(context.db, reviewer, idParam(params, 'application'), idParam(params, 'file'))

    return fileResponse(file, file.downloadName)
  } catch (error) {
    const no = refusal(error)
    const { language } = detectLanguage(new URL(request.url), {
      cookie: request.headers.get('Cookie'),
      acceptLanguage: request.headers.get('Accept-Language'),
    })
    const t = getFixedT(language)
    // A file link is not a page: the refusal (a file that cannot be cleaned) as plain text.
    return new Response(t(no.key as 'review:errors.notCleanable'), {
      status: no.status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' },
    })
  }
}
