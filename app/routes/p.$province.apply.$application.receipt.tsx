import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { canApply } from '#app/modules/applications/application-access.ts'
import { loadReceipt } from '#app/modules/applications/submission.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'

// Apply pages ship no React, only public enhancements (docs/decisions/005).
export const handle: RouteHandle = {
  hydrate: false,
  enhance: true,
  title: 'pages.receipt' as const,
  crumbs: [
    { title: 'pages.applyHome', to: '/p/:province/apply' },
    { title: 'pages.application', to: '/p/:province/apply/:application' },
  ],
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const owner = { provinceId: province.id, userId: viewer.user.id }
  const id = idParam(params, 'application')
  const receipt = await loadReceipt(context.db, owner, id)
  // A draft has no receipt yet: the review page is where it gets one.
  if (!receipt) throw redirect(`/p/${province.slug}/apply/${id}/submit`)
  return { province, receipt }
}

export default function ReceiptPage() {
  const { province, receipt } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation(['common', 'apply'])
  const lng = i18n.language as Language
  return (
    <main id="main" className="page">
      <h1>{t('apply:receipt.title')}</h1>
      <p>{t('apply:receipt.thanks')}</p>
      <dl>
        <dt>{t('apply:receipt.number')}</dt>
        <dd>
          <strong data-receipt>{receipt.receipt}</strong>
        </dd>
        <dt>{t('apply:receipt.submittedAt')}</dt>
        <dd>{formatDateTime(new Date(receipt.submittedAt), lng, province.time_zone)}</dd>
        <dt>{t('apply:form.issue')}</dt>
        <dd>{lng === 'en' ? receipt.issue.en : receipt.issue.id}</dd>
      </dl>
      {receipt.consentVersion !== null ? (
        <p>{t('apply:receipt.consent', { version: receipt.consentVersion })}</p>
      ) : null}
      <p>{t('apply:receipt.email')}</p>
      <p>
        <Link to={`/p/${province.slug}/apply/${receipt.id}`}>{t('apply:receipt.toStatus')}</Link>
      </p>
    </main>
  )
}
