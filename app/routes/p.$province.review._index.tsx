import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireProvinceAccess } from '#app/modules/auth/province-access.server.ts'
import { subject } from '#app/modules/permissions/abilities.ts'
import { loadReviewerDesk } from '#app/modules/review/reviewer-desk.server.ts'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, (ability, p, v) =>
    ability.can('score', subject('Review', { province_id: p.id, reviewer_id: v.user.id })),
  )
  const opdId = viewer.memberships.find((m) => m.provinceId === province.id && m.role === 'reviewer')?.opdId ?? null
  return { province, ...(await loadReviewerDesk(context.db, province.id, opdId)) }
}

export default function ReviewerDesk() {
  const { province, opd, issues } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'manage'])
  return (
    <main id="main" className="page">
      <h1>{t('manage:review.title', { name: province.name })}</h1>
      {opd ? <p>{t('manage:review.opd', { opd: `${opd.name} (${opd.short_name})` })}</p> : null}
      <section aria-labelledby="assignments">
        <h2 id="assignments">{t('manage:review.assignmentsHeading')}</h2>
        <p className="empty">{t('manage:review.noAssignments')}</p>
      </section>
      <section aria-labelledby="issues">
        <h2 id="issues">{t('manage:review.issuesHeading')}</h2>
        {issues.length === 0 ? (
          <p className="empty">{t('manage:review.noIssues')}</p>
        ) : (
          <ul>
            {issues.map((i) => (
              <li key={i.id}>{i18n.language === 'en' ? i.title_en : i.title_id}</li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
